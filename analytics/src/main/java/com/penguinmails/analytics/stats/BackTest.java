package com.penguinmails.analytics.stats;

/** Rolling-origin comparison of the model with the seasonal-naive baseline. */
public record BackTest(Accuracy model, Accuracy seasonalNaive, String winner, int origins) {

    public static final String MODEL = "model";
    public static final String SEASONAL_NAIVE = "seasonal-naive";
}
