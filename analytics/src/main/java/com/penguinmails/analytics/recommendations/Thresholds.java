package com.penguinmails.analytics.recommendations;

import java.time.Duration;

/**
 * The lines the rules hold rates against. Defaults are the published provider lines (see the deliverability notes):
 * providers' policies, which a workspace may tune, so they are values rather than constants in the rules.
 *
 * @param minSends            sends a rate needs before it is judged, so noise on a small sample opens nothing
 * @param hardBounceWarn      hard-bounce rate at which a domain or campaign is "under review" at the large ESPs
 * @param hardBouncePause     the rate at which they pause sending
 * @param complaintLow        the Gmail/Yahoo "stay under" line (0.1 %)
 * @param complaintHigh       the line never to reach (0.3 %)
 * @param providerGap         how far (absolute) below the other providers one must be, besides significantly
 * @param capShare            the share of a day's cap that counts as "near the cap"
 * @param capDays             days looked at for the cap rule; all of them near the cap makes it high impact
 * @param window              the reputation window (rolling, never all time)
 * @param engagementWindow    the window for sending hours and variants, which need more sends to tell apart
 */
public record Thresholds(long minSends, double hardBounceWarn, double hardBouncePause, double complaintLow, double complaintHigh,
                         double providerGap, double capShare, int capDays, Duration window, Duration engagementWindow) {

    public static final Thresholds DEFAULTS = new Thresholds(200, 0.05, 0.10, 0.001, 0.003, 0.05, 0.9, 3,
            Duration.ofDays(7), Duration.ofDays(28));
}
