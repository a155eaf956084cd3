package com.penguinmails.functions.apikeys;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.penguinmails.core.paging.Page;
import com.penguinmails.core.platform.Platform;
import com.penguinmails.functions.observability.Observability;
import com.penguinmails.identity.IdentityWiring;
import com.penguinmails.identity.apikeys.ApiKey;
import com.penguinmails.identity.apikeys.ApiKeyService;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hourly: marks keys past their expiry as expired, frees their slot and audits it. Keys already stop working at
 * expiry (the authenticator checks the time); this makes the status and the audit log say so. Stops early,
 * leaving the rest for the next run, when the Lambda is close to its timeout.
 */
public final class ApiKeyExpirySweeperHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyExpirySweeperHandler.class);
    private static final int PAGE_SIZE = 200;
    private static final int SAFETY_MARGIN_MILLIS = 10_000;

    private final ApiKeyService apiKeys;

    public ApiKeyExpirySweeperHandler() {
        this(Platform.fromEnvironment());
    }

    public ApiKeyExpirySweeperHandler(Platform platform) {
        this.apiKeys = IdentityWiring.apiKeyService(platform);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        String correlationId = event.getId() == null ? "api-key-expiry-sweeper" : event.getId();
        return Observability.withRequest(context, correlationId, () -> sweep(context));
    }

    private Map<String, Object> sweep(Context context) {
        int pages = 0;
        int expired = 0;
        String position = null;
        do {
            Page<ApiKey> page = apiKeys.findExpired(position, PAGE_SIZE);
            for (ApiKey key : page.items()) {
                if (apiKeys.expire(key)) {
                    expired++;
                }
            }
            pages++;
            position = page.nextCursor();
            LOG.info("expiry sweep: page {} done, {} keys expired so far", pages, expired);
        } while (position != null && (context == null || context.getRemainingTimeInMillis() > SAFETY_MARGIN_MILLIS));
        boolean complete = position == null;
        LOG.info("expiry sweep finished: {} pages, {} keys expired, complete={}", pages, expired, complete);
        Observability.count("ApiKeysExpired", expired);
        return Map.of("expired", expired, "pages", pages, "complete", complete);
    }
}
