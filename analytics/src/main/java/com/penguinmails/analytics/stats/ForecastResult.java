package com.penguinmails.analytics.stats;

/** Either a forecast or the reason there is none. */
public sealed interface ForecastResult permits Forecast, InsufficientHistory {
}
