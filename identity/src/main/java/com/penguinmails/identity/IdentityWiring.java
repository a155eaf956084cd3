package com.penguinmails.identity;

import com.penguinmails.core.CoreWiring;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.identity.apikeys.ApiKeyAuthenticator;
import com.penguinmails.identity.apikeys.ApiKeyService;
import com.penguinmails.identity.apikeys.ApiKeyStore;
import com.penguinmails.identity.apikeys.internal.DynamoDbApiKeyStore;
import com.penguinmails.identity.audit.AuditLog;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.AuditTrail;
import com.penguinmails.identity.audit.internal.DynamoDbAuditLog;
import com.penguinmails.identity.apikeys.KeyHolders;
import com.penguinmails.identity.approvals.ActionRunner;
import com.penguinmails.identity.approvals.ApprovalService;
import com.penguinmails.identity.approvals.ApprovalStore;
import com.penguinmails.identity.approvals.internal.DynamoDbApprovalStore;
import com.penguinmails.identity.members.Member;
import com.penguinmails.identity.members.MemberService;
import com.penguinmails.identity.members.MemberStore;
import com.penguinmails.identity.members.Role;
import java.util.List;
import java.util.Optional;
import com.penguinmails.identity.workspaces.WorkspaceService;
import com.penguinmails.identity.workspaces.WorkspaceStore;
import com.penguinmails.identity.members.internal.DynamoDbMemberStore;
import com.penguinmails.identity.workspaces.internal.DynamoDbWorkspaceStore;

/**
 * Builds the identity capability (workspaces, members, API keys, the audit log) from a {@link Platform}. Each factory
 * touches only the tables its service needs, so a function asks only for what the catalog grants it (a missing
 * grant fails at start-up, naming the variable).
 */
public final class IdentityWiring {

    public static final String OPERATOR_KEY_HASH_VARIABLE = "PM_OPERATOR_KEY_SHA256";

    public static ApiKeyStore apiKeyStore(Platform platform) {
        return new DynamoDbApiKeyStore(platform.dynamoDb(), platform.enhancedDynamoDb(),
                platform.tableName("api-keys"), platform.tableName("api-key-secrets"));
    }

    public static ApiKeyAuthenticator apiKeyAuthenticator(Platform platform) {
        return new ApiKeyAuthenticator(apiKeyStore(platform), platform.clock(),
                platform.env(OPERATOR_KEY_HASH_VARIABLE, null), keyHolders(memberStore(platform)));
    }

    public static WorkspaceStore workspaceStore(Platform platform) {
        return new DynamoDbWorkspaceStore(platform.dynamoDb(), platform.tableName("workspaces"));
    }

    public static MemberStore memberStore(Platform platform) {
        return new DynamoDbMemberStore(platform.dynamoDb(), platform.tableName("members"));
    }

    public static AuditLog auditLog(Platform platform) {
        return new DynamoDbAuditLog(platform.dynamoDb(), platform.tableName("audit-events"));
    }

    public static AuditTrail auditTrail(Platform platform) {
        return new AuditTrail(auditLog(platform));
    }

    public static AuditRecorder auditRecorder(Platform platform) {
        return new AuditRecorder(auditLog(platform), platform.clock());
    }

    public static ApiKeyService apiKeyService(Platform platform) {
        return new ApiKeyService(apiKeyStore(platform), workspaceStore(platform), auditRecorder(platform), platform.clock(),
                CoreWiring.platformEvents(platform), PlatformEvents.sourceOf(platform), keyHolders(memberStore(platform)));
    }

    /** Approvals whose approved actions {@code runner} runs (the function that serves approvals wires every capability's). */
    public static ApprovalService approvalService(Platform platform, ActionRunner runner) {
        return new ApprovalService(approvalStore(platform), memberStore(platform), runner, auditRecorder(platform), platform.clock());
    }

    public static ApprovalStore approvalStore(Platform platform) {
        return new DynamoDbApprovalStore(platform.dynamoDb(), platform.tableName("approvals"));
    }

    public static MemberService memberService(Platform platform) {
        return new MemberService(memberStore(platform), apiKeyService(platform), auditRecorder(platform), platform.clock());
    }

    /** Keys learn their member's role from the members table: read on every use, so changes apply at once. */
    static KeyHolders keyHolders(MemberStore members) {
        return new KeyHolders() {
            @Override
            public Optional<List<String>> usableScopes(String workspaceId, String memberId, List<String> keyScopes) {
                return members.find(workspaceId, memberId).filter(Member::active).map(member -> member.role().cap(keyScopes));
            }

            @Override
            public boolean mayActOn(String workspaceId, String actorMemberId, String targetMemberId) {
                Optional<Role> actor = members.find(workspaceId, actorMemberId).filter(Member::active).map(Member::role);
                Optional<Role> target = members.find(workspaceId, targetMemberId).map(Member::role);
                return actor.isPresent() && (target.isEmpty() || actor.get().atLeast(target.get()));
            }
        };
    }

    public static WorkspaceService workspaceService(Platform platform) {
        return new WorkspaceService(workspaceStore(platform), memberStore(platform), apiKeyService(platform), auditRecorder(platform), platform.clock());
    }

    private IdentityWiring() {
    }
}
