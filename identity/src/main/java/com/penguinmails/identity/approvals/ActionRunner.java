package com.penguinmails.identity.approvals;

/**
 * Runs an approved action with exactly the parameters that were approved. Each capability that has guarded actions
 * provides its part (campaigns launches campaigns); the approvals function wires them together.
 */
public interface ActionRunner {

    /** Runs it, answering what happened in a sentence; an {@code ApiProblem} says why it could not run. */
    String run(Approval approval);

    /** For services that only guard (ask for approvals) and never decide them. */
    ActionRunner NONE = approval -> {
        throw new IllegalStateException("this service does not run approved actions");
    };
}
