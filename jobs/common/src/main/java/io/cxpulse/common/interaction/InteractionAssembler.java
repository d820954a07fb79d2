package io.cxpulse.common.interaction;

import io.cxpulse.common.chat.ChatSignals;
import io.cxpulse.common.chat.MessageSignal;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.Sender;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import io.cxpulse.common.time.LateEvents;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Folds the lifecycle events of each call and chat into one closed interaction
 * ({@link InteractionAccumulator}), keyed by {@code VOICE:<call_id>} or {@code CHAT:<chat_id>}.
 *
 * <p>An interaction is emitted when the watermark passes its ENDED or ABANDONED time, so every
 * event up to then has arrived whatever its order within the watermark bound; one with no event
 * for {@code timeout} is emitted as incomplete. Customer chat messages are scored by
 * {@link ChatSignals} as they arrive (the text itself is not kept). An event whose id the
 * interaction has already folded in (a producer's retry that outlived the inputs'
 * de-duplication) changes nothing and is counted in {@code duplicateEvents}.
 *
 * <p>Lateness: a first event behind the watermark by more than {@code allowedLateness} (zero
 * for the alert detectors; the metrics job allows its windows' lateness, so a whole late call
 * still corrects its window) is counted in {@code lateEvents} and not assembled. One behind it
 * by less is assembled and marked {@link InteractionAccumulator#startedLate}, so that an alert
 * detector sharing this assembler with the metrics (the combined run of {@code demo}) can leave
 * out exactly what an assembler of its own, with no lateness, would have dropped. With a
 * lateness, an emitted interaction leaves a marker for that long after the watermark passed it,
 * so a straggler of an interaction already emitted is counted as late instead of starting a
 * second, partial copy of it.
 *
 * <p>State: one accumulator (with the ids of its events) and two timer timestamps per open
 * interaction, and the marker.
 * Death plan: the accumulator and timers are cleared when the interaction is emitted, by the
 * close timer or the inactivity timer; the marker by its own timer {@code allowedLateness}
 * later.
 */
public final class InteractionAssembler
        extends KeyedCoProcessFunction<String, CallEvent, ChatEvent, InteractionAccumulator> {

    private static final long serialVersionUID = 1L;

    static final String ACCUMULATOR_STATE = "interaction";
    static final String CLOSE_TIMER_STATE = "close-timer";
    static final String IDLE_TIMER_STATE = "idle-timer";
    static final String EMITTED_STATE = "emitted-until";

    public static final TypeInformation<InteractionAccumulator> OUTPUT_TYPE =
            TypeInformation.of(InteractionAccumulator.class);

    private final long timeoutMs;
    private final long allowedLatenessMs;
    private final String reportAs;

    private transient ChatSignals chatSignals;
    private transient ValueState<InteractionAccumulator> interaction;
    private transient ValueState<Long> closeTimer;
    private transient ValueState<Long> idleTimer;
    private transient ValueState<Long> emittedUntil;
    private transient LateEvents lateEvents;
    private transient Counter duplicateEvents;

    /** An assembler for the alert detectors: a first event behind the watermark is late. */
    public InteractionAssembler(Duration timeout) {
        this(timeout, Duration.ZERO);
    }

    public InteractionAssembler(Duration timeout, Duration allowedLateness) {
        this(timeout, allowedLateness, "interaction-assembler");
    }

    /** @param reportAs the name its late events are reported under ({@link LateEvents}) */
    public InteractionAssembler(Duration timeout, Duration allowedLateness, String reportAs) {
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowed lateness must not be negative: " + allowedLateness);
        }
        this.timeoutMs = timeout.toMillis();
        this.allowedLatenessMs = allowedLateness.toMillis();
        this.reportAs = reportAs;
    }

    /** The calls and chats keyed by interaction and assembled, as every pipeline that needs interactions builds it. */
    public static DataStream<InteractionAccumulator> assemble(DataStream<CallEvent> calls, DataStream<ChatEvent> chats,
            Duration timeout, Duration allowedLateness, String uid) {
        return calls
                .keyBy(InteractionAssembler::key, Types.STRING)
                .connect(chats.keyBy(InteractionAssembler::key, Types.STRING))
                .process(new InteractionAssembler(timeout, allowedLateness, uid), OUTPUT_TYPE)
                .name("Assemble interactions")
                .uid(uid);
    }

    public static String key(CallEvent e) {
        return "VOICE:" + e.getCallId();
    }

    public static String key(ChatEvent e) {
        return "CHAT:" + e.getChatId();
    }

    @Override
    public void open(OpenContext openContext) {
        chatSignals = ChatSignals.standard();
        interaction = getRuntimeContext().getState(new ValueStateDescriptor<>(ACCUMULATOR_STATE, OUTPUT_TYPE));
        closeTimer = getRuntimeContext().getState(new ValueStateDescriptor<>(CLOSE_TIMER_STATE, Types.LONG));
        idleTimer = getRuntimeContext().getState(new ValueStateDescriptor<>(IDLE_TIMER_STATE, Types.LONG));
        emittedUntil = getRuntimeContext().getState(new ValueStateDescriptor<>(EMITTED_STATE, Types.LONG));
        lateEvents = LateEvents.register(getRuntimeContext(), reportAs);
        duplicateEvents = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
    }

    @Override
    public void processElement1(CallEvent event, Context ctx, Collector<InteractionAccumulator> out) throws Exception {
        InteractionAccumulator acc = current(ctx);
        if (acc == null) {
            return;
        }
        if (acc.add(event)) {
            updated(acc, ctx);
        } else {
            duplicateEvents.inc();
        }
    }

    @Override
    public void processElement2(ChatEvent event, Context ctx, Collector<InteractionAccumulator> out) throws Exception {
        InteractionAccumulator acc = current(ctx);
        if (acc == null) {
            return;
        }
        if (acc.hasSeen(event.getEventId())) {
            duplicateEvents.inc();
            return;
        }
        MessageSignal signal = event.getSender() == Sender.CUSTOMER && event.getText() != null
                ? chatSignals.analyse(event.getText()) : null;
        acc.add(event, signal);
        updated(acc, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<InteractionAccumulator> out) throws Exception {
        InteractionAccumulator acc = interaction.value();
        if (acc == null) {
            Long until = emittedUntil.value();
            if (until != null && timestamp >= until) {
                emittedUntil.clear();
            }
            return;
        }
        Long close = closeTimer.value();
        boolean closed = close != null && close == timestamp;
        Long idle = idleTimer.value();
        boolean timedOut = idle != null && idle == timestamp;
        if (!closed && !timedOut) {
            return;
        }
        if (!closed && acc.lastEventMs + timeoutMs > timestamp) {
            // events came since this idle timer was set: the inactivity deadline moved on
            long idleAgain = acc.lastEventMs + timeoutMs;
            ctx.timerService().registerEventTimeTimer(idleAgain);
            idleTimer.update(idleAgain);
            return;
        }
        acc.closedByTimeout = !closed;
        acc.forgetEventIds();
        out.collect(acc);
        if (close != null && !closed) {
            ctx.timerService().deleteEventTimeTimer(close);
        }
        if (idle != null && !timedOut) {
            ctx.timerService().deleteEventTimeTimer(idle);
        }
        interaction.clear();
        closeTimer.clear();
        idleTimer.clear();
        if (allowedLatenessMs > 0) {
            long until = Math.max(timestamp, ctx.timerService().currentWatermark()) + allowedLatenessMs;
            emittedUntil.update(until);
            ctx.timerService().registerEventTimeTimer(until);
        }
    }

    /** The open interaction, a new one, or null for a late first event (counted). */
    private InteractionAccumulator current(Context ctx) throws Exception {
        InteractionAccumulator acc = interaction.value();
        if (acc != null) {
            return acc;
        }
        if (emittedUntil.value() != null) {
            lateEvents.dropped(1);
            return null;
        }
        long watermark = ctx.timerService().currentWatermark();
        if (ctx.timestamp() != null && ctx.timestamp() + allowedLatenessMs < watermark) {
            lateEvents.dropped(1);
            return null;
        }
        InteractionAccumulator fresh = new InteractionAccumulator();
        fresh.startedLate = ctx.timestamp() != null && ctx.timestamp() < watermark;
        return fresh;
    }

    private void updated(InteractionAccumulator acc, Context ctx) throws Exception {
        interaction.update(acc);
        if (acc.closedAt() != null) {
            long close = acc.closedAt().toEpochMilli();
            Long previous = closeTimer.value();
            if (previous == null || previous != close) {
                if (previous != null) {
                    ctx.timerService().deleteEventTimeTimer(previous);
                }
                ctx.timerService().registerEventTimeTimer(close);
                closeTimer.update(close);
            }
        }
        if (idleTimer.value() == null) {
            long idle = acc.lastEventMs + timeoutMs;
            ctx.timerService().registerEventTimeTimer(idle);
            idleTimer.update(idle);
        }
        // else the idle timer already set fires first and moves itself on to the deadline of
        // the last event then (see onTimer): one timer per timeout period, not a delete and a
        // register per event
    }
}
