package com.penguinmails.sending.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngagementTest {

    private static final Instant SENT = Instant.parse("2030-05-06T07:08:09Z");
    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15";

    @Test
    void privacyProxiesScannersAndInstantHitsAreMachines() {
        assertThat(Engagement.byMachine(SENT.plusSeconds(3600), SENT, "Mozilla/5.0")).isTrue();
        assertThat(Engagement.byMachine(SENT.plusSeconds(3600), SENT, "Barracuda Sentinel (EE)")).isTrue();
        assertThat(Engagement.byMachine(SENT.plusSeconds(3), SENT, BROWSER)).isTrue();
        assertThat(Engagement.byMachine(SENT.plusSeconds(3600), SENT, BROWSER)).isFalse();
        assertThat(Engagement.byMachine(SENT.plusSeconds(3600), null, null)).isFalse();
    }

    @Test
    void theUniqueOpenIsTheReadersFirstEvenAfterAMachineOpen() {
        Instant proxy = SENT.plusSeconds(2);
        Instant reader = SENT.plusSeconds(600);
        Instant again = SENT.plusSeconds(900);
        Message message = message(List.of(new TimelineEntry(MessageStatus.SENT, SENT, "via ip_1"),
                new TimelineEntry(MessageStatus.OPENED, proxy, "Mozilla/5.0"),
                new TimelineEntry(MessageStatus.OPENED, reader, BROWSER),
                new TimelineEntry(MessageStatus.OPENED, again, BROWSER)));
        assertThat(Engagement.firstByReader(message, MessageStatus.OPENED, reader)).isTrue();
        assertThat(Engagement.firstByReader(message, MessageStatus.OPENED, again)).isFalse();
    }

    private static Message message(List<TimelineEntry> timeline) {
        return new Message("msg_1", "ws_1", "cnt_1", "ada@example.org", Map.of(), "cmp_1", List.of(), null, null, null,
                MessageStatus.OPENED, timeline, 1, "ip_1", null, SENT);
    }
}
