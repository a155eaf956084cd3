package com.penguinmails.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP API route. {@code scope} is what the API key must hold; {@code auth: none} marks a public route
 * (tracking links, unsubscribe pages) that carries its own signed token instead.
 */
public record HttpRoute(String method, String path, String scope, String auth) {

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    public HttpRoute {
        method = method.toUpperCase(java.util.Locale.ROOT);
        auth = auth == null ? "api-key" : auth;
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("catalog: route path must start with /: " + path);
        }
        if ("api-key".equals(auth) && (scope == null || scope.isBlank())) {
            throw new IllegalArgumentException("catalog: route " + method + " " + path + " needs a scope");
        }
    }

    /** API Gateway's route key, e.g. {@code GET /v1/api-keys/{id}}. */
    public String routeKey() {
        return method + " " + path;
    }

    public boolean isPublic() {
        return "none".equals(auth);
    }

    /** The path parameters if this route serves the request, as API Gateway would fill them. */
    public Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        String[] template = path.split("/", -1);
        String[] actual = requestPath.split("/", -1);
        if (template.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            Matcher m = PARAMETER.matcher(template[i]);
            if (m.matches()) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                Optional<String> value = decodedSegment(actual[i]);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                params.put(m.group(1), value.get());
            } else if (!template[i].equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /**
     * A path segment percent-decoded as API Gateway does: {@code +} is a plus (only a query writes a space that way),
     * and a malformed escape ({@code %zz}) matches no route rather than failing the request.
     */
    private static Optional<String> decodedSegment(String raw) {
        try {
            return Optional.of(java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
