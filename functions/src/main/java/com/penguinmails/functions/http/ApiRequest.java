package com.penguinmails.functions.http;

import com.penguinmails.shared.audit.Caller;
import com.penguinmails.shared.auth.Principal;
import java.util.Map;

/** An HTTP API request after authentication: what a route handler needs and nothing from Lambda. */
public record ApiRequest(String routeKey, String method, String path, Map<String, String> pathParameters,
                         Map<String, String> queryParameters, Map<String, String> headers, String body,
                         Principal principal, String sourceIp, String requestId) {

    public ApiRequest {
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        queryParameters = queryParameters == null ? Map.of() : Map.copyOf(queryParameters);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public String query(String name) {
        return queryParameters.get(name);
    }

    /** Header by lower-case name (API Gateway lower-cases them in payload v2). */
    public String header(String name) {
        return headers.get(name);
    }

    public Caller caller() {
        return new Caller(principal, sourceIp);
    }
}
