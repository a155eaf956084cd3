package com.penguinmails.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The platform's own AWS cost per million emails, from what one run measured per email, at public us-east-1
 * on-demand prices as of {@value #PRICES_AS_OF}, as a markdown table to paste into the README.
 */
final class CostTable {

    static final String PRICES_AS_OF = "2026-12-02";
    static final double DYNAMODB_WRITE_UNIT = 0.625 / 1e6;
    static final double DYNAMODB_READ_UNIT = 0.125 / 1e6;
    static final double SQS_REQUEST = 0.40 / 1e6;
    static final double SNS_PUBLISH = 0.50 / 1e6;
    static final double LAMBDA_REQUEST = 0.20 / 1e6;
    /** arm64, which infra-cdk deploys (x86 would be $0.0000166667). */
    static final double LAMBDA_GB_SECOND_ARM = 0.0000133334;
    static final double LOGS_INGESTED_GB = 0.50;
    /** Not the platform's: what SES itself charges, for comparison ($0.10 per 1,000 emails). */
    static final double SES_PER_MILLION = 100.0;

    private record Row(String what, String perEmail, String perMillion, String price, double dollarsPerMillion) {}

    private final List<Row> rows = new ArrayList<>();

    /** {@code perEmail} of something priced at {@code unitPrice}, shown with {@code unit} ("WRU", "requests"). */
    CostTable line(String what, double perEmail, String unit, double unitPrice, String price) {
        // Log bytes read better per million as GB (10^9 bytes, which is also the larger count of GB to pay for).
        String perMillion = unit.equals("bytes") ? String.format(Locale.ROOT, "%,.2f GB", perEmail * 1e6 / 1e9)
                : String.format(Locale.ROOT, "%,.0f %s", perEmail * 1e6, unit);
        rows.add(new Row(what, String.format(Locale.ROOT, unit.equals("bytes") ? "%.0f %s" : "%.3f %s", perEmail, unit), perMillion, price,
                perEmail * 1e6 * unitPrice));
        return this;
    }

    double total() {
        return rows.stream().mapToDouble(Row::dollarsPerMillion).sum();
    }

    String markdown(String title) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(title).append(" | per email | per million emails | price (us-east-1, ").append(PRICES_AS_OF)
                .append(") | $ per million emails |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.3f |%n", row.what(), row.perEmail(), row.perMillion(),
                    row.price(), row.dollarsPerMillion()));
        }
        double total = total();
        out.append(String.format(Locale.ROOT, "| **total** | | | | **%.2f** |%n", total));
        out.append(String.format(Locale.ROOT, "| SES itself, for comparison | | | $0.10 per 1,000 emails | %.2f (the platform adds %.1f %%) |%n",
                SES_PER_MILLION, 100 * total / SES_PER_MILLION));
        return out.toString();
    }
}
