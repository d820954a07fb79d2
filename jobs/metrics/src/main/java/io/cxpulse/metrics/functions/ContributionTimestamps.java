package io.cxpulse.metrics.functions;

import io.cxpulse.metrics.logic.Contribution;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Stamps each contribution with the time it counts at, leaving watermarks as they are.
 *
 * <p>Most contributions already carry that timestamp. A survey's queue and a complaint's
 * supplier come out of a join at the moment the other side arrived; restamped, they land in the
 * window of their own time, and when that window has already closed the window operator treats
 * them as the late data they are (a correction within the allowed lateness, set aside after).
 */
public final class ContributionTimestamps extends AbstractStreamOperator<Contribution>
        implements OneInputStreamOperator<Contribution, Contribution> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(StreamRecord<Contribution> element) {
        output.collect(element.replace(element.getValue(), element.getValue().timeMs));
    }
}
