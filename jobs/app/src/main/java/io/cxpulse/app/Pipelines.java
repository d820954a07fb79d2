package io.cxpulse.app;

import io.cxpulse.common.config.ConfigLoader;
import io.cxpulse.common.io.PipelineInputs;
import io.cxpulse.complaints.ComplaintsConfig;
import io.cxpulse.complaints.ComplaintsJob;
import io.cxpulse.complaints.ComplaintsPipeline;
import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.experience.ExperienceJob;
import io.cxpulse.experience.ExperiencePipeline;
import io.cxpulse.metrics.MetricsConfig;
import io.cxpulse.metrics.MetricsJob;
import io.cxpulse.metrics.MetricsPipeline;
import io.cxpulse.schema.Alert;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Attaches every detection pipeline to one environment, as {@code replay} and {@code demo} run
 * them (in production each job runs as its own Flink application). Jobs register here as they
 * are built: the experience, complaints and metrics jobs. Runs here are bounded (replay), so the
 * metrics job emits final records only, no early updates.
 */
final class Pipelines {

    /** Each job's own configuration section. */
    record JobConfigs(ExperienceConfig experience, ComplaintsConfig complaints, MetricsConfig metrics) {

        static JobConfigs read(Path file) throws IOException {
            return new JobConfigs(
                    ConfigLoader.section(file, ExperienceJob.NAME, ExperienceConfig.class, ExperienceConfig.DEFAULTS,
                            System.getenv()),
                    ConfigLoader.section(file, ComplaintsJob.NAME, ComplaintsConfig.class, ComplaintsConfig.DEFAULTS,
                            System.getenv()),
                    ConfigLoader.section(file, MetricsJob.NAME, MetricsConfig.class, MetricsConfig.DEFAULTS,
                            System.getenv()));
        }
    }

    private Pipelines() {}

    static PipelineOutputs attachAll(PipelineInputs inputs, JobConfigs jobs) {
        DataStream<Alert> experience = ExperiencePipeline.build(
                inputs.calls(), inputs.chats(), inputs.surveys(), jobs.experience());
        ComplaintsPipeline.Outputs complaints = ComplaintsPipeline.build(
                inputs.shipments(), inputs.complaints(), jobs.complaints());
        MetricsPipeline.Outputs metrics = MetricsPipeline.build(inputs.calls(), inputs.chats(), inputs.surveys(),
                inputs.shipments(), inputs.complaints(), jobs.metrics().withoutEarlyUpdates());
        return new PipelineOutputs(List.of(experience, complaints.alerts()), List.of(metrics.metrics()),
                List.of(complaints.supplierShares()));
    }
}
