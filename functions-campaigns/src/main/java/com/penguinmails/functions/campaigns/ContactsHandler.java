package com.penguinmails.functions.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.campaigns.contacts.Consent;
import com.penguinmails.campaigns.contacts.Contact;
import com.penguinmails.campaigns.contacts.ContactBatch;
import com.penguinmails.campaigns.contacts.ContactFilter;
import com.penguinmails.campaigns.contacts.ContactService;
import com.penguinmails.campaigns.wiring.CampaignsWiring;
import com.penguinmails.core.paging.Cursors;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.PageView;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.functions.http.Routes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /v1/contacts}: save one contact or up to 1,000 (an address already a contact is updated, never
 * duplicated), import a CSV with a result per row, list a segment (by tag and custom field), read one.
 */
public final class ContactsHandler extends HttpApiHandler {

    private static final String IMPORT = "POST /v1/contacts/import";
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern FIELD = Pattern.compile("field\\.([A-Za-z][A-Za-z0-9_]{0,63})");
    private static final Pattern CONTACT_ID = Pattern.compile("ct_[0-9a-f]{24}");

    public static final Routes<ContactsHandler> ROUTES = Routes.of(
            Map.entry("POST /v1/contacts", ContactsHandler::save),
            Map.entry(IMPORT, ContactsHandler::importCsv),
            Map.entry("GET /v1/contacts", ContactsHandler::list),
            Map.entry("GET /v1/contacts/{id}", ContactsHandler::get));

    private final ContactService contacts;

    public ContactsHandler() {
        this(Platform.fromEnvironment());
    }

    public ContactsHandler(Platform platform) {
        super(platform);
        this.contacts = CampaignsWiring.contacts(platform);
    }

    record ContactView(String id, String email, String firstName, String lastName, String company, String timeZone, List<String> tags,
                       Map<String, String> fields, List<Consent> consents, String status, Instant createdAt, Instant updatedAt) {

        static ContactView of(Contact c) {
            return new ContactView(c.id(), c.email(), c.firstName(), c.lastName(), c.company(), c.timeZone() == null ? null : c.timeZone().getId(),
                    c.tags().stream().sorted().toList(), new java.util.TreeMap<>(c.fields()), c.consents(), c.status().wireName(), c.createdAt(),
                    c.updatedAt());
        }
    }

    @Override
    protected boolean acceptsContentType(String routeKey, String contentType) {
        if (IMPORT.equals(routeKey)) {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv");
        }
        return super.acceptsContentType(routeKey, contentType);
    }

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse save(ApiRequest request) {
        ContactBatch batch = contacts.save(request.principal().workspaceId(), RequestBodies.read(request, JsonNode.class));
        return answer(batch);
    }

    private ApiResponse importCsv(ApiRequest request) {
        if (request.body() == null || request.body().isBlank()) {
            throw ApiProblem.badRequest("body-required", "Send the CSV file as the body, with 'Content-Type: text/csv'.");
        }
        return answer(contacts.importCsv(request.principal().workspaceId(), request.body()));
    }

    /** 200 when something was saved (a result per item, rejected ones with their errors), 422 when nothing was. */
    private static ApiResponse answer(ContactBatch batch) {
        return ApiResponse.json(batch.created() + batch.updated() == 0 ? 422 : 200, batch);
    }

    private ApiResponse list(ApiRequest request) {
        String tagParameter = request.query("tag");
        Set<String> tags = Set.of();
        if (tagParameter != null) {
            // API Gateway joins a repeated parameter with commas: ?tag=a&tag=b is "a,b", and so is ?tag=a,b.
            tags = Set.of(tagParameter.split(",", -1));
            for (String tag : tags) {
                if (!TAG.matcher(tag).matches()) {
                    throw ApiProblem.invalidField("tag", "tag is 1 to 64 letters, digits, '.', '_', ':' or '-'; several with commas.");
                }
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : request.queryParameters().entrySet()) {
            var field = FIELD.matcher(parameter.getKey());
            if (field.matches()) {
                fields.put(field.group(1), parameter.getValue());
            } else if (!Set.of("tag", "cursor", "limit").contains(parameter.getKey())) {
                throw new ApiProblem(400, "unknown-parameter", "Bad Request", "Unknown query parameter '" + parameter.getKey()
                        + "'. Known: tag, field.<name>, cursor, limit.", Map.of("field", parameter.getKey()), Map.of());
            }
        }
        String after = Cursors.decode(request.query("cursor"), position -> CONTACT_ID.matcher(position).matches());
        int limit = Cursors.limit(request.query("limit"), 100, 500);
        return ApiResponse.ok(PageView.of(contacts.list(request.principal().workspaceId(), new ContactFilter(tags, fields, false), after, limit),
                ContactView::of));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(ContactView.of(contacts.get(request.principal().workspaceId(), request.pathParameter("id"))));
    }
}
