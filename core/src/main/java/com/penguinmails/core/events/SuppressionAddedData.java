package com.penguinmails.core.events;

import java.time.Instant;

/**
 * The {@code data} of {@code suppression.added}: the address the workspace may no longer mail, at which scope
 * ({@code workspace} or {@code campaign:<id>}), for which reason ({@code HARD_BOUNCE}, {@code COMPLAINT},
 * {@code UNSUBSCRIBE}, {@code REPEATED_SOFT_BOUNCE}, {@code MANUAL}) and from where (e.g. {@code delivery-event}).
 */
public record SuppressionAddedData(String email, String scope, String reason, String source, Instant createdAt) {
}
