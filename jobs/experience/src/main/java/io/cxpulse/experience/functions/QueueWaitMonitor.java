package io.cxpulse.experience.functions;

import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.experience.logic.Alerts;
import io.cxpulse.experience.logic.Episode;
import io.cxpulse.experience.logic.LongWaitRule;
import io.cxpulse.experience.logic.QueueMove;
import io.cxpulse.experience.logic.Signal;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.AlertKind;
import io.cxpulse.schema.AlertStatus;
import io.cxpulse.schema.CallEventType;
import io.cxpulse.schema.Severity;
import io.cxpulse.schema.SubjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import io.cxpulse.common.time.LateEvents;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Watches each queue live, keyed by {@code queue}, from the steps of its calls ({@link QueueMove},
 * what the customer core sends for each call event): who is waiting since when, and raises
 * {@code LONG_WAIT} when {@link LongWaitRule} says the queue is in trouble, resolving it once
 * the queue has been calm for the calm period. Calls only: chats wait in their own queues and
 * are judged per interaction.
 *
 * <p>Events are buffered by event time until the watermark passes them and applied in
 * event-time order (one timer per instant, the events of that instant only: linear, however
 * far the watermark lags). Time passing with nobody answering is itself the signal, so a timer
 * at the moment the oldest caller passes the limit, and again at twice the limit (severity
 * HIGH), re-evaluates the queue with no new event.
 *
 * <p>Out of order beyond the watermark: an ANSWERED or ABANDONED for a caller not yet seen
 * waiting is remembered for the interaction timeout, so its QUEUED arriving later does not
 * leave a phantom caller waiting (which would hold the queue in alarm for hours). Events behind
 * the watermark are still applied, at the next watermark, and counted in {@code lateEvents}.
 *
 * <p>State: buffered events, one entry per waiting caller, departures seen before their
 * arrival, the open episode. Death plan: a caller leaves on ANSWERED, ABANDONED or ENDED; one
 * whose events were lost leaves after the interaction timeout; a remembered departure is
 * forgotten after the interaction timeout; the episode clears on RESOLVED.
 */
public final class QueueWaitMonitor extends KeyedProcessFunction<String, QueueMove, Alert> {

    private static final long serialVersionUID = 1L;

    static final String PENDING_STATE = "pending-call-events";
    static final String WAITING_STATE = "waiting-callers";
    static final String DEPARTED_STATE = "departed-before-queued";
    static final String DEPARTED_EXPIRY_STATE = "departed-expiry";
    static final String EPISODE_STATE = "long-wait-episode";
    static final String CALM_SINCE_STATE = "calm-since";

    private final ExperienceConfig config;

    private transient long timeoutMs;
    private transient LongWaitRule rule;
    private transient MapState<Long, List<QueueMove>> pending;
    private transient MapState<String, Long> waiting;
    private transient MapState<String, Long> departed;
    private transient MapState<Long, List<String>> departedExpiry;
    private transient ValueState<Episode> episode;
    private transient ValueState<Long> calmSince;
    private transient LateEvents lateEvents;

