package io.cxpulse.bench;

import io.cxpulse.common.config.SerdeConfig;
import io.cxpulse.common.config.SourcesConfig;
import io.cxpulse.common.io.Ingested;
import io.cxpulse.common.io.IngestingDeserializer;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.serde.Codecs;
import io.cxpulse.common.serde.RecordCodec;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.CallEventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What every source does to each Kafka record of {@code cx.calls.v1}: {@link IngestingDeserializer}
 * decodes the Avro single-object bytes (the default wire format) into a {@code CallEvent} and runs
 * the contract's input validation, yielding the record or a dead letter with its reason. One
 * operation is one Kafka record.
 *
 * <p>The deserializer is built as {@code KafkaInputs} builds it: the codec of the default
 * {@code serde} settings, the default {@code sources} limits. {@code badPercent} of the records are
 * broken in the ways the dead-letter reasons name (blank customer, implausible time, unknown type,
 * truncated body, not Avro at all), to price the dead-letter path at a realistic trickle. The
 * {@code DeadLetterRouter} after the source only bumps counters and splits the stream, and needs a
 * Flink runtime context, so it is not part of this measurement.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Decoding is still speeding up after three 2-second warm-ups; the other benchmarks are not.
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class DecodeValidateBenchmark {

    private static final String TOPIC = "cx.calls.v1";

    /** Percent of records that are dead letters: 0 (a clean stream) or 1 (a bad producer somewhere). */
    @Param({"0", "1"})
    public int badPercent;

    private IngestingDeserializer<CallEvent> deserializer;
    private ConsumerRecord<byte[], byte[]>[] records;

    @Setup
    public void setUp() {
        SourcesConfig sources = SourcesConfig.defaults();
        RecordCodec<CallEvent> codec = Codecs.forRecord(CallEvent.class, SerdeConfig.defaults());
        deserializer = new IngestingDeserializer<>(InputTopic.CALLS, codec, sources.ingestLimits(), "bench");
        deserializer.open(null);

        List<CallEvent> calls = BenchData.calls(BenchData.BATCH, 42);
        SplittableRandom random = new SplittableRandom(7);
        records = newRecordArray(calls.size());
        int bad = 0;
        for (int i = 0; i < calls.size(); i++) {
            CallEvent call = calls.get(i);
            byte[] value = random.nextInt(100) < badPercent ? broken(codec, call, bad++) : codec.encode(TOPIC, call);
            records[i] = new ConsumerRecord<>(TOPIC, i % 6, i, call.getCallId().getBytes(StandardCharsets.UTF_8),
                    value);
        }
    }

    /** One broken record per dead-letter reason, in turn. */
    private static byte[] broken(RecordCodec<CallEvent> codec, CallEvent call, int n) {
        return switch (n % 5) {
            case 0 -> codec.encode(TOPIC, CallEvent.newBuilder(call).setCustomerId(" ").build());
            case 1 -> codec.encode(TOPIC, CallEvent.newBuilder(call).setEventTime(Instant.EPOCH).build());
            case 2 -> codec.encode(TOPIC, CallEvent.newBuilder(call).setType(CallEventType.UNKNOWN).build());
            case 3 -> {
                byte[] whole = codec.encode(TOPIC, call);
                yield Arrays.copyOf(whole, whole.length / 2);
            }
            default -> ("{\"event_id\":\"" + call.getEventId() + "\"}").getBytes(StandardCharsets.UTF_8);
        };
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<byte[], byte[]>[] newRecordArray(int size) {
        return (ConsumerRecord<byte[], byte[]>[]) new ConsumerRecord<?, ?>[size];
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public void decodeAndValidateCall(Blackhole blackhole) {
        Collector<Ingested<CallEvent>> out = new BlackholeCollector<>(blackhole);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            deserializer.deserialize(record, out);
        }
    }
}
