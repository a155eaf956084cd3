package com.penguinmails.analytics.stats;

/** One future step (1-based) with its 80 % and 95 % prediction intervals. */
public record ForecastPoint(int step, double mean, double low80, double high80, double low95, double high95) {
}
