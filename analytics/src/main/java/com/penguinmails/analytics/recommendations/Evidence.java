package com.penguinmails.analytics.recommendations;

/**
 * What a recommendation rests on, so a reader can check it: the metric (a rate's wire name, or a check such as
 * {@code dkimRecordsFound}), the value observed, the line it was held against, the window it was measured over (an
 * ISO-8601 duration such as {@code P7D}, or {@code lastCheck}) and how many sends (or records) it was measured on.
 */
public record Evidence(String metric, double observed, double threshold, String window, long sampleSize) {
}
