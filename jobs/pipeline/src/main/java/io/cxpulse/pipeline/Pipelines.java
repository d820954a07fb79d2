package io.cxpulse.pipeline;

import io.cxpulse.common.config.ConfigLoader;
import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.common.io.InputTopic;
import io.cxpulse.common.io.KafkaInputs;
import io.cxpulse.common.io.KafkaOutputs;
import io.cxpulse.common.io.OutputTopic;
import io.cxpulse.common.io.PipelineInputs;
import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.complaints.ComplaintsPipeline;
import io.cxpulse.customer.CustomerCoreConfig;
import io.cxpulse.customer.CustomerInput;
import io.cxpulse.customer.functions.CoreOutputs;
import io.cxpulse.customer.functions.CustomerCore;
import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.experience.functions.QueueWaitMonitor;
import io.cxpulse.metrics.MetricsConfig;
import io.cxpulse.metrics.MetricsPipeline;
import io.cxpulse.schema.Alert;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one CX Pulse topology: the experience, complaints and metrics pipelines on one set of
 * inputs. Every entry point builds it here with its own sources and sinks: the cluster job
 * ({@link CxPulseJob}), {@code cxpulse run}, {@code demo} and {@code bench} on Kafka
 * ({@link #attachToKafka}), {@code replay} on files ({@link #attachAll}). A bounded run (replay)
 * has the metrics job emit final records only, no early updates, so that its output is
 * deterministic. Events the metrics job sets aside as too late go with the input's dead letters.
 */
public final class Pipelines {

    /** The name the combined run goes by (consumer group, transactional ids, dead-letter headers). */
    public static final String ALL_JOBS = "all";

    /** Each job's own configuration section. */
    public record JobConfigs(ExperienceConfig experience, ComplaintsConfig complaints, MetricsConfig metrics) {

        public static final JobConfigs DEFAULTS =
                new JobConfigs(ExperienceConfig.DEFAULTS, ComplaintsConfig.DEFAULTS, MetricsConfig.DEFAULTS);

        public static JobConfigs read(Path file) throws IOException {
            return new JobConfigs(
                    ConfigLoader.section(file, ExperienceConfig.NAME, ExperienceConfig.class, ExperienceConfig.DEFAULTS,
                            System.getenv()),
                    ConfigLoader.section(file, ComplaintsConfig.NAME, ComplaintsConfig.class, ComplaintsConfig.DEFAULTS,
                            System.getenv()),
                    ConfigLoader.section(file, MetricsConfig.NAME, MetricsConfig.class, MetricsConfig.DEFAULTS,
                            System.getenv()));
        }
    }

    private static final AvroTypeInfo<Alert> ALERT_TYPE = new AvroTypeInfo<>(Alert.class);

    private Pipelines() {}

    /**
     * The one topology on the given inputs; {@code bounded} for replay. Every input event crosses
     * one keyed exchange, by customer, into the customer core; what leaves it goes, pre-aggregated,
     * to the monitors and metric windows keyed by their own low-cardinality keys:
     *
     * <pre>
     * calls, chats, surveys, shipments, complaints ─► keyBy(customer) ─► customer core ─┬─► customer alerts
     *                                                                                    ├─► closed interactions
     *   queue moves ─► keyBy(queue) ─► live queue monitor (LONG_WAIT) ◄─────────────────┤
     *   metric contributions ─► add up ─► keyBy(dimension value) ─► metric windows ◄─────┤
     *   share counts ─► add up ─► keyBy(category) ─► supplier shares (SUPPLIER_OUTLIER) ◄┤
     *   complaints as they arrive ─► keyBy(category) ─► spike monitor (COMPLAINT_SPIKE) ◄┘
     * </pre>
     */
    public static PipelineOutputs attachAll(PipelineInputs inputs, JobConfigs jobs, boolean bounded) {
        MetricsConfig metricsConfig = bounded ? jobs.metrics().withoutEarlyUpdates() : jobs.metrics();
        CustomerCoreConfig coreConfig = CustomerCoreConfig.of(jobs.experience(), metricsConfig, jobs.complaints(),
                inputs.config().dedup());
        DataStream<CustomerInput> events = inputs.validated(InputTopic.CALLS)
                .map(CustomerInput::of, CustomerInput.TYPE).name("Calls to the customer core").uid("calls-in")
                .union(inputs.validated(InputTopic.CHATS)
                                .map(CustomerInput::of, CustomerInput.TYPE).name("Chats to the customer core")
                                .uid("chats-in"),
                        inputs.validated(InputTopic.SURVEYS)
                                .map(CustomerInput::of, CustomerInput.TYPE).name("Surveys to the customer core")
                                .uid("surveys-in"),
                        inputs.validated(InputTopic.SHIPMENTS)
                                .map(CustomerInput::of, CustomerInput.TYPE).name("Shipments to the customer core")
                                .uid("shipments-in"),
                        inputs.validated(InputTopic.COMPLAINTS)
                                .map(CustomerInput::of, CustomerInput.TYPE).name("Complaints to the customer core")
                                .uid("complaints-in"));
        SingleOutputStreamOperator<Alert> customers = events
                .keyBy(CustomerInput::customerOf, Types.STRING)
                .process(new CustomerCore(coreConfig), ALERT_TYPE)
                .name("Customer core")
                .uid("customer-core");
        DataStream<Alert> queues = customers.getSideOutput(CoreOutputs.QUEUE_MOVES)
                .keyBy(move -> move.queue, Types.STRING)
                .process(new QueueWaitMonitor(jobs.experience()), ALERT_TYPE)
                .name("Watch queue waits")
                .uid("queue-wait-monitor");
        MetricsPipeline.Outputs metrics = MetricsPipeline.fromContributions(
                customers.getSideOutput(CoreOutputs.CONTRIBUTIONS), metricsConfig);
        ComplaintsPipeline.Outputs complaints = ComplaintsPipeline.fromCounts(
                customers.getSideOutput(CoreOutputs.SHARE_COUNTS),
                customers.getSideOutput(CoreOutputs.COMPLAINTS_ARRIVED), jobs.complaints());
        return new PipelineOutputs(List.of(customers, queues, complaints.alerts()), List.of(metrics.metrics()),
                List.of(complaints.supplierShares()), List.of(metrics.late()),
                customers.getSideOutput(CoreOutputs.INTERACTIONS));
    }

    /**
     * Every pipeline live on Kafka, as the cluster job and {@code demo} run them: one set of
     * sources (consumer group {@code cxpulse-all}) feeding the one topology, exactly-once sinks to
     * the output topics and dead letters to theirs.
     */
    public static void attachToKafka(StreamExecutionEnvironment env, CxPulseConfig config, JobConfigs jobs) {
        attachToKafka(env, config, jobs, false);
    }

    /**
     * ... or, {@code bounded}, up to the input topics' ends when the job starts, after which the
     * job closes every window and finishes (the benchmark's R2).
     */
    public static void attachToKafka(StreamExecutionEnvironment env, CxPulseConfig config, JobConfigs jobs,
            boolean bounded) {
        KafkaInputs inputs = new KafkaInputs(env, config, ALL_JOBS, bounded);
        PipelineOutputs outputs = attachAll(inputs, jobs, bounded);
        union(outputs.alerts()).sinkTo(KafkaOutputs.sink(OutputTopic.ALERTS, config, ALL_JOBS))
                .name("Write alerts").uid("alert-sink");
        union(outputs.metrics()).sinkTo(KafkaOutputs.sink(OutputTopic.METRICS, config, ALL_JOBS))
                .name("Write metrics").uid("metric-sink");
        union(outputs.supplierShares()).sinkTo(KafkaOutputs.sink(OutputTopic.SUPPLIER_SHARES, config, ALL_JOBS))
                .name("Write supplier shares").uid("supplier-share-sink");
        outputs.interactions().sinkTo(KafkaOutputs.sink(OutputTopic.INTERACTIONS, config, ALL_JOBS))
                .name("Write interactions").uid("interaction-sink");
        // Unreadable input and events too late for their window: both dead letters, one topic.
        union(deadLetters(inputs, outputs)).sinkTo(KafkaOutputs.deadLetterSink(config, ALL_JOBS))
                .name("Write dead letters").uid("dead-letter-sink");
    }

    /** The input's dead letters, if any input was read, and the pipelines' late events. */
    public static List<DataStream<DeadLetter>> deadLetters(PipelineInputs inputs, PipelineOutputs outputs) {
        List<DataStream<DeadLetter>> all = new ArrayList<>(outputs.late());
        inputs.deadLetters().ifPresent(all::add);
        return all;
    }

    public static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> all = streams.get(0);
        for (int i = 1; i < streams.size(); i++) {
            all = all.union(streams.get(i));
        }
        return all;
    }
}
