package io.cxpulse.customer.functions;

import io.cxpulse.common.attribution.AttributedComplaint;
import io.cxpulse.complaints.logic.ShareCount;
import io.cxpulse.experience.logic.QueueMove;
import io.cxpulse.metrics.logic.Contribution;
import io.cxpulse.schema.Interaction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.OutputTag;

/** The side outputs of {@link CustomerCore}: what leaves the core besides its alerts. */
public final class CoreOutputs {

    public static final OutputTag<Interaction> INTERACTIONS =
            new OutputTag<>("interactions", new AvroTypeInfo<>(Interaction.class));
    public static final OutputTag<Contribution> CONTRIBUTIONS =
            new OutputTag<>("metric-contributions", TypeInformation.of(Contribution.class));
    public static final OutputTag<ShareCount> SHARE_COUNTS =
            new OutputTag<>("share-counts", TypeInformation.of(ShareCount.class));
    public static final OutputTag<AttributedComplaint> COMPLAINTS_ARRIVED =
            new OutputTag<>("complaints-arrived", TypeInformation.of(AttributedComplaint.class));
    public static final OutputTag<QueueMove> QUEUE_MOVES =
            new OutputTag<>("queue-moves", TypeInformation.of(QueueMove.class));

    private CoreOutputs() {}
}
