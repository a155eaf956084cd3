package com.penguinmails.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SampleTimestampsTest {

    private static final Instant NOW = Instant.parse("2031-03-01T00:00:10Z");

    @Test
    void theLatestTimeBecomesNowAndTheOthersKeepTheirDistance() {
        String sample = "{\"mail\":{\"timestamp\":\"2026-11-25T10:00:00.000Z\"},\"bounce\":{\"timestamp\":\"2026-11-25T10:00:05.000Z\"}}";

        assertThat(SampleTimestamps.shiftedTo(sample, NOW))
                .isEqualTo("{\"mail\":{\"timestamp\":\"2031-03-01T00:00:05.000Z\"},\"bounce\":{\"timestamp\":\"2031-03-01T00:00:10.000Z\"}}");
    }

    @Test
    void timesInsideAnSnsMessageStringMoveToo() throws IOException {
        String sample = Files.readString(Path.of("..", "events", "ses", "delivery-via-sns.json"));

        String shifted = SampleTimestamps.shiftedTo(sample, NOW);

        assertThat(shifted).doesNotContain("2026-11-25")
                .contains("\"Timestamp\": \"2031-03-01T00:00:10.000Z\"")
                .contains("\\\"timestamp\\\":\\\"2031-03-01T00:00:08.700Z\\\"");
    }

    @Test
    void mailDatesMoveInTheirOwnNotationWithTheRightDayName() throws IOException {
        String sample = Files.readString(Path.of("..", "events", "imap", "postfix-hard-bounce.eml"));

        String shifted = SampleTimestamps.shiftedTo(sample, NOW);

        assertThat(shifted).doesNotContain("Nov 2026")
                .contains("Date: Sat, 1 Mar 2031 00:00:10 +0000 (UTC)")
                .contains("Arrival-Date: Sat, 1 Mar 2031 00:00:08 +0000 (UTC)");
    }

    @Test
    void aSampleWithoutTimesIsLeftAsItIs() {
        assertThat(SampleTimestamps.shiftedTo("{\"id\":\"evt_1\",\"at\":\"yesterday\"}", NOW)).isEqualTo("{\"id\":\"evt_1\",\"at\":\"yesterday\"}");
    }
}
