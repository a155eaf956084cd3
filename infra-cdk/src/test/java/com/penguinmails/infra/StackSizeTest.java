package com.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CloudFormation refuses a stack of more than 500 resources. Synthesis already fails past it; this fails ten
 * earlier, with the count, so the split into nested stacks per capability (the next capability needs it: the stack
 * holds 485) is made before a deploy breaks, not after.
 */
class StackSizeTest {

    static final int BUDGET = 490;

    @Test
    void theStackStaysWithinItsResourceBudget() {
        Map<?, ?> resources = (Map<?, ?>) Synthesized.of(DeploymentStage.DEV).template().toJSON().get("Resources");
        System.out.println("stack resources: " + resources.size() + " of CloudFormation's 500");
        assertThat(resources.size()).as("resources in the dev stack").isLessThanOrEqualTo(BUDGET);
    }
}
