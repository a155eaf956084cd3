package com.penguinmails.core.problems;

import java.util.List;
import java.util.Map;

/**
 * A failure the caller can act on, rendered as {@code application/problem+json} (RFC 9457). {@code type} is a
 * stable identifier clients may switch on; {@code detail} says what to change.
 */
public class ApiProblem extends RuntimeException {

    public static final String TYPE_BASE = "https://docs.penguinmails.dev/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    public ApiProblem(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, Map.of(), Map.of());
    }

    public ApiProblem(int status, String slug, String title, String detail, Map<String, Object> extensions,
                      Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.type = TYPE_BASE + slug;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiProblem badRequest(String slug, String detail) {
        return new ApiProblem(400, slug, "Bad Request", detail);
    }

    public static ApiProblem invalidField(String field, String detail) {
        return new ApiProblem(400, "invalid-field", "Bad Request", detail, Map.of("field", field), Map.of());
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "not-found", "Not Found", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", "Forbidden", detail);
    }

    public static ApiProblem unauthenticated(String detail) {
        return new ApiProblem(401, "unauthenticated", "Unauthorized", detail, Map.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"penguinmails\""));
    }

    public static ApiProblem conflict(String slug, String detail) {
        return new ApiProblem(409, slug, "Conflict", detail);
    }

    public static ApiProblem unprocessable(String slug, String detail) {
        return new ApiProblem(422, slug, "Unprocessable Content", detail);
    }

    public static ApiProblem unknownScopes(List<String> unknown, List<String> valid) {
        return new ApiProblem(400, "unknown-scope", "Bad Request",
                "Unknown scope(s) " + unknown + ". Valid scopes: " + String.join(", ", valid),
                Map.of("field", "scopes", "validScopes", valid), Map.of());
    }
}
