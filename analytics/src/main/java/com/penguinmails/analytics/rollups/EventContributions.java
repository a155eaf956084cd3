package com.penguinmails.analytics.rollups;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.analytics.Counts;
import com.penguinmails.analytics.Dimension;
import com.penguinmails.analytics.Metric;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEvent;
import com.penguinmails.core.platform.ResourceKind;
import com.penguinmails.sending.mailboxes.MailboxProvider;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What each kind of platform event counts. Read from the event's {@code data} as JSON, so the counters follow the
 * published schemas (events/*.schema.json) rather than a producer's Java types. Warmup mail publishes no
 * {@code message.*} events, so it never counts; events of other kinds (a key rotated, an IP paused) count nothing.
 */
public final class EventContributions {

    private EventContributions() {
    }

    public static Optional<Contribution> of(PlatformEvent event) {
        String type = event.type().wireName();
        JsonNode data = event.data();
        Optional<Counts> counts;
        Map<Dimension, List<String>> values;
        if (type.startsWith("message.")) {
            counts = messageCounts(type.substring("message.".length()), data);
            values = messageValues(data);
        } else if (event.type() == EventType.CHANNEL_ACTIVITY) {
            counts = channelCounts(text(data, "type"));
            values = channelValues(data);
        } else if (event.type() == EventType.PLACEMENT_OBSERVED) {
            counts = placementCounts(text(data, "folder"));
            values = placementValues(data);
        } else {
            return Optional.empty();
        }
        return counts.map(c -> new Contribution(event.id(), event.workspaceId(), event.time(), values, c));
    }

    private static Optional<Counts> messageCounts(String what, JsonNode data) {
        boolean machine = data.path("machine").asBoolean(false);
        boolean unique = data.path("unique").asBoolean(false);
        return switch (what) {
            case "sent" -> one(Metric.SENT);
            case "delivered" -> one(Metric.DELIVERED);
            case "deferred" -> one(Metric.DEFERRED);
            case "bounced" -> one("soft".equals(text(data, "bounceType")) ? Metric.BOUNCED_SOFT : Metric.BOUNCED_HARD);
            case "failed" -> one(Metric.FAILED);
            case "complained" -> one(Metric.COMPLAINED);
            case "unsubscribed" -> one(Metric.UNSUBSCRIBED);
            case "replied" -> one(Metric.REPLIED);
            case "opened" -> engagement(machine, unique, Metric.MACHINE_OPENED, Metric.OPENED, Metric.UNIQUE_OPENED);
            case "clicked" -> engagement(machine, unique, Metric.MACHINE_CLICKED, Metric.CLICKED, Metric.UNIQUE_CLICKED);
            default -> Optional.empty();
        };
    }

    /** A machine's open is counted apart and is never the reader's first; a reader's first also counts as unique. */
    private static Optional<Counts> engagement(boolean machine, boolean unique, Metric byMachine, Metric byReader, Metric first) {
        if (machine) {
            return one(byMachine);
        }
        return Optional.of(unique ? new Counts(Map.of(byReader, 1L, first, 1L)) : Counts.of(byReader, 1));
    }

    private static Optional<Counts> channelCounts(String type) {
        if (type == null) {
            return Optional.empty();
        }
        return switch (type) {
            case "sent" -> one(Metric.SENT);
            case "delivered" -> one(Metric.DELIVERED);
            case "opened" -> one(Metric.OPENED);
            case "clicked" -> one(Metric.CLICKED);
            case "replied" -> one(Metric.REPLIED);
            case "connected" -> one(Metric.CONNECTED);
            case "meeting-booked" -> one(Metric.MEETINGS);
            default -> Optional.empty();
        };
    }

    private static Optional<Counts> placementCounts(String folder) {
        if (folder == null) {
            return Optional.empty();
        }
        return switch (folder) {
            case "inbox" -> one(Metric.PLACED_INBOX);
            case "spam" -> one(Metric.PLACED_SPAM);
            default -> one(Metric.PLACED_OTHER);
        };
    }

    private static Optional<Counts> one(Metric metric) {
        return Optional.of(Counts.of(metric, 1));
    }

    private static Map<Dimension, List<String>> messageValues(JsonNode data) {
        Map<Dimension, List<String>> values = new EnumMap<>(Dimension.class);
        put(values, Dimension.CAMPAIGN, text(data, "campaignId"));
        put(values, Dimension.DOMAIN, text(data, "sendingDomain"));
        putResource(values, text(data, "resourceId"));
        put(values, Dimension.POOL, text(data, "pool"));
        put(values, Dimension.PROVIDER, MailboxProvider.of(text(data, "recipient")).wireName());
        put(values, Dimension.CHANNEL, Contribution.EMAIL);
        put(values, Dimension.STEP, text(data, "step"));
        put(values, Dimension.VARIANT, text(data, "variant"));
        List<String> tags = new ArrayList<>();
        data.path("tags").forEach(tag -> tags.add(tag.asText()));
        values.put(Dimension.TAG, tags);
        sendHour(text(data, "sentAt")).ifPresent(hour -> put(values, Dimension.SEND_HOUR, hour));
        return values;
    }

    private static Map<Dimension, List<String>> channelValues(JsonNode data) {
        Map<Dimension, List<String>> values = new EnumMap<>(Dimension.class);
        String channel = text(data, "channel");
        put(values, Dimension.CHANNEL, channel == null ? null : channel.toLowerCase(Locale.ROOT));
        put(values, Dimension.CAMPAIGN, text(data, "campaignId"));
        put(values, Dimension.STEP, text(data, "step"));
        put(values, Dimension.VARIANT, text(data, "variant"));
        return values;
    }

    private static Map<Dimension, List<String>> placementValues(JsonNode data) {
        Map<Dimension, List<String>> values = new EnumMap<>(Dimension.class);
        putResource(values, text(data, "resourceId"));
        put(values, Dimension.DOMAIN, text(data, "sendingDomain"));
        put(values, Dimension.PROVIDER, text(data, "provider"));
        put(values, Dimension.CHANNEL, Contribution.EMAIL);
        return values;
    }

    /** The IP or mailbox dimension, by the id's kind. */
    private static void putResource(Map<Dimension, List<String>> values, String resourceId) {
        ResourceKind.of(resourceId == null ? "" : resourceId).ifPresent(kind -> {
            switch (kind) {
                case IP -> put(values, Dimension.IP, resourceId);
                case MAILBOX -> put(values, Dimension.MAILBOX, resourceId);
                case POOL -> put(values, Dimension.POOL, resourceId);
            }
        });
    }

    /** The UTC hour the transport accepted the message, "00" to "23": which sending hours get read and replied to. */
    private static Optional<String> sendHour(String sentAt) {
        if (sentAt == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(String.format(Locale.ROOT, "%02d", Instant.parse(sentAt).atZone(ZoneOffset.UTC).getHour()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void put(Map<Dimension, List<String>> values, Dimension dimension, String value) {
        if (value != null && !value.isBlank()) {
            values.put(dimension, List.of(value));
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.path(field);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
