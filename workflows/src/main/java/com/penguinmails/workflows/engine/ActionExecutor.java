package com.penguinmails.workflows.engine;

import com.penguinmails.workflows.definition.ActionType;
import java.util.Map;

/** Does what an action step says, through the capability that owns it. */
public interface ActionExecutor {

    /** {@code parameters} already filled in from the run's context; {@code idempotencyKey} is the same for every attempt. */
    record ActionRequest(String workspaceId, String workflowId, String runId, String path, ActionType type, Map<String, String> parameters,
                         int attempt, String idempotencyKey) {}

    /**
     * Does it and says what was done; throws {@link ActionFailed} (or anything else) when it could not be, and the
     * engine retries with back-off unless the failure is permanent.
     */
    String execute(ActionRequest request);

    /** A failure an attempt reports; {@code permanent} ones (an unknown campaign, a 4xx from a webhook) are not retried. */
    class ActionFailed extends RuntimeException {
        private final boolean permanent;

        public ActionFailed(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
