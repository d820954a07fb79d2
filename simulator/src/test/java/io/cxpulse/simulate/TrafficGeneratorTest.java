package io.cxpulse.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.replay.JsonRecordMapper;
import io.cxpulse.common.validate.RecordValidator;
import io.cxpulse.common.validate.ValidationRules;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.ChatEventType;
import io.cxpulse.schema.ComplaintCategory;
import io.cxpulse.schema.ComplaintEvent;
import io.cxpulse.schema.ComplaintEventType;
import io.cxpulse.schema.ShipmentEvent;
import io.cxpulse.schema.ShipmentEventType;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulated traffic is valid, ordered, reproducible and shaped as documented, and each
 * scripted incident changes what it should, where and when it should, and nothing else.
 */
class TrafficGeneratorTest {

    private static final Instant START = Instant.parse("2026-11-16T08:00:00Z");
    private static final World WORLD = World.standard(1, 20_000);
    private static List<SimEvent> events;

    @BeforeAll
    static void simulateTheDefaultScript() {
        events = run(1, IncidentScript.defaultScript(), Duration.ofHours(6));
    }

    private static List<SimEvent> run(long seed, IncidentScript script, Duration duration) {
        List<SimEvent> out = new ArrayList<>();
        new TrafficGenerator(new TrafficGenerator.Settings(seed, START, duration, 1, 20_000), WORLD, script)
                .forEachRemaining(out::add);
        return out;
    }

    private static long minutes(long m) {
        return START.plusSeconds(60 * m).toEpochMilli();
    }

    @Test
    void theSameSeedGivesTheSameTrafficAndAnotherSeedOther() {
        List<SimEvent> again = run(1, IncidentScript.defaultScript(), Duration.ofHours(6));
        List<SimEvent> other = run(2, IncidentScript.defaultScript(), Duration.ofHours(6));

        assertThat(again).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i += 97) {
            assertThat(again.get(i).record()).isEqualTo(events.get(i).record());
        }
        assertThat(other.subList(0, 100)).extracting(SimEvent::record)
                .isNotEqualTo(events.subList(0, 100).stream().map(SimEvent::record).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRecordIsValidUniqueAndInEventTimeOrderAndSurvivesTheReplayFormat() throws Exception {
        Set<String> ids = new HashSet<>();
        long last = Long.MIN_VALUE;
        Map<InputTopic<?>, JsonRecordMapper<SpecificRecordBase>> mappers = new HashMap<>();
        for (SimEvent e : events) {
            InputTopic<SpecificRecordBase> input = (InputTopic<SpecificRecordBase>) e.input();
            ((RecordValidator<SpecificRecordBase>) input.validator()).validate(e.record(), ValidationRules.DEFAULT);
            assertThat(ids.add(input.name() + "/" + input.eventId().apply(e.record()))).isTrue();
            assertThat(input.eventTime().apply(e.record()).toEpochMilli()).isEqualTo(e.timeMs());
            assertThat(e.timeMs()).isGreaterThanOrEqualTo(last);
            last = e.timeMs();
            JsonRecordMapper<SpecificRecordBase> mapper = mappers.computeIfAbsent(input,
                    i -> JsonRecordMapper.forClass((Class<SpecificRecordBase>) i.recordClass()));
            assertThat(mapper.read(mapper.write(e.record()))).isEqualTo(e.record());
        }
        assertThat(last).isLessThan(START.plus(Duration.ofHours(6)).plus(TrafficGenerator.DRAIN).toEpochMilli());
        assertThat(events).extracting(e -> e.input().name()).contains("calls", "chats", "surveys", "shipments",
                "complaints");
    }

    @Test
    void everyAnsweredCallEndsOnceAndAbandonedOnesNever() {
        Map<String, List<CallEventType>> lifecycles = new HashMap<>();
        for (CallEvent c : records(CallEvent.class)) {
            lifecycles.computeIfAbsent(c.getCallId(), k -> new ArrayList<>()).add(c.getType());
        }
        long cutShort = 0;
        for (List<CallEventType> types : lifecycles.values()) {
            assertThat(types.get(0)).isEqualTo(CallEventType.QUEUED);
            if (types.contains(CallEventType.ABANDONED)) {
                assertThat(types).containsExactly(CallEventType.QUEUED, CallEventType.ABANDONED);
            } else if (types.contains(CallEventType.ENDED)) {
                assertThat(types.get(1)).isEqualTo(CallEventType.ANSWERED);
                assertThat(types.get(types.size() - 1)).isEqualTo(CallEventType.ENDED);
            } else {
                cutShort++; // still under way when the drain ended
            }
        }
        assertThat(cutShort).isLessThan(lifecycles.size() / 100);
    }

    @Test
    void volumesFollowTheDocumentedRates() {
        long contacts = records(CallEvent.class).stream().filter(c -> c.getType() == CallEventType.QUEUED).count()
                + records(ChatEvent.class).stream().filter(c -> c.getType() == ChatEventType.STARTED).count();
        long shipped = records(ShipmentEvent.class).stream()
                .filter(s -> s.getType() == ShipmentEventType.SHIPPED).count();
        // 08:00-14:00: the daily curve averages about 1.13; comebacks add about a tenth to contacts.
        assertThat(shipped / 6.0).isCloseTo(1500 * 1.13, within(150.0));
        assertThat(contacts / 6.0).isBetween(1000 * 1.13, 1000 * 1.13 * 1.35);
        double answered = records(SurveyResponse.class).size() / (double) contacts;
        assertThat(answered).isBetween(0.18, 0.25);
    }

    @Test
    void callersWaitUnderTwoAndAHalfMinutesExceptInTheOverloadedQueue() {
        Map<String, Long> queuedAt = new HashMap<>();
        long overloadStart = minutes(20);
        long overloadEnd = minutes(50);
        List<Long> overloadWaits = new ArrayList<>();
        for (CallEvent c : records(CallEvent.class)) {
            if (c.getType() == CallEventType.QUEUED) {
                queuedAt.put(c.getCallId(), c.getEventTime().toEpochMilli());
            } else if (c.getType() == CallEventType.ANSWERED) {
                long queued = queuedAt.get(c.getCallId());
                long wait = c.getEventTime().toEpochMilli() - queued;
                if (c.getQueue().equals("delivery") && queued >= overloadStart && queued < overloadEnd) {
                    overloadWaits.add(wait);
                } else {
                    assertThat(wait).as(c.getCallId()).isLessThanOrEqualTo(150_000);
                }
            }
        }
        assertThat(overloadWaits).isNotEmpty().allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(200_000));
    }

