package com.penguinmails.functions.campaigns;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.penguinmails.campaigns.outreach.Sequencer;
import com.penguinmails.campaigns.wiring.CampaignsWiring;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.observability.Observability;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every minute: sends the campaign steps that have come due (see {@link Sequencer}) and counts what it did. */
public final class SequencerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final Sequencer sequencer;

    public SequencerHandler() {
        this(Platform.fromEnvironment());
    }

    public SequencerHandler(Platform platform) {
        this.sequencer = CampaignsWiring.sequencer(platform);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        Sequencer.Summary summary = Observability.withRequest(context, "sequencer", sequencer::run);
        Observability.count("SequenceStepsSent", summary.sent());
        Observability.count("SequenceStepsSkipped", summary.skipped());
        Observability.count("SequenceStepsFailed", summary.failed());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("due", summary.due());
        answer.put("sent", summary.sent());
        answer.put("skipped", summary.skipped());
        answer.put("tasks", summary.tasks());
        answer.put("stopped", summary.stopped());
        answer.put("held", summary.held());
        answer.put("stale", summary.stale());
        answer.put("failed", summary.failed());
        answer.put("more", summary.more());
        return answer;
    }
}
