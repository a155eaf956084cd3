package com.penguinmails.functions.http;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.identity.audit.Caller;
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

    /**
     * A path parameter of this route, a 404 when it cannot name anything of ours ({@link PathShapes}), so no
     * handler passes an over-long or odd value on to a store.
     */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null || !PathShapes.of(routeKey, name).fits().test(value)) {
            throw ApiProblem.notFound("Nothing in this workspace has the " + name + " in this path (" + routeKey.substring(routeKey.indexOf(' ') + 1) + ").");
        }
        return value;
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
