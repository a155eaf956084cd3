package com.penguinmails.identity.apikeys;

/** A key together with its secret: returned once, at creation or rotation, and never again. */
public record IssuedApiKey(ApiKey key, String secret) {
}
