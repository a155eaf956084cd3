package com.penguinmails.local;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the local gateway received it, before it becomes a Lambda event or reaches a local route.
 * Header names are lower-case, as API Gateway delivers them.
 */
record IncomingRequest(String requestId, Instant receivedAt, String method, String rawPath, String rawQueryString,
                       Map<String, List<String>> headers, byte[] body, String sourceIp, String protocol) {

    IncomingRequest {
        headers = Map.copyOf(headers);
    }

    /** All values of a header joined by commas, API Gateway's way of folding repeated headers; null if absent. */
    String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null ? null : String.join(",", values);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** How API Gateway names a request in messages: {@code GET /v1/things}. */
    String describe() {
        return method + " " + rawPath;
    }
}
