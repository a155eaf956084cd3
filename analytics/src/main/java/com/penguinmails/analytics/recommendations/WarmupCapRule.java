package com.penguinmails.analytics.recommendations;

import com.penguinmails.analytics.recommendations.Recommendation.Impact;
import com.penguinmails.analytics.recommendations.SendingState.CapUsage;
import com.penguinmails.analytics.recommendations.SendingState.DayUse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An IP or mailbox sending at or near its warmup cap: more mail waits than the resource may carry, so adding one
 * spreads it. Judged on today or yesterday, so a resource that hit its cap yesterday stays flagged in the
 * morning before today's sends catch up (days are the
 * resource's own: UTC for an IP, a mailbox's time zone); high impact when every one of the last days was near the cap.
 */
public final class WarmupCapRule implements RecommendationRule {

    private final SendingState sending;
    private final Thresholds thresholds;

    public WarmupCapRule(SendingState sending, Thresholds thresholds) {
        this.sending = sending;
        this.thresholds = thresholds;
    }

    @Override
    public java.util.Set<RecommendationType> types() {
        return java.util.Set.of(RecommendationType.WARMUP_CAP);
    }

    @Override
    public List<Finding> findings(String workspaceId, Instant now) {
        List<Finding> findings = new ArrayList<>();
        for (CapUsage usage : sending.capUsage(workspaceId, now, thresholds.capDays())) {
            // today and yesterday: the newest two days
            List<DayUse> recent = usage.days().stream().limit(2).filter(d -> d.cap() > 0).toList();
            List<DayUse> days = usage.days().stream().filter(d -> d.cap() > 0).toList();
            DayUse nearest = recent.stream().filter(d -> d.share() >= thresholds.capShare()).findFirst().orElse(null);
            if (nearest == null) {
                continue;
            }
            long daysNear = days.stream().filter(d -> d.share() >= thresholds.capShare()).count();
            boolean everyDay = days.size() >= thresholds.capDays() && daysNear == days.size();
            String description = capitalised(usage.kind()) + " " + usage.label() + " sent " + nearest.sent() + " of its " + nearest.cap()
                    + " cap on " + nearest.day() + " (" + WindowTotals.percent(nearest.share()) + "); near the cap on " + daysNear
                    + " of the last " + days.size() + " days.";
            String action = usage.kind().equals("ip")
                    ? "Add a dedicated IP to the pool (and warm it) so traffic spreads, rather than waiting or overflowing to the shared pool."
                    : "Add and warm another mailbox so the campaign's sends spread over more senders.";
            findings.add(new Finding(RecommendationType.WARMUP_CAP, everyDay ? Impact.HIGH : Impact.LOW, usage.kind() + ":" + usage.id(),
                    description, new Evidence("sentShareOfCap", nearest.share(), thresholds.capShare(), "P" + days.size() + "D", nearest.sent()),
                    action));
        }
        return findings;
    }

    private static String capitalised(String kind) {
        return kind.equals("ip") ? "IP" : Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    }
}
