package io.cxpulse.app;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.PipelineInputs;
import io.cxpulse.experience.ExperienceConfig;
import io.cxpulse.experience.ExperiencePipeline;
import io.cxpulse.schema.Alert;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Attaches every detection pipeline to one environment, as {@code replay} and {@code demo} run
 * them (in production each job runs as its own Flink application). Jobs register here as they
 * are built: so far the experience job (with its default thresholds); complaints and metrics
 * follow.
 */
final class Pipelines {

    private Pipelines() {}

    static PipelineOutputs attachAll(PipelineInputs inputs, CxPulseConfig config) {
        DataStream<Alert> experience = ExperiencePipeline.build(
                inputs.calls(), inputs.chats(), inputs.surveys(), ExperienceConfig.DEFAULTS);
        return new PipelineOutputs(List.of(experience), List.of(), List.of());
    }
}
