package com.penguinmails.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** AwsSolutions checks pass: every finding is either fixed or suppressed with a reason in the code. */
class CdkNagTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noUnsuppressedFindings(String stage) {
        Annotations annotations = Annotations.fromStack(Synthesized.of(new DeploymentStage(stage)).stack());
        assertThat(readable(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
        assertThat(readable(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
    }

    /** "path: finding" lines, so a failure says what cdk-nag found where. */
    static List<String> readable(List<SynthesisMessage> findings) {
        return findings.stream().map(finding -> finding.getId() + ": " + finding.getEntry().getData()).toList();
    }
}
