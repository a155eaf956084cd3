package com.penguinmails.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.penguinmails.core.platform.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the local gateway sends back: a status, headers (possibly repeated) and the body bytes. */
record GatewayResponse(int status, Map<String, List<String>> headers, byte[] body) {

    static final String PROBLEM_TYPES = "https://docs.penguinmails.dev/problems/";

    static GatewayResponse json(int status, Object value) {
        try {
            return of(status, "application/json", Json.MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON", e);
        }
    }

    /** An RFC 9457 problem, the shape every PenguinMails error has. */
    static GatewayResponse problem(int status, String type, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", PROBLEM_TYPES + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        GatewayResponse json = json(status, problem);
        return of(status, "application/problem+json", json.body());
    }

    /** The gateway's own errors, worded exactly as API Gateway words them, e.g. {@code {"message":"Forbidden"}}. */
    static GatewayResponse apiGatewayError(int status, String message) {
        return json(status, Map.of("message", message));
    }

    static GatewayResponse of(int status, String contentType, byte[] body) {
        return new GatewayResponse(status, Map.of("content-type", List.of(contentType)), body);
    }
}
