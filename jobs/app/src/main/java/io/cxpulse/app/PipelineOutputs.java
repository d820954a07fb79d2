package io.cxpulse.app;

import io.cxpulse.schema.Alert;
import io.cxpulse.schema.MetricSnapshot;
import io.cxpulse.schema.SupplierShare;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/** What the pipelines attached to one environment emit, by contract output. */
record PipelineOutputs(
        List<DataStream<Alert>> alerts,
        List<DataStream<MetricSnapshot>> metrics,
        List<DataStream<SupplierShare>> supplierShares) {}
