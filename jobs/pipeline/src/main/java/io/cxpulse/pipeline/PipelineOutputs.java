package io.cxpulse.pipeline;

import io.cxpulse.common.deadletter.DeadLetter;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.Interaction;
import io.cxpulse.schema.MetricSnapshot;
import io.cxpulse.schema.SupplierShare;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What the pipelines attached to one environment emit, by contract output; {@code late} are the
 * dead letters of events a pipeline set aside as too late, written with the input's dead letters;
 * {@code interactions} every closed call and chat.
 */
public record PipelineOutputs(
        List<DataStream<Alert>> alerts,
        List<DataStream<MetricSnapshot>> metrics,
        List<DataStream<SupplierShare>> supplierShares,
        List<DataStream<DeadLetter>> late,
        DataStream<Interaction> interactions) {}
