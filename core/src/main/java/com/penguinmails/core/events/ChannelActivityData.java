package com.penguinmails.core.events;

import java.time.Instant;
import java.util.Map;

/**
 * The {@code data} of {@code channel.activity}: something that happened with a contact on a channel other than our
 * own mail (LinkedIn, a call, SMS, WhatsApp, a meeting, or any named channel), as a caller reported it through
 * {@code POST /v1/channel-events}. The roll-ups count it by channel and the funnel moves the contact's stage with it.
 *
 * @param channel       lower-case channel name ({@code linkedin}, {@code call}, ...)
 * @param type          {@code sent}, {@code delivered}, {@code opened}, {@code clicked}, {@code replied},
 *                      {@code connected}, {@code meeting-booked}, or a custom name nothing built in counts
 * @param contact       the contact's email address (lower-cased) or the caller's external contact id
 * @param campaignId    the campaign, when named; the funnel only follows activity of a campaign
 * @param step          the sequence step, when named
 * @param variant       the step's variant, when named
 * @param occurredAt    when it happened on the channel; the event's time, so a late report lands in its own bucket
 * @param idempotencyId the caller's id for the item: with the workspace it makes the event id
 * @param properties    a few caller-defined strings, carried along
 */
public record ChannelActivityData(String channel, String type, String contact, String campaignId, Integer step, String variant,
                                  Instant occurredAt, String idempotencyId, Map<String, String> properties) {

    public ChannelActivityData {
        properties = properties == null || properties.isEmpty() ? null : Map.copyOf(properties);
    }
}
