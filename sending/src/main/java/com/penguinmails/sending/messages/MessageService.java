package com.penguinmails.sending.messages;

import com.github.mustachejava.Mustache;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.platform.ResourceKind;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.sending.domains.DomainService;
import com.penguinmails.sending.suppressions.Suppression;
import com.penguinmails.sending.suppressions.SuppressionService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Accepts mail: validates the shared content once (verified From domain, custom headers, templates, pool or
 * mailbox, sendAt), then each recipient (address, suppression, template variables), stores the content once and the
 * accepted recipients together ({@link MessageStore#createAll}), and queues them (or schedules them for sendAt). A batch accepts the valid recipients and
 * reports each rejected one; a single send fails as a whole.
 */
public final class MessageService {

    public static final int MAX_BATCH = 1000;
    public static final long MAX_MESSAGE_BYTES = 10L * 1024 * 1024;
    /** Clock skew tolerated on sendAt before "in the past" is an error. */
    private static final Duration SEND_AT_SKEW = Duration.ofMinutes(1);

    private final MessageStore store;
    private final DomainService domains;
    private final SuppressionService suppressions;
    private final SendingResources resources;
    private final OutboundQueue queue;
    private final DueMessages due;
    private final Clock clock;
    private final Function<String, String> postalAddresses;

    public MessageService(MessageStore store, DomainService domains, SuppressionService suppressions, SendingResources resources,
                          OutboundQueue queue, DueMessages due, Clock clock, Function<String, String> postalAddresses) {
        this.store = store;
        this.domains = domains;
        this.suppressions = suppressions;
        this.resources = resources;
        this.queue = queue;
        this.due = due;
        this.clock = clock;
        this.postalAddresses = postalAddresses;
    }

    /** One recipient: any problem with it is the request's problem. */
    public Message sendOne(String workspaceId, Submission submission) {
        return store.find(workspaceId, acceptOne(workspaceId, submission).messageId()).orElseThrow();
    }

    /** Like {@link #sendOne}, answering only the accepted message's id and status: no read back of what was stored. */
    public SubmissionResult.Outcome acceptOne(String workspaceId, Submission submission) {
        return submit(workspaceId, submission, true).outcomes().get(0);
    }

    public SubmissionResult sendBatch(String workspaceId, Submission submission) {
        if (submission.recipients().isEmpty() || submission.recipients().size() > MAX_BATCH) {
            throw ApiProblem.invalidField("recipients", "recipients must hold 1 to " + MAX_BATCH + " entries.");
        }
        return submit(workspaceId, submission, false);
    }

    public Message get(String workspaceId, String messageId) {
        return store.find(workspaceId, messageId).orElseThrow(() -> ApiProblem.notFound("No message " + messageId + " in this workspace."));
    }

    public Page<Message> list(String workspaceId, String campaignId, String status, String afterPosition, int limit) {
        requireCampaignId(campaignId);
        MessageStatus wanted = null;
        if (status != null) {
            try {
                wanted = MessageStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("status", "Unknown status '" + status + "'. Use one of queued, scheduled, sending, sent, "
                        + "delivered, deferred, bounced, complained, opened, clicked, unsubscribed, suppressed, failed.");
            }
        }
        return store.list(workspaceId, campaignId, wanted, afterPosition, limit);
    }

    private SubmissionResult submit(String workspaceId, Submission s, boolean single) {
        Instant now = clock.instant();
        String from = requireAddress("from", s.from());
        if (!domains.isVerified(workspaceId, EmailAddresses.domainOf(from))) {
            throw new ApiProblem(422, "domain-not-verified", "Unprocessable Content", "The sending domain " + EmailAddresses.domainOf(from)
                    + " is not verified in this workspace. Add it with POST /v1/domains and verify it first.", Map.of("field", "from"), Map.of());
        }
        if (s.replyTo() != null) {
            requireAddress("replyTo", s.replyTo());
        }
        Map<String, String> headers = CustomHeaders.validated(s.headers());
        if (s.subject() == null || s.subject().isBlank()) {
            throw ApiProblem.invalidField("subject", "subject is required.");
        }
        if ((s.html() == null || s.html().isBlank()) && (s.text() == null || s.text().isBlank())) {
            throw ApiProblem.invalidField("html", "Give html, text or both.");
        }
        long size = bytes(s.subject()) + bytes(s.html()) + bytes(s.text());
        if (size > MAX_MESSAGE_BYTES) {
            throw new ApiProblem(413, "message-too-large", "Content Too Large", "A message may be at most 10 MB.");
        }
        if ((s.ipPool() == null) == (s.mailbox() == null)) {
            throw ApiProblem.invalidField("ipPool", "Give exactly one of ipPool or mailbox: the resource that sends this mail.");
        }
        if (s.ipPool() != null && !ResourceKind.POOL.looksLike(s.ipPool())) {
            throw ApiProblem.invalidField("ipPool", "ipPool is the id of one of this workspace's IP pools (pool_...).");
        }
        if (s.ipPool() != null && !resources.poolExists(workspaceId, s.ipPool())) {
            throw ApiProblem.invalidField("ipPool", "No IP pool " + s.ipPool() + " in this workspace.");
        }
        if (s.mailbox() != null && !ResourceKind.MAILBOX.looksLike(s.mailbox())) {
            throw ApiProblem.invalidField("mailbox", "mailbox is the id of one of this workspace's mailboxes (mbx_...).");
        }
        if (s.mailbox() != null) {
            SendingResources.MailboxAddresses mailbox = resources.mailboxAddresses(workspaceId, s.mailbox())
                    .orElseThrow(() -> ApiProblem.invalidField("mailbox", "No mailbox " + s.mailbox() + " in this workspace."));
            if (!mailbox.allows(from)) {
                throw new ApiProblem(422, "from-not-mailbox", "Unprocessable Content", "Mail through mailbox " + s.mailbox() + " must be from "
                        + mailbox.address() + (mailbox.aliases().isEmpty() ? "" : " or one of its aliases " + String.join(", ", mailbox.aliases()))
                        + ", not " + from + ".", Map.of("field", "from"), Map.of());
            }
        }
        requireCampaignId(s.campaignId());
        if (s.sendAt() != null && s.sendAt().isBefore(now.minus(SEND_AT_SKEW))) {
            throw ApiProblem.invalidField("sendAt", "sendAt " + s.sendAt() + " is in the past.");
        }
        Mustache subject = Templates.compile("subject", s.subject());
        Mustache html = s.html() == null ? null : Templates.compile("html", s.html());
        Mustache text = s.text() == null ? null : Templates.compile("text", s.text());

        boolean scheduled = s.sendAt() != null && s.sendAt().isAfter(now.plus(SEND_AT_SKEW));
        Content content = new Content(Ids.newId("cnt"), workspaceId, from, s.replyTo(), s.subject(), s.html(), s.text(), headers,
                s.trackOpens(), s.trackClicks(), postalAddresses.apply(workspaceId));
        List<SubmissionResult.Outcome> outcomes = new ArrayList<>();
        List<Message> accepted = new ArrayList<>();
        List<String> ids = MessageIds.forSubmission(now, s.recipients().stream().map(MessageService::recipientBytes).toList());
        // One suppression lookup for the whole submission (a sparse list answers a thousand addresses in a page or two).
        Map<String, Suppression> suppressed = suppressions.blockingAll(workspaceId, s.recipients().stream()
                .map(r -> validAddress(r.to())).filter(Objects::nonNull).toList(), s.campaignId());
        for (int i = 0; i < s.recipients().size(); i++) {
            Submission.Recipient recipient = s.recipients().get(i);
            try {
                String to = requireAddress(single ? "to" : "recipients[" + i + "].to", recipient.to());
                Map<String, String> variables = recipient.variables() == null ? Map.of() : recipient.variables();
                Templates.requireVariables("subject", subject, variables, to);
                if (html != null) {
                    Templates.requireVariables("html", html, variables, to);
                }
                if (text != null) {
                    Templates.requireVariables("text", text, variables, to);
                }
                Optional<Suppression> suppression = Optional.ofNullable(suppressed.get(SuppressionService.normalise(to)));
                if (suppression.isPresent()) {
                    throw new ApiProblem(422, "recipient-suppressed", "Unprocessable Content", to + " is on the suppression list ("
                            + suppression.get().reason().name().toLowerCase(Locale.ROOT) + ", " + suppression.get().scope() + ").",
                            Map.of("field", single ? "to" : "recipients[" + i + "].to"), Map.of());
                }
                MessageStatus status = scheduled ? MessageStatus.SCHEDULED : MessageStatus.QUEUED;
                Message message = new Message(ids.get(i), workspaceId, content.id(), to, variables, s.campaignId(), s.tags(),
                        s.ipPool(), s.mailbox(), s.sendAt(), status, List.of(new TimelineEntry(status, now, null)), 0, null, null, now);
                accepted.add(message);
                outcomes.add(new SubmissionResult.Outcome(i, to, message.id(), status, null, null));
            } catch (ApiProblem problem) {
                if (single) {
                    throw problem;
                }
                outcomes.add(new SubmissionResult.Outcome(i, recipient.to(), null, null, problem.type(), problem.detail()));
            }
        }
        if (!accepted.isEmpty()) {
            store.putContent(content);
            store.createAll(accepted);
            if (scheduled) {
                accepted.forEach(m -> due.schedule(workspaceId, m.id(), s.sendAt()));
            } else {
                queue.enqueue(accepted.stream().map(m -> new OutboundQueue.Ticket(workspaceId, m.id())).toList());
            }
        }
        return new SubmissionResult(outcomes);
    }

    private static void requireCampaignId(String campaignId) {
        if (campaignId != null && !Suppression.isCampaignId(campaignId)) {
            throw ApiProblem.invalidField("campaignId", "campaignId is 1 to 100 letters, digits, '_', '.' or '-'.");
        }
    }

    /** The address as the API takes it (stripped), or null when it is not one. */
    private static String validAddress(String address) {
        String normalised = address == null ? null : address.strip();
        return normalised != null && EmailAddresses.isValid(normalised) ? normalised : null;
    }

    private static String requireAddress(String field, String address) {
        String normalised = validAddress(address);
        if (normalised == null) {
            throw ApiProblem.invalidField(field, "'" + address + "' is not a valid email address.");
        }
        return normalised;
    }

    /** Roughly what a recipient takes in storage: its address and variables. */
    private static int recipientBytes(Submission.Recipient recipient) {
        long bytes = bytes(recipient.to());
        if (recipient.variables() != null) {
            for (Map.Entry<String, String> variable : recipient.variables().entrySet()) {
                bytes += bytes(variable.getKey()) + bytes(variable.getValue());
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static long bytes(String value) {
        return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    }
}
