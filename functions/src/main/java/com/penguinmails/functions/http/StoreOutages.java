package com.penguinmails.functions.http;

import com.penguinmails.core.problems.ApiProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Tells a store (DynamoDB, SQS) that did not answer from a bug: the SDK gave up on a call ({@link ApiCallTimeoutException},
 * {@link ApiCallAttemptTimeoutException}), could not reach the service (an {@link SdkClientException} caused by I/O:
 * connection refused or reset, read timed out), or the service said it is overloaded or failing (throttling, 5xx).
 * The caller can do nothing but try again later, so the API answers 503 with Retry-After, never 500. Domain code
 * never sees these types; only the handlers classify them.
 */
public final class StoreOutages {

    /** How long a client should wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private StoreOutages() {
    }

    /** Whether {@code failure}, or anything that caused it, says a store did not answer in time or at all. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
                return true;
            }
            if (t instanceof SdkServiceException service && (service.isThrottlingException() || service.statusCode() >= 500)) {
                return true;
            }
            if (t instanceof SdkClientException && causedByIo(t)) {
                return true;
            }
        }
        return false;
    }

    /** The 503 an HTTP API call gets when a store it needs did not answer. */
    public static ApiProblem problem() {
        return new ApiProblem(503, "store-unavailable", "Service Unavailable",
                "A data store this request needs did not answer in time. Try again after the time in Retry-After.",
                Map.of(), Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
    }

    private static boolean causedByIo(Throwable failure) {
        for (Throwable t = failure.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}
