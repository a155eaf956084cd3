package com.penguinmails.analytics.channels;

import java.util.List;

/** The outcome of one {@code POST /v1/channel-events}: a result per item, in the body's order. */
public record ChannelEventSubmission(List<ChannelEventResult> results) {

    public ChannelEventSubmission {
        results = List.copyOf(results);
    }

    public long accepted() {
        return count(ChannelEventResult.Status.accepted);
    }

    public long duplicates() {
        return count(ChannelEventResult.Status.duplicate);
    }

    public long rejected() {
        return count(ChannelEventResult.Status.rejected);
    }

    private long count(ChannelEventResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
