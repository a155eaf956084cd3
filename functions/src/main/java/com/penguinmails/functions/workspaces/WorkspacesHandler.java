package com.penguinmails.functions.workspaces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.apikeys.ApiKeyView;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.workspaces.CreatedWorkspace;
import com.penguinmails.identity.members.Member;
import com.penguinmails.identity.workspaces.NewWorkspace;
import com.penguinmails.identity.workspaces.Workspace;
import com.penguinmails.identity.workspaces.WorkspaceService;
import com.penguinmails.identity.workspaces.WorkspaceUpdate;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** {@code POST /v1/workspaces} (platform operators) and {@code GET /v1/workspace} (the caller's own). */
public final class WorkspacesHandler extends HttpApiHandler {

    private final WorkspaceService workspaces;

    public WorkspacesHandler() {
        this(Platform.fromEnvironment());
    }

    public WorkspacesHandler(Platform platform) {
        super(platform);
        this.workspaces = IdentityWiring.workspaceService(platform);
    }

    record WorkspaceView(String id, String name, Instant createdAt, String postalAddress, int eventRetentionDays) {
        static WorkspaceView of(Workspace w) {
            return new WorkspaceView(w.id(), w.name(), w.createdAt(), w.postalAddress(), w.eventRetentionDays());
        }
    }

    record UpdateRequest(String postalAddress, Integer eventRetentionDays) {}

    record MemberView(String id, String email, String name, String role, Instant createdAt) {
        static MemberView of(Member m) {
            return new MemberView(m.id(), m.email(), m.name(), m.role().name().toLowerCase(Locale.ROOT), m.createdAt());
        }
    }

    record CreatedView(WorkspaceView workspace, MemberView owner, ApiKeyView apiKey) {
        static CreatedView of(CreatedWorkspace c) {
            return new CreatedView(WorkspaceView.of(c.workspace()), MemberView.of(c.owner()), ApiKeyView.of(c.ownerKey()));
        }
    }

    /** Every route this handler serves, bound to the method that serves it (RouteTablesTest holds it to the catalog). */
    public static final Routes<WorkspacesHandler> ROUTES = Routes.of(
            Map.entry("POST /v1/workspaces", WorkspacesHandler::create),
            Map.entry("GET /v1/workspace", WorkspacesHandler::get),
            Map.entry("PATCH /v1/workspace", WorkspacesHandler::update));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse create(ApiRequest request) {
        CreatedWorkspace created = workspaces.create(request.caller(), RequestBodies.read(request, NewWorkspace.class));
        return ApiResponse.created(CreatedView.of(created)).withHeader("Location", "/v1/workspace");
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(WorkspaceView.of(workspaces.get(request.principal().workspaceId())));
    }

    private ApiResponse update(ApiRequest request) {
        return ApiResponse.ok(WorkspaceView.of(workspaces.update(request.caller(), updateOf(request))));
    }

    /**
     * A field left out stays as it is. A body without eventRetentionDays sets postalAddress as it always has (left
     * out, it is removed), so clients written before the retention setting existed see no change.
     */
    private static WorkspaceUpdate updateOf(ApiRequest request) {
        UpdateRequest body = RequestBodies.read(request, UpdateRequest.class);
        JsonNode given;
        try {
            given = Json.MAPPER.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a body RequestBodies accepted is JSON", e);
        }
        boolean retentionGiven = given.has("eventRetentionDays");
        return new WorkspaceUpdate(given.has("postalAddress") || !retentionGiven, body.postalAddress(), retentionGiven, body.eventRetentionDays());
    }
}
