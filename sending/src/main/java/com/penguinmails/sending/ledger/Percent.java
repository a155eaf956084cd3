package com.penguinmails.sending.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats fractions as percentages for the reasons people read: 0.112 as "11.2", 0.0015 as "0.15". */
public final class Percent {

    private Percent() {
    }

    /**
     * Up to two decimals, trailing zeros dropped: complaint lines sit at tenths of a percent, so one decimal would
     * show 0.15 % and 0.2 % alike.
     */
    public static String format(double fraction) {
        return BigDecimal.valueOf(fraction * 100).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
