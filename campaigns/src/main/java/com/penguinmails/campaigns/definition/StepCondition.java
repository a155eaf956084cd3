package com.penguinmails.campaigns.definition;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * When a follow-up goes out, judged on what the contact did with the campaign's earlier emails. A step whose
 * condition does not hold is skipped, and the contact moves on to the next step. "Only if no reply" needs no
 * condition: a reply stops the sequence.
 */
public enum StepCondition {
    ALWAYS, NOT_OPENED, OPENED, CLICKED, NOT_CLICKED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<StepCondition> fromWire(String value) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst();
    }

    public boolean holds(boolean opened, boolean clicked) {
        return switch (this) {
            case ALWAYS -> true;
            case NOT_OPENED -> !opened;
            case OPENED -> opened;
            case CLICKED -> clicked;
            case NOT_CLICKED -> !clicked;
        };
    }
}
