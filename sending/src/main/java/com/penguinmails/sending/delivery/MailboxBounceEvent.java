package com.penguinmails.sending.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.ResourceKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
/**
 * A bounce report found over IMAP in a sending mailbox (see {@link BounceReportParser}) on the delivery-events
 * queue: {@link DeliveryEventFormat} with origin {@link DeliveryEventFormat.Origin#MAILBOX_BOUNCE}. Its
 * {@code resourceId} is the mailbox the report arrived in (the cold email's envelope sender), so the counts land on
 * the mailbox's ledger row and {@code sendingDomain}'s.
 */
public final class MailboxBounceEvent {

    public static final String SOURCE = DeliveryEventFormat.Origin.MAILBOX_BOUNCE.source();

    private MailboxBounceEvent() {
    }

    /** Throws for anything but HARD_BOUNCE, SOFT_BOUNCE or DELIVERY_DELAY from a mailbox ({@code mbx_...}). */
    public static String toJson(DeliveryEvent event) {
        return DeliveryEventFormat.toJson(DeliveryEventFormat.Origin.MAILBOX_BOUNCE, event);
    }
}
