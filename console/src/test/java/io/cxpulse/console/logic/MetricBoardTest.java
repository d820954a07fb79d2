package io.cxpulse.console.logic;

import static io.cxpulse.console.logic.Alerts.NINE_AM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxpulse.schema.Dimension;
import io.cxpulse.schema.MetricSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricBoardTest {

    static MetricSnapshot minute(String queue, Instant start, long csatResponses, long satisfied, long contacts,
            long abandoned) {
        return Alerts.metric(Dimension.QUEUE, queue, start, Duration.ofMinutes(1), true, csatResponses, satisfied, contacts,
                abandoned);
    }

    @Test
    void chartBucketsAreRatiosOfSumsNeverAveragesOfRatios() {
        MetricBoard board = new MetricBoard(Duration.ofHours(6), Duration.ofMinutes(5));
        board.apply(minute("billing", NINE_AM, 1, 1, 10, 0));                       // 100 % of 1
        board.apply(minute("billing", NINE_AM.plusSeconds(60), 9, 0, 10, 5));      // 0 % of 9

        MetricPoint p = board.view(Dimension.QUEUE, v -> true).get(0).points().get(0);

        assertThat(p.csatPct()).isCloseTo(10.0, within(1e-9));  // 1 of 10, not (100 + 0) / 2
        assertThat(p.abandonRate()).isCloseTo(0.25, within(1e-9));
        assertThat(p.contacts()).isEqualTo(20);
        assertThat(p.asaSeconds()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void theLiveFigureIsTheLatestRecordOfTheNewestHour() {
        MetricBoard board = new MetricBoard(Duration.ofHours(6), Duration.ofMinutes(5));
        Instant hour = NINE_AM;
        board.apply(Alerts.metric(Dimension.QUEUE, "billing", hour, Duration.ofHours(1), false, 4, 1, 10, 0));
        board.apply(Alerts.metric(Dimension.QUEUE, "billing", hour, Duration.ofHours(1), false, 4, 3, 12, 0));
        board.apply(Alerts.metric(Dimension.QUEUE, "billing", hour.minus(Duration.ofHours(1)), Duration.ofHours(1), true,
                100, 100, 100, 0));

        MetricSeries s = board.view(Dimension.QUEUE, v -> true).get(0);

        assertThat(s.live().start()).isEqualTo(hour);
        assertThat(s.live().csatPct()).isEqualTo(75.0);
        assertThat(s.live().isFinal()).isFalse();
    }

    @Test
    void keepsOnlyTheShownDimensionsAndTheHistoryOnEventTime() {
        MetricBoard board = new MetricBoard(Duration.ofHours(1), Duration.ofMinutes(5));
        assertThat(board.apply(Alerts.metric(Dimension.AGENT, "agent-7", NINE_AM, Duration.ofMinutes(1), true, 1, 1, 1, 0)))
                .isFalse();
        board.apply(minute("billing", NINE_AM, 1, 1, 1, 0));
        board.apply(minute("billing", NINE_AM.plus(Duration.ofHours(3)), 1, 1, 1, 0));

        board.prune();

        List<MetricPoint> points = board.view(Dimension.QUEUE, v -> true).get(0).points();
        assertThat(points).extracting(MetricPoint::start).containsExactly(NINE_AM.plus(Duration.ofHours(3)));
    }

    @Test
    void teamMetricsAreFilteredByWhatTheUserMaySee() {
        MetricBoard board = new MetricBoard(Duration.ofHours(6), Duration.ofMinutes(5));
        board.apply(Alerts.metric(Dimension.TEAM, "blue", NINE_AM, Duration.ofMinutes(1), true, 1, 1, 1, 0));
        board.apply(Alerts.metric(Dimension.TEAM, "green", NINE_AM, Duration.ofMinutes(1), true, 1, 1, 1, 0));

        assertThat(board.view(Dimension.TEAM, "blue"::equals)).extracting(MetricSeries::value).containsExactly("blue");
    }
}
