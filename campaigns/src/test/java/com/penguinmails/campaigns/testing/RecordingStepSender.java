package com.penguinmails.campaigns.testing;

import com.penguinmails.campaigns.outreach.StepSender;
import com.penguinmails.campaigns.outreach.StopReason;
import com.penguinmails.sending.messages.Submission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every email a step sent, at most one per step key as the real sender does; can refuse a recipient, or fail
 * once after "sending" (to play a run that stopped between the send and recording it).
 */
public final class RecordingStepSender implements StepSender {

    public record Sent(String stepKey, Submission submission, SentEmail email) {}

    public final List<Sent> sent = new ArrayList<>();
    public final Set<String> suppressed = ConcurrentHashMap.newKeySet();
    private final Map<String, SentEmail> byKey = new LinkedHashMap<>();
    private final Clock clock;
    private int counter;

    public RecordingStepSender(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized SentEmail send(String workspaceId, String stepKey, Submission submission) {
        SentEmail earlier = byKey.get(stepKey);
        if (earlier != null) {
            return earlier;
        }
        String to = submission.recipients().get(0).to();
        if (suppressed.contains(to)) {
            throw new Refused(StopReason.SUPPRESSED, to + " is suppressed");
        }
        String id = "msg_test" + (++counter);
        SentEmail email = new SentEmail(id, "<" + id + "@" + submission.from().substring(submission.from().indexOf('@') + 1) + ">", clock.instant());
        byKey.put(stepKey, email);
        sent.add(new Sent(stepKey, submission, email));
        return email;
    }

    public List<Sent> to(String address) {
        return sent.stream().filter(s -> s.submission().recipients().get(0).to().equals(address)).toList();
    }
}
