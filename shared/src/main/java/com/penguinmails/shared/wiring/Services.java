package com.penguinmails.shared.wiring;

import com.penguinmails.shared.apikeys.ApiKeyAuthenticator;
import com.penguinmails.shared.apikeys.ApiKeyService;
import com.penguinmails.shared.apikeys.ApiKeyStore;
import com.penguinmails.shared.apikeys.internal.DynamoDbApiKeyStore;
import com.penguinmails.shared.audit.AuditLog;
import com.penguinmails.shared.audit.AuditRecorder;
import com.penguinmails.shared.audit.internal.DynamoDbAuditLog;
import com.penguinmails.shared.idempotency.IdempotencyStore;
import com.penguinmails.shared.idempotency.internal.DynamoDbIdempotencyStore;
import com.penguinmails.shared.platform.Platform;
import com.penguinmails.shared.ratelimit.RateLimiter;
import com.penguinmails.shared.ratelimit.internal.DynamoDbRateLimiter;
import com.penguinmails.shared.workspaces.MemberStore;
import com.penguinmails.shared.workspaces.WorkspaceService;
import com.penguinmails.shared.workspaces.WorkspaceStore;
import com.penguinmails.shared.workspaces.internal.DynamoDbMemberStore;
import com.penguinmails.shared.workspaces.internal.DynamoDbWorkspaceStore;

/**
 * Builds domain services from a {@link Platform}. Each factory touches only the tables its service needs, so a
 * function asks only for what the catalog grants it (a missing grant fails at start-up, naming the variable).
 */
public final class Services {

    public static final String OPERATOR_KEY_HASH_VARIABLE = "PM_OPERATOR_KEY_SHA256";

    private Services() {
    }

    public static ApiKeyStore apiKeyStore(Platform platform) {
        return new DynamoDbApiKeyStore(platform.dynamoDb(), platform.enhancedDynamoDb(),
                platform.tableName("api-keys"), platform.tableName("api-key-secrets"));
    }

    public static ApiKeyAuthenticator apiKeyAuthenticator(Platform platform) {
        return new ApiKeyAuthenticator(apiKeyStore(platform), platform.clock(),
                platform.env(OPERATOR_KEY_HASH_VARIABLE, null));
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

    public static AuditRecorder auditRecorder(Platform platform) {
        return new AuditRecorder(auditLog(platform), platform.clock());
    }

    public static ApiKeyService apiKeyService(Platform platform) {
        return new ApiKeyService(apiKeyStore(platform), workspaceStore(platform), auditRecorder(platform), platform.clock());
    }

    public static WorkspaceService workspaceService(Platform platform) {
        return new WorkspaceService(workspaceStore(platform), memberStore(platform), apiKeyService(platform), auditRecorder(platform), platform.clock());
    }

    public static IdempotencyStore idempotencyStore(Platform platform) {
        return new DynamoDbIdempotencyStore(platform.dynamoDb(), platform.tableName("idempotency"), platform.clock());
    }

    public static RateLimiter rateLimiter(Platform platform) {
        return new DynamoDbRateLimiter(platform.dynamoDb(), platform.tableName("rate-limits"), platform.clock());
    }
}
