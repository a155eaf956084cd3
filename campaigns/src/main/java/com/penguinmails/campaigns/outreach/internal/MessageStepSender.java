package com.penguinmails.campaigns.outreach.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.campaigns.outreach.StepSender;
import com.penguinmails.campaigns.outreach.StopReason;
import com.penguinmails.core.idempotency.IdempotencyStore;
import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.sending.messages.MessageService;
import com.penguinmails.sending.messages.Submission;
import com.penguinmails.sending.messages.SubmissionResult;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Sends a step's email through {@link MessageService} (the same path as {@code POST /v1/messages}: suppression,
 * domain and resource checks, the outbound queue), guarded by an idempotency record per step key: the first call
 * claims it, sends and stores the message id; a repeated call answers the stored message. A claim left by a run that
 * died mid-send frees itself after a minute (the idempotency store's lock).
 */
public final class MessageStepSender implements StepSender {

    private final MessageService messages;
    private final IdempotencyStore idempotency;
    private final Clock clock;

    public MessageStepSender(MessageService messages, IdempotencyStore idempotency, Clock clock) {
        this.clock = clock;
        this.messages = messages;
        this.idempotency = idempotency;
    }

    @Override
    public SentEmail send(String workspaceId, String stepKey, Submission submission) {
        String recordKey = workspaceId + "#" + stepKey;
        IdempotencyStore.Claim claim = idempotency.claim(recordKey, stepKey);
        if (claim instanceof IdempotencyStore.Replay replay) {
            return read(replay.response().body());
        }
        if (claim instanceof IdempotencyStore.InProgress || claim instanceof IdempotencyStore.Mismatch) {
            throw new IllegalStateException("step " + stepKey + " is being sent by another run");
        }
        SubmissionResult.Outcome message;
        Instant acceptedAt = clock.instant();
        try {
            message = messages.acceptOne(workspaceId, submission);
        } catch (ApiProblem problem) {
            idempotency.release(recordKey);
            if (problem.status() == 422 && problem.type().endsWith("/recipient-suppressed")) {
                throw new Refused(StopReason.SUPPRESSED, problem.detail());
            }
            if (problem.status() == 400 && problem.detail().contains("but no value was given")) {
                throw new Refused(StopReason.MISSING_VARIABLES, problem.detail());
            }
            throw new IllegalStateException("sending refused step " + stepKey + ": " + problem.detail(), problem);
        } catch (RuntimeException e) {
            idempotency.release(recordKey);
            throw e;
        }
        SentEmail sent = new SentEmail(message.messageId(), "<" + message.messageId() + "@" + EmailAddresses.domainOf(submission.from()) + ">",
                acceptedAt);
        try {
            idempotency.complete(recordKey, new IdempotencyStore.StoredResponse(200, Map.of(), Json.MAPPER.writeValueAsString(sent)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return sent;
    }

    private static SentEmail read(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return new SentEmail(node.get("messageId").asText(), node.get("messageIdHeader").asText(), Instant.parse(node.get("acceptedAt").asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
