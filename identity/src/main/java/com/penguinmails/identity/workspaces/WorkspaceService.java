package com.penguinmails.identity.workspaces;

import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.identity.apikeys.ApiKeyService;
import com.penguinmails.identity.apikeys.IssuedApiKey;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Creates tenants (a platform-operator action) and shows a workspace to its own keys. */
public final class WorkspaceService {

    private final WorkspaceStore store;
    private final MemberStore members;
    private final ApiKeyService apiKeys;
    private final AuditRecorder audit;
    private final Clock clock;

    public WorkspaceService(WorkspaceStore store, MemberStore members, ApiKeyService apiKeys, AuditRecorder audit, Clock clock) {
        this.store = store;
        this.members = members;
        this.apiKeys = apiKeys;
        this.audit = audit;
        this.clock = clock;
    }

    public CreatedWorkspace create(Caller caller, NewWorkspace request) {
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw ApiProblem.invalidField("name", "name is required and at most 100 characters.");
        }
        if (request.owner() == null || !EmailAddresses.isValid(request.owner().email() == null ? null : request.owner().email().strip())) {
            throw ApiProblem.invalidField("owner.email", "owner.email must be an email address, e.g. ada@example.com.");
        }
        Instant now = clock.instant();
        Workspace workspace = new Workspace(Ids.newId("ws"), name, now, null);
        store.create(workspace);
        Member owner = new Member(Ids.newId("mem"), workspace.id(), request.owner().email().strip().toLowerCase(),
                request.owner().name(), Member.Role.OWNER, now);
        members.add(owner);
        IssuedApiKey key = apiKeys.createOwnerKey(workspace.id(), "member:" + owner.id());
        audit.record(workspace.id(), caller.principal().actor(), "workspace.created", workspace.id(), caller.sourceIp(),
                "success", Map.of("owner", owner.email()));
        audit.record(workspace.id(), "member:" + owner.id(), "api-key.created", key.key().id(), caller.sourceIp(),
                "success", Map.of("scopes", String.join(" ", key.key().scopes())));
        return new CreatedWorkspace(workspace, owner, key);
    }

    /** Sets (or, with null, clears) the postal address printed in every email's footer. */
    public Workspace updatePostalAddress(Caller caller, String postalAddress) {
        String address = postalAddress == null ? null : postalAddress.strip();
        if (address != null && (address.isEmpty() || address.length() > 500)) {
            throw ApiProblem.invalidField("postalAddress", "postalAddress is 1 to 500 characters (or null to remove it).");
        }
        store.updatePostalAddress(caller.principal().workspaceId(), address);
        audit.success(caller, "workspace.updated", caller.principal().workspaceId(), Map.of("field", "postalAddress"));
        return get(caller.principal().workspaceId());
    }

    public Workspace get(String workspaceId) {
        return store.find(workspaceId).orElseThrow(() -> ApiProblem.notFound("No workspace " + workspaceId + "."));
    }
}
