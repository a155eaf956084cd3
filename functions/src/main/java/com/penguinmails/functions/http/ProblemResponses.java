package com.penguinmails.functions.http;

import com.penguinmails.core.problems.ApiProblem;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders {@link ApiProblem}s as {@code application/problem+json} (RFC 9457). */
public final class ProblemResponses {

    public static final String CONTENT_TYPE = "application/problem+json";

    private ProblemResponses() {
    }

    public static ApiResponse of(ApiProblem problem, String instance, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("instance", instance);
        body.put("requestId", requestId);
        body.putAll(problem.extensions());
        ApiResponse json = ApiResponse.json(problem.status(), body);
        Map<String, String> headers = new HashMap<>(problem.headers());
        headers.put("Content-Type", CONTENT_TYPE);
        return new ApiResponse(problem.status(), headers, json.body());
    }

    public static ApiProblem internal(String requestId) {
        return new ApiProblem(500, "internal", "Internal Server Error",
                "Something went wrong on our side. It has been logged; quote request id " + requestId + " to support.");
    }
}
