package com.penguinmails.analytics.stats;

/** Mean absolute error, and the same scaled by the in-sample seasonal-naive MAE (NaN when that scale is 0). */
public record Accuracy(double mae, double mase) {
}
