package com.penguinmails.workflows.definition;

import com.penguinmails.core.events.EventType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One step of a workflow, with {@code path}, where it is in the definition ({@code steps[2].then[0]}), for errors,
 * dry runs and run histories.
 */
public sealed interface Step {

    String path();

    /** Something the platform does; {@code parameters} may be templates of the run's context ({@code {{event.data.campaignId}}}). */
    record Action(String path, ActionType type, Map<String, String> parameters) implements Step {
        public Action {
            parameters = Map.copyOf(parameters);
        }
    }

    record Wait(String path, Duration duration) implements Step {}

    /** Waits for an event of {@code eventType} about the same contact or campaign, or {@code timeout}; then {@code onTimeout}. */
    record WaitUntil(String path, EventType eventType, Duration timeout, List<Step> onTimeout) implements Step {
        public WaitUntil {
            onTimeout = List.copyOf(onTimeout);
        }
    }

    record Branch(String path, List<Condition> when, List<Step> then, List<Step> otherwise) implements Step {
        public Branch {
            when = List.copyOf(when);
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** A random split: each run takes one arm, with the arms' percentages (summing to 100). */
    record Split(String path, List<Arm> arms) implements Step {
        public record Arm(int percent, List<Step> steps) {
            public Arm {
                steps = List.copyOf(steps);
            }
        }

        public Split {
            arms = List.copyOf(arms);
        }
    }
}
