package io.cxpulse.common.io;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.deadletter.DeadLetter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The five input streams of the contract, as pipelines receive them: decoded, validated,
 * timestamped by {@code event_time}. Where they come from (Kafka topics, replay files, test
 * data) is the subclass's business, which is why live, replay and tests run the very same
 * pipeline graph.
 *
 * <p>Each input is read once, on first request, however many pipelines ask for it; the dead
 * letters of every input that was read are in {@link #deadLetters()}.
 */
public abstract class PipelineInputs {

    protected final StreamExecutionEnvironment env;
    protected final CxPulseConfig config;

    private final Map<InputTopic<?>, DataStream<?>> validatedStreams = new LinkedHashMap<>();
    private final List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();

    protected PipelineInputs(StreamExecutionEnvironment env, CxPulseConfig config) {
        this.env = env;
        this.config = config;
    }

    /**
     * The raw ingested stream of one input, timestamped and watermarked with
     * {@link io.cxpulse.common.time.Watermarks}, or empty when this source has no such input.
     */
    protected abstract <T extends SpecificRecordBase> DataStream<Ingested<T>> ingest(InputTopic<T> input);

    /**
     * The input's records, decoded and validated, dead letters routed aside: no state at all.
     * Not deduplicated here: a producer's retry is dropped in the customer core, which remembers
     * each customer's recent event ids (no keyed exchange of its own).
     */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecordBase> DataStream<T> validated(InputTopic<T> input) {
        DataStream<?> existing = validatedStreams.get(input);
        if (existing != null) {
            return (DataStream<T>) existing;
        }
        SingleOutputStreamOperator<T> valid = ingest(input)
                .process(new DeadLetterRouter<T>(input.name()))
                .returns(input.typeInfo())
                .name("Route dead letters: " + input.name())
                .uid(input.name() + "-dead-letter-router");
        deadLetters.add(valid.getSideOutput(DeadLetterRouter.DEAD_LETTERS));
        validatedStreams.put(input, valid);
        return valid;
    }

    /** The dead letters of every input read so far; empty when none was read. */
    public Optional<DataStream<DeadLetter>> deadLetters() {
        if (deadLetters.isEmpty()) {
            return Optional.empty();
        }
        DataStream<DeadLetter> all = deadLetters.get(0);
        for (int i = 1; i < deadLetters.size(); i++) {
            all = all.union(deadLetters.get(i));
        }
        return Optional.of(all);
    }

    public StreamExecutionEnvironment env() {
        return env;
    }

    public CxPulseConfig config() {
        return config;
    }
}
