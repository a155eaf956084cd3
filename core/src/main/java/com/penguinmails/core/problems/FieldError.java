package com.penguinmails.core.problems;

import java.util.List;
import java.util.Map;

/**
 * One problem with one field of a request body: {@code path} is where it is, as a JSON path from the body's root
 * ({@code steps[2].variants[0].subject}), so a caller with a long definition can go straight to it.
 */
public record FieldError(String path, String message) {

    /**
     * A 422 {@code slug} listing every error (not only the first), which is what a person fixing a campaign or a
     * workflow definition needs; {@code field} names the first for clients that read one.
     */
    public static ApiProblem problem(String slug, String detail, List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a problem needs at least one error");
        }
        return new ApiProblem(422, slug, "Unprocessable Content", detail + " First: " + errors.get(0).path() + ": " + errors.get(0).message(),
                Map.of("field", errors.get(0).path(), "errors", List.copyOf(errors)), Map.of());
    }
}
