package com.penguinmails.identity.workspaces;

import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.identity.apikeys.ApiKeyService;
import com.penguinmails.identity.apikeys.IssuedApiKey;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.identity.members.Member;
import com.penguinmails.identity.members.MemberStore;
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
        Workspace workspace = new Workspace(Ids.newId("ws"), name, now, null, Workspace.DEFAULT_EVENT_RETENTION_DAYS);
        store.create(workspace);
        Member owner = Member.owner(Ids.newId("mem"), workspace.id(), request.owner().email().strip().toLowerCase(),
                request.owner().name(), now);
        members.add(owner);
        IssuedApiKey key = apiKeys.createOwnerKey(workspace.id(), "member:" + owner.id());
        audit.record(workspace.id(), caller.principal().actor(), "workspace.created", workspace.id(), caller.sourceIp(),
                "success", Map.of("owner", owner.email()));
        audit.record(workspace.id(), "member:" + owner.id(), "api-key.created", key.key().id(), caller.sourceIp(),
                "success", Map.of("scopes", String.join(" ", key.key().scopes())));
        return new CreatedWorkspace(workspace, owner, key);
    }

    /**
     * A PATCH of the workspace: only the fields it names change, each checked before anything is written.
     * {@code eventRetentionDays} is how long the event log keeps each event recorded from now on (1 to 400 days;
     * null goes back to the default of 30); events already recorded keep the expiry they were written with.
     */
    public Workspace update(Caller caller, WorkspaceUpdate update) {
        String workspaceId = caller.principal().workspaceId();
        String address = update.postalAddress() == null ? null : update.postalAddress().strip();
        if (update.changesPostalAddress() && address != null && (address.isEmpty() || address.length() > 500)) {
            throw ApiProblem.invalidField("postalAddress", "postalAddress is 1 to 500 characters (or null to remove it).");
        }
        int retention = update.eventRetentionDays() == null ? Workspace.DEFAULT_EVENT_RETENTION_DAYS : update.eventRetentionDays();
        if (update.changesEventRetentionDays() && (retention < 1 || retention > Workspace.MAX_EVENT_RETENTION_DAYS)) {
            throw ApiProblem.invalidField("eventRetentionDays", "eventRetentionDays is a whole number of days from 1 to "
                    + Workspace.MAX_EVENT_RETENTION_DAYS + " (or null for the default of " + Workspace.DEFAULT_EVENT_RETENTION_DAYS + ").");
        }
        if (update.changesPostalAddress()) {
            store.updatePostalAddress(workspaceId, address);
            audit.success(caller, "workspace.updated", workspaceId, Map.of("field", "postalAddress"));
        }
        if (update.changesEventRetentionDays()) {
            store.updateEventRetentionDays(workspaceId, retention);
            audit.success(caller, "workspace.updated", workspaceId, Map.of("field", "eventRetentionDays"));
        }
        return get(workspaceId);
    }

    public Workspace get(String workspaceId) {
        return store.find(workspaceId).orElseThrow(() -> ApiProblem.notFound("No workspace " + workspaceId + "."));
    }
}
