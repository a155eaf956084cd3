package com.penguinmails.functions.workspaces;

import com.penguinmails.functions.apikeys.ApiKeyView;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.shared.platform.Platform;
import com.penguinmails.shared.wiring.Services;
import com.penguinmails.shared.workspaces.CreatedWorkspace;
import com.penguinmails.shared.workspaces.Member;
import com.penguinmails.shared.workspaces.NewWorkspace;
import com.penguinmails.shared.workspaces.Workspace;
import com.penguinmails.shared.workspaces.WorkspaceService;
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
        this.workspaces = Services.workspaceService(platform);
    }

    record WorkspaceView(String id, String name, Instant createdAt, String postalAddress) {
        static WorkspaceView of(Workspace w) {
            return new WorkspaceView(w.id(), w.name(), w.createdAt(), w.postalAddress());
        }
    }

    record UpdateRequest(String postalAddress) {}

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
        return ApiResponse.ok(WorkspaceView.of(workspaces.updatePostalAddress(request.caller(),
                RequestBodies.read(request, UpdateRequest.class).postalAddress())));
    }
}
