package com.penguinmails.analytics.funnel;

/**
 * How many contacts reached each stage (a contact further on counts in every stage before: a funnel narrows), and
 * the conversion between stages, null when the earlier stage has none.
 */
public record FunnelCounts(long reached, long engaged, long replied, long meeting, Conversion conversion) {

    public record Conversion(Double engagedFromReached, Double repliedFromEngaged, Double meetingFromReplied, Double meetingFromReached) {
    }

    public static FunnelCounts of(long reached, long engaged, long replied, long meeting) {
        return new FunnelCounts(reached, engaged, replied, meeting,
                new Conversion(ratio(engaged, reached), ratio(replied, engaged), ratio(meeting, replied), ratio(meeting, reached)));
    }

    /** Counts of contacts by their furthest stage, summed into the cumulative funnel. */
    static FunnelCounts ofFurthest(long[] furthest) {
        long meeting = furthest[FunnelStage.MEETING.ordinal()];
        long replied = meeting + furthest[FunnelStage.REPLIED.ordinal()];
        long engaged = replied + furthest[FunnelStage.ENGAGED.ordinal()];
        long reached = engaged + furthest[FunnelStage.REACHED.ordinal()];
        return of(reached, engaged, replied, meeting);
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : Math.round(numerator * 10_000.0 / denominator) / 10_000.0;
    }
}
