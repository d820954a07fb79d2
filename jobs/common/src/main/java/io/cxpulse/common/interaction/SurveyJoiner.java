package io.cxpulse.common.interaction;

import io.cxpulse.schema.SurveyResponse;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins each survey with the interaction it rates, keyed by the call or chat id, in either
 * arrival order: a survey that finds its interaction goes out at once with the agent, team,
 * wait and transfers; one that arrives first waits up to {@code surveyWait} (event time) for
 * it, then goes out alone, so a survey of an interaction we never see still raises its alert.
 *
 * <p>State: what a survey needs of a closed interaction ({@link RatedInteraction}) is kept
 * {@code retention} after its end for late surveys;
 * pending surveys until joined or their wait ends. Death plan: an event-time timer for each.
 */
public final class SurveyJoiner
        extends KeyedCoProcessFunction<String, InteractionAccumulator, SurveyResponse, SurveyContext> {

    private static final long serialVersionUID = 1L;

    static final String INTERACTION_STATE = "closed-interaction";
    static final String PENDING_STATE = "pending-surveys";

    public static final TypeInformation<SurveyContext> OUTPUT_TYPE = TypeInformation.of(SurveyContext.class);

    private final Duration surveyWait;
    private final Duration retention;

    private transient ValueState<RatedInteraction> interaction;
    private transient ListState<SurveyResponse> pending;

    public SurveyJoiner(Duration surveyWait, Duration retention) {
        this.surveyWait = surveyWait;
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        interaction = getRuntimeContext().getState(
                new ValueStateDescriptor<>(INTERACTION_STATE, TypeInformation.of(RatedInteraction.class)));
        pending = getRuntimeContext().getListState(
                new ListStateDescriptor<>(PENDING_STATE, new AvroTypeInfo<>(SurveyResponse.class)));
    }

    @Override
    public void processElement1(InteractionAccumulator closed, Context ctx, Collector<SurveyContext> out)
            throws Exception {
        RatedInteraction rated = RatedInteraction.of(closed);
        interaction.update(rated);
        for (SurveyResponse survey : pending.get()) {
            out.collect(SurveyContext.joined(survey, rated));
        }
        pending.clear();
        ctx.timerService().registerEventTimeTimer(closed.lastEventAt().plus(retention).toEpochMilli());
    }

    @Override
    public void processElement2(SurveyResponse survey, Context ctx, Collector<SurveyContext> out) throws Exception {
        RatedInteraction known = interaction.value();
        if (known != null) {
            out.collect(SurveyContext.joined(survey, known));
            return;
        }
        pending.add(survey);
        ctx.timerService().registerEventTimeTimer(survey.getEventTime().plus(surveyWait).toEpochMilli());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SurveyContext> out) throws Exception {
        RatedInteraction known = interaction.value();
        if (known != null && timestamp >= known.lastEventMs + retention.toMillis()) {
            interaction.clear();
        }
        java.util.List<SurveyResponse> stillWaiting = new java.util.ArrayList<>();
        for (SurveyResponse survey : pending.get()) {
            if (timestamp >= survey.getEventTime().plus(surveyWait).toEpochMilli()) {
                out.collect(SurveyContext.alone(survey));
            } else {
                stillWaiting.add(survey);
            }
        }
        if (stillWaiting.isEmpty()) {
            pending.clear();
        } else {
            pending.update(stillWaiting);
        }
    }
}
