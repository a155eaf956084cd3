package com.penguinmails.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.constructs.IConstruct;

/** cdk-nag suppressions, each for one rule on one construct (and its children) with the reason it does not apply. */
final class Nag {

    private Nag() {
    }

    static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
    }

    /**
     * Suppresses the rule only for these exact findings, such as
     * {@code Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*}.
     */
    static void suppressFindings(IConstruct construct, String rule, List<String> findings, String reason) {
        NagSuppressions.addResourceSuppressions(construct, List.of(NagPackSuppression.builder()
                .id(rule)
                .reason(reason)
                .appliesTo(List.copyOf(findings))
                .build()), true);
    }

    /**
     * Suppresses the rule only for findings (such as one wildcard resource) that match {@code findingRegex}, a
     * JavaScript regular expression literal such as {@code /^Resource::.*\/index\/\*$/}.
     */
    static void suppressMatching(IConstruct construct, String rule, String findingRegex, String reason) {
        NagSuppressions.addResourceSuppressions(construct, List.of(NagPackSuppression.builder()
                .id(rule)
                .reason(reason)
                .appliesTo(List.of(RegexAppliesTo.builder().regex(findingRegex).build()))
                .build()), true);
    }
}
