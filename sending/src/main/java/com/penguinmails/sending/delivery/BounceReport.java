package com.penguinmails.sending.delivery;

import com.penguinmails.core.platform.Hashing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A bounce report found in a mailbox (see {@link BounceReportParser}): who reported it, which of our messages it is
 * about (when it can tell) and what happened per recipient.
 *
 * @param reportMessageId the report's own Message-ID, for logs; may be null
 * @param reportedAt      the report's Date header; null when missing or unreadable
 * @param standard        an RFC 3464 delivery status notification (with a {@code message/delivery-status} part)
 *                        rather than a bounce read from plain text
 * @param reporter        the Reporting-MTA, or the From address of a non-standard bounce
 * @param original        the bounced message as far as the report shows it; null when it shows none of its headers
 * @param recipients      one entry per recipient the report is about, in its order
 */
public record BounceReport(String reportMessageId, Instant reportedAt, boolean standard, String reporter, Original original,
                           List<Recipient> recipients) {

    /** How far back a report's Date is believed; an older (or a future) date is replaced by the time it is read. */
    static final Duration BELIEVABLE_AGE = Duration.ofDays(7);
    private static final int MAX_DETAIL = 500;

    public BounceReport {
        recipients = List.copyOf(recipients);
    }

    /**
     * The bounced message's identity.
     *
     * @param messageId   our message id: the {@code X-PM-Message-Id} header, else the local part of a
     *                    {@code <msg_...@domain>} Message-ID; null when it is not one of ours
     * @param workspaceId the {@code X-PM-Workspace-Id} header; null when the report does not show it
     * @param messageIdHeader its Message-ID header, angle brackets included; may be null
     * @param fromDomain  the domain of its From address (else of its Message-ID); may be null
     * @param to          its first To address, lower-cased; may be null
     */
    public record Original(String messageId, String workspaceId, String messageIdHeader, String fromDomain, String to) {}

    /**
     * What happened to one recipient.
     *
     * @param address    Final-Recipient (else Original-Recipient, else what the text names), lower-cased; may be null
     * @param action     RFC 3464 Action ({@code failed}, {@code delayed}, ...), lower-cased; for a non-standard bounce
     *                   {@code failed} or {@code delayed} as read from its wording
     * @param status     the enhanced status code, e.g. {@code 5.1.1}; null when none was found
     * @param type       HARD_BOUNCE, SOFT_BOUNCE or DELIVERY_DELAY; null for an outcome that is not a problem
     *                   (delivered, relayed, expanded)
     * @param diagnostic the remote server's answer (Diagnostic-Code without its type), or the line that carried it
     */
    public record Recipient(String address, String action, String status, DeliveryEvent.Type type, String diagnostic) {}

    /** Whether the report is about one of our messages (so it can become delivery events). */
    public boolean isAboutOurMessage() {
        return original != null && original.messageId() != null;
    }

    /**
     * The delivery events this report stands for, one per recipient with a problem, for a message sent through
     * {@code mailboxId}. The event id hashes workspace, message, recipient and type: the same report read twice, or
     * a second report of the same outcome (a relay's and the final server's), is applied once; a delay warning
     * followed by the final failure is two events.
     *
     * @param fallbackDomain the sending domain when the report shows neither From nor Message-ID (the mailbox's)
     * @param sentTo         the address the message was sent to, when known: then it is the recipient of every event,
     *                       whatever address the report names (an alias's final address, or one a forged report
     *                       slips in), so only the address we mailed is ever suppressed
     * @param now            when it is read: the event time unless the report's Date is believable and earlier
     */
    public List<DeliveryEvent> events(String workspaceId, String mailboxId, String fallbackDomain, String sentTo, Instant now) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(now, "now");
        if (!isAboutOurMessage()) {
            return List.of();
        }
        Instant at = reportedAt != null && !reportedAt.isAfter(now) && reportedAt.isAfter(now.minus(BELIEVABLE_AGE)) ? reportedAt : now;
        String domain = original.fromDomain() != null ? original.fromDomain() : fallbackDomain;
        List<DeliveryEvent> events = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Recipient recipient : recipients) {
            if (recipient.type() == null) {
                continue;
            }
            String address = sentTo != null ? sentTo.strip().toLowerCase(Locale.ROOT)
                    : recipient.address() != null ? recipient.address() : original.to();
            String eventId = "mbx-bounce-" + Hashing.sha256Hex(workspaceId + "|" + original.messageId() + "|" + address + "|" + recipient.type());
            if (!ids.add(eventId)) {
                continue;
            }
            events.add(new DeliveryEvent(eventId, recipient.type(), workspaceId, original.messageId(), mailboxId, domain, address, at,
                    detail(recipient)));
        }
        return events;
    }

    private String detail(Recipient recipient) {
        StringBuilder detail = new StringBuilder();
        detail.append(recipient.status() == null ? "no status code" : recipient.status());
        if (recipient.diagnostic() != null && !recipient.diagnostic().isBlank()) {
            detail.append(": ").append(recipient.diagnostic());
        }
        if (reporter != null) {
            detail.append(" (reported by ").append(reporter).append(")");
        }
        return detail.length() <= MAX_DETAIL ? detail.toString() : detail.substring(0, MAX_DETAIL - 1) + "…";
    }
}