    @Test
    void theBadSupplierShipsThreePercentAndDrawsAboutAQuarterOfShippingComplaints() {
        Map<String, String> supplierOf = new HashMap<>();
        long shipped = 0;
        long byBad = 0;
        for (ShipmentEvent s : records(ShipmentEvent.class)) {
            if (s.getType() == ShipmentEventType.SHIPPED) {
                supplierOf.put(s.getOrderId(), s.getSupplierId());
                shipped++;
                byBad += s.getSupplierId().equals("WH-F") ? 1 : 0;
            }
        }
        long complaints = 0;
        long aboutBad = 0;
        for (ComplaintEvent c : records(ComplaintEvent.class)) {
            // Before the late-order wave, which adds WH-C's complaints.
            if (c.getType() == ComplaintEventType.OPENED && c.getCategory() == ComplaintCategory.SHIPPING
                    && c.getOrderId() != null && c.getEventTime().toEpochMilli() < minutes(90)) {
                complaints++;
                aboutBad += "WH-F".equals(supplierOf.get(c.getOrderId())) ? 1 : 0;
            }
        }
        assertThat(byBad / (double) shipped).isCloseTo(0.03, within(0.005));
        assertThat(aboutBad / (double) complaints).isBetween(0.15, 0.40);
    }

    @Test
    void theSurgeMultipliesItsCategoryOnlyWhileItLasts() {
        // Direct complaints (not raised in a contact) per hour: PRODUCT before and during the
        // surge (09:05-09:30); the categories it must leave alone over the rest of the run and
        // during it.
        double[] product = new double[2];
        double[] others = new double[2];
        for (ComplaintEvent c : records(ComplaintEvent.class)) {
            if (c.getType() != ComplaintEventType.OPENED || c.getInteractionId() != null) {
                continue;
            }
            long t = c.getEventTime().toEpochMilli();
            boolean during = t >= minutes(65) && t < minutes(90);
            if (c.getCategory() == ComplaintCategory.PRODUCT && t < minutes(60)) {
                product[0]++;
            } else if (c.getCategory() == ComplaintCategory.PRODUCT && during) {
                product[1]++;
            } else if (c.getCategory() == ComplaintCategory.BILLING || c.getCategory() == ComplaintCategory.SERVICE
                    || c.getCategory() == ComplaintCategory.OTHER) {
                others[during ? 1 : 0]++;
            }
        }
        double productRatio = (product[1] / 25.0) / (product[0] / 60.0);
        double othersRatio = (others[1] / 25.0) / (others[0] / (360.0 - 25));
        assertThat(productRatio).isBetween(12.0, 30.0);
        assertThat(othersRatio).isLessThan(3.0);
    }

