package com.penguinmails.campaigns.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A campaign: who it mails, through what, when, and its sequence of steps.
 *
 * @param definition the definition as it was saved (validated, read back into the fields here), shown by the API
 * @param version    incremented by every write, which is conditional on the version read
 */
public record Campaign(String id, String workspaceId, String name, CampaignStatus status, Audience audience, SendingPlan sending,
                       Schedule schedule, List<Step> steps, boolean trackOpens, boolean trackClicks, boolean stopOnAutoReply,
                       JsonNode definition, Instant createdAt, Instant updatedAt, Instant launchedAt, long version) {

    public Campaign {
        Objects.requireNonNull(id, "id");
        steps = List.copyOf(steps);
    }

    public Step step(int number) {
        return steps.get(number - 1);
    }

    public boolean hasStep(int number) {
        return number >= 1 && number <= steps.size();
    }

    /** Every template variable any step uses: a contact without one of them cannot be sent the whole sequence. */
    public Set<String> variables() {
        Set<String> names = new TreeSet<>();
        steps.forEach(step -> step.variants().forEach(variant -> names.addAll(variant.variables())));
        return names;
    }

    public Campaign withStatus(CampaignStatus next, Instant at) {
        return new Campaign(id, workspaceId, name, next, audience, sending, schedule, steps, trackOpens, trackClicks, stopOnAutoReply,
                definition, createdAt, at, launchedAt == null && next == CampaignStatus.RUNNING ? at : launchedAt, version);
    }

    public Campaign withVersion(long next) {
        return new Campaign(id, workspaceId, name, status, audience, sending, schedule, steps, trackOpens, trackClicks, stopOnAutoReply,
                definition, createdAt, updatedAt, launchedAt, next);
    }
}
