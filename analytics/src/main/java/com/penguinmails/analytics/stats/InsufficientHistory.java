package com.penguinmails.analytics.stats;

/** Too few points to fit two seasons plus a trend. */
public record InsufficientHistory(int available, int minimum) implements ForecastResult {
}