    @Test
    void theStrugglingAgentResolvesLessThanItsTeam() {
        Map<String, long[]> byAgent = new HashMap<>(); // ended, resolved
        for (CallEvent c : records(CallEvent.class)) {
            if (c.getType() == CallEventType.ENDED && c.getEventTime().toEpochMilli() < minutes(240)
                    && "team-blue".equals(c.getTeamId())) {
                long[] n = byAgent.computeIfAbsent(c.getAgentId(), k -> new long[2]);
                n[0]++;
                n[1] += Boolean.TRUE.equals(c.getResolved()) ? 1 : 0;
            }
        }
        long[] struggling = byAgent.remove("agent-04");
        long[] rest = byAgent.values().stream().reduce(new long[2], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        double strugglingRate = struggling[1] / (double) struggling[0];
        double restRate = rest[1] / (double) rest[0];
        assertThat(strugglingRate).isLessThan(restRate * 0.6);
    }

    @Test
    void lateOrdersAreTheLateSuppliersShippedDuringTheWaveAndTheirCustomersCall() {
        Map<String, ShipmentEvent> shipped = new HashMap<>();
        Set<String> delayed = new HashSet<>();
        for (ShipmentEvent s : records(ShipmentEvent.class)) {
            if (s.getType() == ShipmentEventType.SHIPPED) {
                shipped.put(s.getOrderId(), s);
            } else if (s.getType() == ShipmentEventType.DELAYED) {
                delayed.add(s.getOrderId());
                ShipmentEvent ship = shipped.get(s.getOrderId());
                assertThat(ship.getSupplierId()).isEqualTo("WH-C");
                assertThat(ship.getEventTime().toEpochMilli()).isBetween(minutes(90), minutes(150) - 1);
            }
        }
        long lateCalls = records(CallEvent.class).stream()
                .filter(c -> c.getType() == CallEventType.QUEUED && delayed.contains(c.getOrderId())).count();
        assertThat(delayed).hasSizeGreaterThan(200);
        assertThat(lateCalls).isGreaterThan(delayed.size() / 5);
    }

    @Test
    void chatsAreWrittenInEnglishAndChinese() {
        List<String> texts = records(ChatEvent.class).stream().filter(c -> c.getType() == ChatEventType.MESSAGE)
                .map(ChatEvent::getText).toList();
        long chinese = texts.stream().filter(t -> t.codePoints().anyMatch(cp -> cp >= 0x4E00 && cp <= 0x9FFF)).count();
        assertThat(chinese / (double) texts.size()).isBetween(0.2, 0.4);
    }

    @Test
    void withoutIncidentsTheTrafficIsTheSameShapeButCalm() {
        List<SimEvent> calm = run(1, new IncidentScript(List.of()), Duration.ofHours(2));

        assertThat(calm).noneMatch(e -> e.record() instanceof ShipmentEvent s && s.getType() == ShipmentEventType.DELAYED);
    }

    private static <T> List<T> records(Class<T> type) {
        return events.stream().map(SimEvent::record).filter(type::isInstance).map(type::cast).toList();
    }
}
