package com.penguinmails.analytics.kpis;

/** A KPI request that cannot be answered as asked: {@code field} names the parameter, the message what would do. */
public final class KpiRequestException extends IllegalArgumentException {

    private final String field;

    public KpiRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
