package com.penguinmails.campaigns.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.core.problems.JsonInput;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contacts of a workspace: saved one at a time, in batches of up to {@value #MAX_BATCH}, or from a CSV file with a
 * report per row; listed by segment. Saving an address that is already a contact updates it (its id is the
 * address's), so nothing is ever duplicated, and a batch with bad items keeps the good ones.
 */
public final class ContactService {

    public static final int MAX_BATCH = 1000;
    public static final int MAX_CSV_ROWS = 5000;
    private static final int ATTEMPTS = 3;
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private final ContactStore store;
    private final Clock clock;

    public ContactService(ContactStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A body that is one contact ({@code {"email": ...}}) or {@code {"contacts": [...]}}. */
    public ContactBatch save(String workspaceId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("invalid-json", "The body must be a contact object or {\"contacts\": [...]}.");
        }
        if (!body.has("contacts")) {
            return saveAll(workspaceId, List.of(JsonInput.root(body)), List.of(0));
        }
        JsonNode items = body.get("contacts");
        if (body.size() != 1 || !items.isArray() || items.isEmpty() || items.size() > MAX_BATCH) {
            throw ApiProblem.invalidField("contacts", "contacts must be an array of 1 to " + MAX_BATCH + " contacts, and the body's only field.");
        }
        List<JsonInput> inputs = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            inputs.add(JsonInput.root(items.get(i)));
            indexes.add(i);
        }
        return saveAll(workspaceId, inputs, indexes);
    }

    /**
     * A CSV file with a header row: {@code email} (required), {@code firstName}, {@code lastName}, {@code company},
     * {@code timeZone}, {@code tags} (separated by {@code ;}), {@code consentSource}, {@code consentAt},
     * {@code consentText}; any other column is a custom field. Results are numbered by row, the header being row 1.
     */
    public ContactBatch importCsv(String workspaceId, String csv) {
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> iterator = CSV.readerFor(String[].class).readValues(csv == null ? "" : csv)) {
            while (iterator.hasNextValue()) {
                rows.add(iterator.nextValue());
                if (rows.size() > MAX_CSV_ROWS + 1) {
                    throw ApiProblem.badRequest("too-many-rows", "A CSV import holds at most " + MAX_CSV_ROWS + " contacts; split the file.");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiProblem problem) {
                throw problem;
            }
            throw ApiProblem.badRequest("invalid-csv", "The body is not CSV this can read: " + e.getMessage().lines().findFirst().orElse("") + ".");
        }
        if (rows.size() < 2) {
            throw ApiProblem.badRequest("invalid-csv", "The CSV needs a header row naming the columns (email first or anywhere) and at least one contact.");
        }
        String[] header = rows.get(0);
        List<String> columns = new ArrayList<>();
        for (String name : header) {
            columns.add(name.trim());
        }
        if (!columns.contains("email")) {
            throw ApiProblem.badRequest("invalid-csv", "The header row must name an 'email' column; it has " + columns + ".");
        }
        List<JsonInput> inputs = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            JsonInput input = JsonInput.root(rowAsContact(columns, rows.get(r)));
            if (rows.get(r).length > columns.size()) {
                input.error("the row has " + rows.get(r).length + " values for " + columns.size() + " columns");
            }
            inputs.add(input);
            indexes.add(r + 1);
        }
        return saveAll(workspaceId, inputs, indexes);
    }

    public Contact get(String workspaceId, String contactId) {
        return store.find(workspaceId, contactId).orElseThrow(() -> ApiProblem.notFound("No contact " + contactId + " in this workspace."));
    }

    public Optional<Contact> find(String workspaceId, String contactId) {
        return store.find(workspaceId, contactId);
    }

    public Page<Contact> list(String workspaceId, ContactFilter filter, String afterId, int limit) {
        return store.list(workspaceId, filter, afterId, limit);
    }

    /** Every contact matching {@code filter}, at most {@code max} (a campaign's audience). */
    public List<Contact> select(String workspaceId, ContactFilter filter, int max) {
        List<Contact> selected = new ArrayList<>();
        String after = null;
        do {
            Page<Contact> page = store.list(workspaceId, filter, after, 500);
            selected.addAll(page.items());
            after = page.nextCursor();
        } while (after != null && selected.size() <= max);
        return selected;
    }

    public Map<String, Contact> findAll(String workspaceId, List<String> contactIds) {
        Map<String, Contact> found = new HashMap<>();
        for (int i = 0; i < contactIds.size(); i += 100) {
            found.putAll(store.findAll(workspaceId, contactIds.subList(i, Math.min(contactIds.size(), i + 100))));
        }
        return found;
    }

    /**
     * Moves a contact out of {@link ContactStatus#ACTIVE} (never back: a bounce or an unsubscribe outlives any later
     * import). False when the address is not a contact or already left.
     */
    public boolean markStatus(String workspaceId, String email, ContactStatus status) {
        String id = Contact.idOf(email);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Contact> stored = store.find(workspaceId, id);
            if (stored.isEmpty() || stored.get().status() != ContactStatus.ACTIVE) {
                return false;
            }
            Contact changed = stored.get().toBuilder().status(status).updatedAt(clock.instant()).build();
            if (store.write(changed, stored.get().version())) {
                return true;
            }
        }
        throw new IllegalStateException("contact " + id + " kept changing while its status was set; retry");
    }

    private ContactBatch saveAll(String workspaceId, List<JsonInput> inputs, List<Integer> indexes) {
        Instant now = clock.instant();
        List<ContactResult> results = new ArrayList<>();
        Map<Integer, ContactInput> valid = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Optional<ContactInput> input = ContactInput.read(inputs.get(i), now);
            if (input.isPresent()) {
                valid.put(i, input.get());
                ids.add(Contact.idOf(input.get().email()));
            }
        }
        Map<String, Contact> stored = findAll(workspaceId, ids.stream().distinct().toList());
        for (int i = 0; i < inputs.size(); i++) {
            ContactInput input = valid.get(i);
            if (input == null) {
                results.add(new ContactResult(indexes.get(i), ContactResult.Status.rejected, null, inputs.get(i).errors()));
                continue;
            }
            String id = Contact.idOf(input.email());
            Contact before = stored.get(id);
            Contact after = write(workspaceId, input, before, now);
            stored.put(id, after);
            results.add(new ContactResult(indexes.get(i), before == null ? ContactResult.Status.created : ContactResult.Status.updated, id, List.of()));
        }
        return ContactBatch.of(results);
    }

    private Contact write(String workspaceId, ContactInput input, Contact before, Instant now) {
        Contact current = before;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Contact next = input.applyTo(current, workspaceId, now);
            long expected = current == null ? 0 : current.version();
            if (store.write(next, expected)) {
                return next.toBuilder().version(expected + 1).build();
            }
            current = store.find(workspaceId, Contact.idOf(input.email())).orElse(null);
        }
        throw new IllegalStateException("contact " + input.email() + " kept changing while it was saved; retry");
    }

    private static ObjectNode rowAsContact(List<String> columns, String[] row) {
        ObjectNode contact = JsonNodeFactory.instance.objectNode();
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        ObjectNode consent = JsonNodeFactory.instance.objectNode();
        for (int c = 0; c < columns.size() && c < row.length; c++) {
            String column = columns.get(c);
            String value = row[c] == null ? "" : row[c].trim();
            if (value.isEmpty()) {
                continue;
            }
            switch (column) {
                case "email", "firstName", "lastName", "company", "timeZone" -> contact.put(column, value);
                case "tags" -> {
                    var tags = contact.putArray("tags");
                    for (String tag : value.split(";")) {
                        if (!tag.isBlank()) {
                            tags.add(tag.trim());
                        }
                    }
                }
                case "consentSource" -> consent.put("source", value);
                case "consentAt" -> consent.put("collectedAt", value);
                case "consentText" -> consent.put("text", value);
                default -> fields.put(column, value);
            }
        }
        if (!fields.isEmpty()) {
            contact.set("fields", fields);
        }
        if (!consent.isEmpty()) {
            contact.set("consent", consent);
        }
        return contact;
    }

}
