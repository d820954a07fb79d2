package io.cxpulse.bench;

import io.cxpulse.common.chat.ChatSignals;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The language signals of one customer chat message: {@link ChatSignals#analyse}, sentiment and
 * escalation words in English and Chinese, as the customer core runs it on every
 * customer MESSAGE. One operation is one message; the mix ({@link BenchData#chatMessages}) is
 * half English, half Chinese, a third unhappy or escalating.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class ChatSignalsBenchmark {

    private ChatSignals signals;
    private String[] messages;

    @Setup
    public void setUp() {
        signals = ChatSignals.standard();
        messages = BenchData.chatMessages(BenchData.BATCH, 44);
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public void analyseMessage(Blackhole blackhole) {
        for (String message : messages) {
            blackhole.consume(signals.analyse(message));
        }
    }
}
