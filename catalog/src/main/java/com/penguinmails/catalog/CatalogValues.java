package com.penguinmails.catalog;

import java.util.Arrays;
import java.util.Locale;

/** Reads an enum constant as the catalog writes it: the constant's name in lower case ({@code api}, {@code tracking}). */
final class CatalogValues {

    private CatalogValues() {
    }

    static String nameOf(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant named {@code value}; else a message naming {@code what} it is and every allowed value. */
    static <E extends Enum<E>> E parse(Class<E> type, String what, String value) {
        E[] constants = type.getEnumConstants();
        return Arrays.stream(constants).filter(c -> nameOf(c).equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("catalog: unknown " + what + " '" + value + "'; one of "
                        + Arrays.stream(constants).map(CatalogValues::nameOf).toList()));
    }
}
