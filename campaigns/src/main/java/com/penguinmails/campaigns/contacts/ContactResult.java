package com.penguinmails.campaigns.contacts;

import com.penguinmails.core.problems.FieldError;
import java.util.List;

/**
 * What became of one contact of a {@code POST /v1/contacts} body or one row of a CSV import.
 *
 * @param index     the item's position in the body (0 for a single object), or the CSV line number (the header is 1)
 * @param status    created, updated (the address was already a contact), or rejected
 * @param contactId the contact's id, for created and updated items
 * @param errors    why a rejected item was rejected, each with the JSON path (or CSV column) of the field
 */
public record ContactResult(int index, Status status, String contactId, List<FieldError> errors) {

    public enum Status { created, updated, rejected }

    public ContactResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
