package com.penguinmails.sending.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim that makes sending at-most-once, on dynalite (MessageClaimTest) and on the in-memory fake: a claim repeated under the same token (an SDK retry after an
 * attempt that was applied but never answered, or the sender trying again after a store outage) is recognised as
 * its own instead of reading as "someone else is sending it", which would leave the message SENDING and never sent.
 */
abstract class MessageClaimContract {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final String WORKSPACE = "ws_claims";

    private MessageStore messages;

    abstract MessageStore newStore();

    @BeforeEach
    void setUp() {
        messages = newStore();
    }

    @Test
    void aClaimRepeatedUnderTheSameTokenIsOurs() {
        queued("msg_1");

        Message first = messages.claim(WORKSPACE, "msg_1", CLOCK.instant(), Duration.ofMinutes(5), "token-a").orElseThrow();
        Message again = messages.claim(WORKSPACE, "msg_1", CLOCK.instant(), Duration.ofMinutes(5), "token-a").orElseThrow();

        assertThat(again.status()).isEqualTo(MessageStatus.SENDING);
        assertThat(again.attempt()).as("applied once").isEqualTo(first.attempt()).isEqualTo(1);
        assertThat(messages.markSent(WORKSPACE, "msg_1", again.attempt(), "ip_1", "<msg_1@acme.test>", CLOCK.instant())).isTrue();
    }

    @Test
    void anotherTokenFindsItClaimedAndSoDoesOursOnceItWasSent() {
        queued("msg_2");
        Message claimed = messages.claim(WORKSPACE, "msg_2", CLOCK.instant(), Duration.ofMinutes(5), "token-a").orElseThrow();

        assertThat(messages.claim(WORKSPACE, "msg_2", CLOCK.instant(), Duration.ofMinutes(5), "token-b")).as("another sender").isEmpty();

        messages.markSent(WORKSPACE, "msg_2", claimed.attempt(), "ip_1", "<msg_2@acme.test>", CLOCK.instant());
        assertThat(messages.claim(WORKSPACE, "msg_2", CLOCK.instant(), Duration.ofMinutes(5), "token-a")).as("sent: nobody's to claim").isEmpty();
    }

    private void queued(String id) {
        messages.create(new Message(id, WORKSPACE, "cnt_1", "ada@example.org", Map.of(), null, List.of(), "pool_1", null, null,
                MessageStatus.QUEUED, List.of(), 0, null, null, CLOCK.instant()));
    }
}
