package io.cxpulse.common.io;

import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.serde.DeadLetterReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits what a source ingested: valid records continue on the main output, dead letters go
 * to {@link #DEAD_LETTERS}. Counts both: Flink metrics {@code records.in}, {@code records.valid}
 * and {@code deadLetters.<reason>} for the live view; accumulators {@code <input>.in},
 * {@code <input>.deadLetters} for the totals a bounded run (replay, tests) reports, so
 * "records in = records out + dead letters" can be checked.
 *
 * <p>Stateless.
 */
public final class DeadLetterRouter<T extends SpecificRecordBase> extends ProcessFunction<Ingested<T>, T> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", org.apache.flink.api.common.typeinfo.TypeInformation.of(DeadLetter.class));

    private final String inputName;

    private transient Counter in;
    private transient Counter valid;
    private transient Map<DeadLetterReason, Counter> deadByReason;
    private transient LongCounter inTotal;
    private transient LongCounter deadTotal;

    public DeadLetterRouter(String inputName) {
        this.inputName = inputName;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("input", inputName);
        in = group.counter("records.in");
        valid = group.counter("records.valid");
        MetricGroup dead = group.addGroup("deadLetters");
        deadByReason = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadByReason.put(reason, dead.counter(reason.metricName()));
        }
        inTotal = getRuntimeContext().getLongCounter(inputName + ".in");
        deadTotal = getRuntimeContext().getLongCounter(inputName + ".deadLetters");
    }

    @Override
    public void processElement(Ingested<T> value, Context ctx, Collector<T> out) {
        in.inc();
        inTotal.add(1);
        if (value.isValid()) {
            valid.inc();
            out.collect(value.record);
        } else {
            deadByReason.get(value.deadLetter.reasonEnum()).inc();
            deadTotal.add(1);
            ctx.output(DEAD_LETTERS, value.deadLetter);
        }
    }
}
