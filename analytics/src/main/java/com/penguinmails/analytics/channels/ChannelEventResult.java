package com.penguinmails.analytics.channels;

import java.util.List;

/**
 * What became of one item of a {@code POST /v1/channel-events} body.
 *
 * @param index   the item's position in the body (0 for a single object)
 * @param status  accepted (published), duplicate (an earlier item of the same body had its idempotencyId) or rejected
 * @param eventId the platform event's id, for accepted and duplicate items; the same for the same idempotencyId every time
 * @param errors  why a rejected item was rejected, each naming the JSON path of the field
 */
public record ChannelEventResult(int index, Status status, String eventId, List<FieldError> errors) {

    public enum Status { accepted, duplicate, rejected }

    /** One problem with one field: {@code path} is where it is in the body, e.g. {@code events[3].occurredAt}. */
    public record FieldError(String path, String message) {
    }

    public ChannelEventResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
