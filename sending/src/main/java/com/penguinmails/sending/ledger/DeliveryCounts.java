package com.penguinmails.sending.ledger;

/**
 * What happened to mail sent by one resource (IP, mailbox, domain, workspace) over some period.
 *
 * <p>Every rate uses {@code sent} as its denominator, so rates over different periods compare like for like, and a
 * period with nothing sent has rates of 0 rather than a division by zero. Counts are not checked against each other
 * (for example {@code hardBounces <= sent}) because events arrive late: a bounce or complaint for Monday's mail is
 * often counted on Tuesday, so one day's bucket may legitimately hold more bounces than sends.
 *
 * <p>{@code opens} is kept for reporting only. Nothing here judges reputation on it: privacy proxies (Apple Mail
 * Privacy Protection, Gmail's image cache) pre-fetch images, so open counts are inflated and unreliable.
 */
public record DeliveryCounts(long sent, long delivered, long hardBounces, long softBounces, long complaints,
                             long deferrals, long opens, long unsubscribes) {

    public static final DeliveryCounts ZERO = new DeliveryCounts(0, 0, 0, 0, 0, 0, 0, 0);

    public DeliveryCounts {
        requireNotNegative("sent", sent);
        requireNotNegative("delivered", delivered);
        requireNotNegative("hardBounces", hardBounces);
        requireNotNegative("softBounces", softBounces);
        requireNotNegative("complaints", complaints);
        requireNotNegative("deferrals", deferrals);
        requireNotNegative("opens", opens);
        requireNotNegative("unsubscribes", unsubscribes);
    }

    /** Field-by-field sum, used to add up daily buckets into a window. */
    public DeliveryCounts plus(DeliveryCounts other) {
        return new DeliveryCounts(sent + other.sent, delivered + other.delivered, hardBounces + other.hardBounces,
                softBounces + other.softBounces, complaints + other.complaints, deferrals + other.deferrals,
                opens + other.opens, unsubscribes + other.unsubscribes);
    }

    /** Hard (permanent) bounces per send, as a fraction (0.05 is 5 %); 0 when nothing was sent. */
    public double hardBounceRate() {
        return perSend(hardBounces);
    }

    /** Spam complaints per send, as a fraction; 0 when nothing was sent. */
    public double complaintRate() {
        return perSend(complaints);
    }

    /** Temporary (4xx) deferrals per send, as a fraction; 0 when nothing was sent. */
    public double deferralRate() {
        return perSend(deferrals);
    }

    /** Delivered per send, as a fraction; 0 when nothing was sent. The product targets more than 90 %. */
    public double deliveryRate() {
        return perSend(delivered);
    }

    private double perSend(long count) {
        return sent == 0 ? 0.0 : (double) count / sent;
    }

    private static void requireNotNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative; it was " + value);
        }
    }
}
