package com.penguinmails.analytics.recommendations;

import com.penguinmails.analytics.recommendations.Recommendation.Impact;
import com.penguinmails.analytics.recommendations.SendingState.Check;
import com.penguinmails.analytics.recommendations.SendingState.DomainAuthentication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SPF, DKIM and DMARC missing or failing on a sending domain: Gmail, Yahoo and Microsoft require all three of bulk
 * senders, so each is high impact. A domain never verified counts as missing: nothing shows the records are there.
 */
public final class AuthenticationRule implements RecommendationRule {

    private final SendingState sending;

    public AuthenticationRule(SendingState sending) {
        this.sending = sending;
    }

    @Override
    public java.util.Set<RecommendationType> types() {
        return java.util.Set.of(RecommendationType.SPF, RecommendationType.DKIM, RecommendationType.DMARC);
    }

    @Override
    public List<Finding> findings(String workspaceId, Instant now) {
        List<Finding> findings = new ArrayList<>();
        for (DomainAuthentication domain : sending.domains(workspaceId)) {
            check(findings, domain, RecommendationType.SPF, "SPF", domain.spf(),
                    "Publish the SPF TXT record shown for the domain (v=spf1 include:amazonses.com ~all on its MAIL FROM host), then verify the domain again.");
            check(findings, domain, RecommendationType.DKIM, "DKIM", domain.dkim(),
                    "Publish the three DKIM CNAME records shown for the domain, then verify the domain again.");
            check(findings, domain, RecommendationType.DMARC, "DMARC", domain.dmarc(),
                    "Publish a DMARC TXT record at _dmarc." + domain.domain() + " (p=none at least), then verify the domain again.");
        }
        return findings;
    }

    private static void check(List<Finding> findings, DomainAuthentication domain, RecommendationType type, String name, Check check,
                              String action) {
        if (check.passes()) {
            return;
        }
        String description = domain.checkedAt() == null
                ? name + " for " + domain.domain() + " is not confirmed: the domain was never verified."
                : name + " for " + domain.domain() + " is missing or wrong: " + check.found() + " of " + check.required()
                        + " records found at the last check" + (check.observed() == null || check.observed().isBlank()
                        ? " (DNS answered nothing)." : " (DNS answered: " + check.observed() + ").");
        findings.add(new Finding(type, Impact.HIGH, "domain:" + domain.domain(), description + " Gmail, Yahoo and Microsoft require "
                + name + " of bulk senders.", new Evidence(type.wireName() + "RecordsFound", check.found(), check.required(),
                "lastCheck", check.required()), action));
    }
}
