package com.penguinmails.core.platform;

import com.penguinmails.catalog.FunctionSpec;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * How long one AWS SDK call may take, derived from the function's own timeout ({@value FunctionSpec#TIMEOUT_VARIABLE},
 * which CDK and the local runtime set from the catalog). A call, retries included, gets a third of the function's
 * time and each attempt half of that, so a store that stops answering fails the call while there is still time to
 * answer (an HTTP function a 503) and to fail a batch cleanly, instead of the whole invocation hanging until Lambda
 * stops it. Without the variable (tools, tests) the SDK's defaults apply.
 */
public record SdkTimeouts(Duration apiCall, Duration attempt) {

    /** The SDK's defaults: no call or attempt limit beyond the HTTP client's own. */
    public static final SdkTimeouts SDK_DEFAULTS = new SdkTimeouts(null, null);

    private static final Duration SHORTEST_CALL = Duration.ofSeconds(1);
    private static final Duration LONGEST_CONNECT = Duration.ofSeconds(2);

    public static SdkTimeouts forFunctionTimeout(Duration functionTimeout) {
        Duration apiCall = functionTimeout.dividedBy(3);
        if (apiCall.compareTo(SHORTEST_CALL) < 0) {
            apiCall = SHORTEST_CALL;
        }
        return new SdkTimeouts(apiCall, apiCall.dividedBy(2));
    }

    /** From {@value FunctionSpec#TIMEOUT_VARIABLE} in {@code environment}; {@link #SDK_DEFAULTS} when it is not set. */
    public static SdkTimeouts fromEnvironment(Map<String, String> environment) {
        String seconds = environment.get(FunctionSpec.TIMEOUT_VARIABLE);
        if (seconds == null || seconds.isBlank()) {
            return SDK_DEFAULTS;
        }
        try {
            return forFunctionTimeout(Duration.ofSeconds(Integer.parseInt(seconds.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(FunctionSpec.TIMEOUT_VARIABLE + " must be a number of seconds, not '" + seconds + "'", e);
        }
    }

    public boolean limited() {
        return apiCall != null;
    }

    /** Sets the call and attempt timeouts on a client's override configuration. */
    public void applyTo(ClientOverrideConfiguration.Builder configuration) {
        if (limited()) {
            configuration.apiCallTimeout(apiCall).apiCallAttemptTimeout(attempt);
        }
    }

    /** The URL-connection client, with connect and read timeouts inside one attempt. */
    public SdkHttpClient httpClient() {
        UrlConnectionHttpClient.Builder builder = UrlConnectionHttpClient.builder();
        if (limited()) {
            builder.connectionTimeout(attempt.compareTo(LONGEST_CONNECT) < 0 ? attempt : LONGEST_CONNECT).socketTimeout(attempt);
        }
        return builder.build();
    }
}
