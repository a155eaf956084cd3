package com.penguinmails.core.events;

import java.time.Instant;
import java.util.List;

/**
 * The {@code data} of {@code api-key.created} (with its scopes, expiry and creator), {@code api-key.rotated} (with
 * when the previous secret stops working) and {@code api-key.revoked}; never a secret or its hash.
 *
 * @param actor who created it: {@code apikey:<id>} or {@code member:<id>}
 */
public record ApiKeyEventData(String keyId, String name, List<String> scopes, Instant expiresAt, String actor,
                              Instant previousSecretExpiresAt) {
}
