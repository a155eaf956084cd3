package com.penguinmails.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The listing's cursor: its two forms, and what no listing of ours returns. */
class EventLogCursorTest {

    private static final String POSITION = "1795000000000#evt_1";

    @Test
    void aCursorReadsBackAsWritten() {
        EventLogCursor atPosition = new EventLogCursor(POSITION, POSITION);
        EventLogCursor fromAPack = new EventLogCursor(POSITION, "1795000000042#p_0123456789abcdef01234567");

        assertThat(atPosition.format()).isEqualTo("@@" + POSITION);
        assertThat(EventLogCursor.parse(atPosition.format())).isEqualTo(atPosition);
        assertThat(EventLogCursor.parse(fromAPack.format())).isEqualTo(fromAPack);
        assertThat(EventQuery.isPosition(fromAPack.format())).isTrue();
    }

    @Test
    void aBarePositionFromBeforePacksReadsFromAsHighAsAPackHoldingAnEventBelowItCanBeKeyed() {
        assertThat(EventLogCursor.parse(POSITION)).isEqualTo(new EventLogCursor(POSITION, "1795000060001~"));
        assertThat(EventQuery.isPosition(POSITION)).isTrue();
    }

    @Test
    void aCursorNoListingReturnsIsRefused() {
        String tooFarAbove = "@1795000060002#p_0123456789abcdef01234567@" + POSITION;
        String atTheLimit = "@1795000060001#p_0123456789abcdef01234567@" + POSITION;
        assertThat(EventLogCursor.parse(atTheLimit)).isNotNull();
        assertThat(EventLogCursor.parse(tooFarAbove)).as("more than MAX_SPAN and a millisecond above").isNull();
        assertThat(EventLogCursor.parse("@1795000000000#a@" + POSITION)).as("below the position").isNull();
        for (String garbage : new String[] {"", "@@", "@@17950#x", "1795000000000#", "@x@" + POSITION, "@1795000000001#p@q@" + POSITION,
            "1795000000000#" + "x".repeat(201), "1795000000000#with space"}) {
            assertThat(EventLogCursor.parse(garbage)).as(garbage).isNull();
            assertThat(EventQuery.isPosition(garbage)).as(garbage).isFalse();
        }
        assertThat(EventQuery.isPosition(null)).isFalse();
    }
}
