package com.penguinmails.functions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.penguinmails.core.platform.Json;
import java.util.HashMap;
import java.util.Map;

/**
 * Status, headers and a body (JSON, or HTML, or base64 bytes for the tracking pixel); {@link HttpApiHandler}
 * turns it into the Lambda response.
 */
public record ApiResponse(int status, Map<String, String> headers, String body, boolean base64Encoded) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public ApiResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, false);
    }

    public static ApiResponse json(int status, Object value) {
        try {
            return new ApiResponse(status, Map.of("Content-Type", "application/json"), Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable: " + value.getClass().getName(), e);
        }
    }

    public static ApiResponse ok(Object value) {
        return json(200, value);
    }

    public static ApiResponse created(Object value) {
        return json(201, value);
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body, base64Encoded);
    }
}
