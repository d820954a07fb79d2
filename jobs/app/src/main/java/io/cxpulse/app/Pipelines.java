package io.cxpulse.app;

import io.cxpulse.common.config.CxPulseConfig;
import io.cxpulse.common.io.PipelineInputs;

/**
 * Attaches every detection pipeline to one environment, as {@code replay} and {@code demo} run
 * them (in production each job runs as its own Flink application). The experience, complaints
 * and metrics jobs register here as they are built; until then replay validates its input and
 * writes empty outputs.
 */
final class Pipelines {

    private Pipelines() {}

    static PipelineOutputs attachAll(PipelineInputs inputs, CxPulseConfig config) {
        return PipelineOutputs.none();
    }
}
