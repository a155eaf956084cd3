package com.penguinmails.identity.apikeys;

import java.time.Instant;
import java.util.List;

/** What a caller asks for when creating a key; {@code expiresAt} and {@code rateLimitPerSecond} may be null. */
public record NewApiKey(String name, List<String> scopes, Instant expiresAt, Integer rateLimitPerSecond) {
}
