package com.penguinmails.functions.apikeys;

import com.penguinmails.identity.apikeys.ApiKey;
import com.penguinmails.identity.apikeys.IssuedApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** An API key as the API shows it; {@code secret} only in the response that creates or rotates it. */
public record ApiKeyView(String id, String name, String prefix, List<String> scopes, String status, String createdBy,
                         Instant createdAt, Instant lastUsedAt, Instant expiresAt, int rateLimitPerSecond,
                         Instant rotatedAt, Instant revokedAt, String secret) {

    public static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id(), key.name(), key.secretPrefix(), key.scopes(),
                key.status().name().toLowerCase(Locale.ROOT), key.createdBy(), key.createdAt(), key.lastUsedAt(),
                key.expiresAt(), key.rateLimitPerSecond(), key.rotatedAt(), key.revokedAt(), null);
    }

    public static ApiKeyView of(IssuedApiKey issued) {
        ApiKeyView view = of(issued.key());
        return new ApiKeyView(view.id, view.name, view.prefix, view.scopes, view.status, view.createdBy, view.createdAt,
                view.lastUsedAt, view.expiresAt, view.rateLimitPerSecond, view.rotatedAt, view.revokedAt, issued.secret());
    }
}
