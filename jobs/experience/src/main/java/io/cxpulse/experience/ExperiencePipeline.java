package io.cxpulse.experience;

import io.cxpulse.common.interaction.InteractionAccumulator;
import io.cxpulse.common.interaction.InteractionAssembler;
import io.cxpulse.common.interaction.SurveyContext;
import io.cxpulse.common.interaction.SurveyJoiner;
import io.cxpulse.experience.functions.CustomerAlertDetector;
import io.cxpulse.experience.functions.QueueWaitMonitor;
import io.cxpulse.experience.logic.QueueMove;
import io.cxpulse.schema.Alert;
import io.cxpulse.schema.CallEvent;
import io.cxpulse.schema.ChatEvent;
import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The experience topology: calls and chats are assembled into interactions, and each
 * customer's interactions and survey answers become poor-experience and repeat-contact alerts;
 * beside that, each call queue is watched live for long waits.
 * A function of its input streams, so live Kafka, replay files and tests run the same graph.
 */
public final class ExperiencePipeline {

    private static final AvroTypeInfo<Alert> ALERT_TYPE = new AvroTypeInfo<>(Alert.class);

    private ExperiencePipeline() {}

    public static DataStream<Alert> build(
            DataStream<CallEvent> calls, DataStream<ChatEvent> chats, DataStream<SurveyResponse> surveys,
            ExperienceConfig config) {
        return fromInteractions(InteractionAssembler.assemble(calls, chats, config.interactionTimeout(), Duration.ZERO,
                        "interaction-assembler"),
                calls, surveys, config);
    }

    /**
     * The same on interactions assembled elsewhere: the combined run of all jobs assembles them
     * once for this pipeline and the metrics (with the metrics' lateness). Interactions that
     * {@linkplain InteractionAccumulator#startedLate started late} are left out, as an
     * assembler of this pipeline's own would have dropped their first event.
     */
    public static DataStream<Alert> fromInteractions(DataStream<InteractionAccumulator> assembled, DataStream<CallEvent> calls,
            DataStream<SurveyResponse> surveys, ExperienceConfig config) {
        DataStream<InteractionAccumulator> interactions = assembled
                .filter(interaction -> !interaction.startedLate)
                .name("Interactions on time")
                .uid("interactions-on-time");
        DataStream<SurveyContext> joinedSurveys = interactions
                .keyBy(interaction -> interaction.interactionId, Types.STRING)
                .connect(surveys.keyBy(SurveyResponse::getInteractionId, Types.STRING))
                .process(new SurveyJoiner(config.surveyWait(), config.surveyRetention()), SurveyJoiner.OUTPUT_TYPE)
                .name("Join surveys with their interactions")
                .uid("survey-join"); // was "survey-joiner", whose state this cannot restore
        DataStream<Alert> customerAlerts = interactions
                .keyBy(interaction -> interaction.customerId, Types.STRING)
                .connect(joinedSurveys.keyBy(joined -> joined.survey.getCustomerId(), Types.STRING))
                .process(new CustomerAlertDetector(config), ALERT_TYPE)
                .name("Detect poor experiences and repeat contacts")
                .uid("customer-alert-detector");
        DataStream<Alert> queueAlerts = calls
                .map(QueueMove::of, TypeInformation.of(QueueMove.class))
                .name("Queue moves")
                .uid("queue-moves")
                .keyBy(move -> move.queue, Types.STRING)
                .process(new QueueWaitMonitor(config), ALERT_TYPE)
                .name("Watch queue waits")
                .uid("queue-wait-monitor");
        return customerAlerts.union(queueAlerts);
    }
}