    public QueueWaitMonitor(ExperienceConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        timeoutMs = config.interactionTimeout().toMillis();
        rule = new LongWaitRule(config.queueMaxOldestWait(), config.queueMaxWaiting(), config.queueCalmPeriod());
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                PENDING_STATE, Types.LONG, Types.LIST(TypeInformation.of(QueueMove.class))));
        waiting = getRuntimeContext().getMapState(
                new MapStateDescriptor<>(WAITING_STATE, Types.STRING, Types.LONG));
        departed = getRuntimeContext().getMapState(
                new MapStateDescriptor<>(DEPARTED_STATE, Types.STRING, Types.LONG));
        departedExpiry = getRuntimeContext().getMapState(
                new MapStateDescriptor<>(DEPARTED_EXPIRY_STATE, Types.LONG, Types.LIST(Types.STRING)));
        episode = getRuntimeContext().getState(
                new ValueStateDescriptor<>(EPISODE_STATE, TypeInformation.of(Episode.class)));
        calmSince = getRuntimeContext().getState(new ValueStateDescriptor<>(CALM_SINCE_STATE, Types.LONG));
        lateEvents = LateEvents.register(getRuntimeContext(), "queue-wait-monitor");
    }

    @Override
    public void processElement(QueueMove event, Context ctx, Collector<Alert> out) throws Exception {
        long at = event.atMs;
        if (at <= ctx.timerService().currentWatermark()) {
            lateEvents.appliedLate();
        }
        List<QueueMove> bucket = pending.get(at);
        bucket = bucket == null ? new ArrayList<>() : new ArrayList<>(bucket);
        bucket.add(event);
        pending.put(at, bucket);
        ctx.timerService().registerEventTimeTimer(at);
    }

    @Override
    public void onTimer(long now, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        forgetExpiredDepartures(now);
        applyDueEvents(now, ctx);
        // A caller queued for the whole interaction timeout leaves now, not a millisecond later:
        // its timeout timer is at exactly that instant, and one kept waiting would register the
        // same instant again and fire again at once, forever.
        long staleFrom = now - timeoutMs;
        List<String> stale = new ArrayList<>();
        long oldest = Long.MAX_VALUE;
        int count = 0;
        for (Map.Entry<String, Long> caller : waiting.entries()) {
            if (caller.getValue() <= staleFrom) {
                stale.add(caller.getKey());
            } else {
                oldest = Math.min(oldest, caller.getValue());
                count++;
            }
        }
        for (String callId : stale) {
            waiting.remove(callId);
        }
        long oldestWaitMs = count == 0 ? 0 : now - oldest;
        evaluate(now, oldestWaitMs, count, ctx, out);
        if (count > 0) {
            long next = rule.nextChangeMs(oldest, now);
            if (next != Long.MAX_VALUE) {
                ctx.timerService().registerEventTimeTimer(next);
            }
            ctx.timerService().registerEventTimeTimer(oldest + timeoutMs);
        }
    }

    /** The events of exactly this instant: timers fire in time order, one per distinct instant. */
    private void applyDueEvents(long now, OnTimerContext ctx) throws Exception {
        List<QueueMove> bucket = pending.get(now);
        if (bucket == null) {
            return;
        }
        pending.remove(now);
        List<QueueMove> due = new ArrayList<>(bucket);
        due.sort(Comparator.comparing((QueueMove m) -> m.type).thenComparing(m -> m.eventId));
        for (QueueMove e : due) {
            String callId = e.callId;
            CallEventType type = e.type;
            if (type == CallEventType.QUEUED) {
                if (departed.contains(callId)) {
                    departed.remove(callId);
                } else {
                    waiting.put(callId, now);
                }
            } else if (waiting.contains(callId)) {
                waiting.remove(callId);
            } else if (type == CallEventType.ANSWERED || type == CallEventType.ABANDONED) {
                rememberDeparture(callId, now, ctx);
            }
        }
    }

    private void rememberDeparture(String callId, long at, OnTimerContext ctx) throws Exception {
        departed.put(callId, at);
        long expiry = at + timeoutMs;
        List<String> expiring = departedExpiry.get(expiry);
        expiring = expiring == null ? new ArrayList<>() : new ArrayList<>(expiring);
        expiring.add(callId);
        departedExpiry.put(expiry, expiring);
        ctx.timerService().registerEventTimeTimer(expiry);
    }

    private void forgetExpiredDepartures(long now) throws Exception {
        List<String> expired = departedExpiry.get(now);
        if (expired == null) {
            return;
        }
        departedExpiry.remove(now);
        for (String callId : expired) {
            Long at = departed.get(callId);
            if (at != null && at + timeoutMs <= now) {
                departed.remove(callId);
            }
        }
    }

    private void evaluate(long now, long oldestWaitMs, int count, Context ctx, Collector<Alert> out)
            throws Exception {
        Episode open = episode.value();
        String queue = ctx.getCurrentKey();
        if (rule.breached(oldestWaitMs, count)) {
            if (calmSince.value() != null) {
                calmSince.clear();
            }
            Severity severity = rule.severity(oldestWaitMs, count);
            if (open == null) {
                open = new Episode(now);
                open.severity = severity.name();
                episode.update(open);
                out.collect(alert(AlertStatus.OPEN, open, queue, severity, oldestWaitMs, count, now));
            } else if (severity.ordinal() > Severity.valueOf(open.severity).ordinal()) {
                open.severity = severity.name();
                open.lastSignalMs = now;
                episode.update(open);
                out.collect(alert(AlertStatus.UPDATE, open, queue, severity, oldestWaitMs, count, now));
            }
        } else if (open != null) {
            Long calm = calmSince.value();
            if (calm == null) {
                calmSince.update(now);
                ctx.timerService().registerEventTimeTimer(now + rule.calmPeriod().toMillis());
            } else if (now >= calm + rule.calmPeriod().toMillis()) {
                out.collect(alert(AlertStatus.RESOLVED, open, queue, Severity.valueOf(open.severity), oldestWaitMs,
                        count, now));
                episode.clear();
                calmSince.clear();
            }
        }
    }

    private static Alert alert(AlertStatus status, Episode open, String queue, Severity severity, long oldestWaitMs,
            int count, long now) {
        long oldestWaitS = oldestWaitMs / 1000;
        return Alerts.alert(AlertKind.LONG_WAIT, status, open, SubjectType.QUEUE, queue, null, null, severity,
                status == AlertStatus.RESOLVED ? "Queue " + queue + " is back to normal"
                        : LongWaitRule.summary(queue, oldestWaitMs, count),
                List.of(new Signal("oldest_wait_s=" + oldestWaitS, "", severity, "oldest_wait_s", oldestWaitS),
                        new Signal("waiting=" + count, "", severity, "waiting", count)),
                Map.of(),
                Instant.ofEpochMilli(now), Instant.now());
    }
}
