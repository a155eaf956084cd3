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

    @Test
    void recipientsAcceptedTogetherAreFoundClaimedAndListedOneByOne() {
        List<Message> accepted = submission(60, "spring-sale");
        messages.createAll(accepted);

        Message tenth = accepted.get(10);
        assertThat(messages.find(WORKSPACE, tenth.id())).as("queued, as accepted").contains(tenth);
        Message claimed = messages.claim(WORKSPACE, tenth.id(), CLOCK.instant(), Duration.ofMinutes(5), "token-a").orElseThrow();
        assertThat(claimed).extracting(Message::to, Message::variables, Message::campaignId, Message::tags, Message::pool, Message::contentId,
                        Message::createdAt, Message::attempt, Message::status)
                .containsExactly(tenth.to(), tenth.variables(), "spring-sale", List.of("news"), "pool_1", "cnt_1", tenth.createdAt(), 1,
                        MessageStatus.SENDING);
        assertThat(claimed.timeline()).extracting(TimelineEntry::status).containsExactly(MessageStatus.QUEUED, MessageStatus.SENDING);
        assertThat(messages.claim(WORKSPACE, tenth.id(), CLOCK.instant(), Duration.ofMinutes(5), "token-b")).as("claimed once").isEmpty();
        assertThat(messages.markSent(WORKSPACE, tenth.id(), 1, "ip_1", "<x@acme.test>", CLOCK.instant())).isTrue();
        assertThat(messages.find(WORKSPACE, tenth.id()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
        assertThat(messages.find(WORKSPACE, accepted.get(11).id()).orElseThrow().status()).as("its neighbour").isEqualTo(MessageStatus.QUEUED);

        List<String> newestFirst = accepted.stream().map(Message::id).sorted(java.util.Comparator.reverseOrder()).toList();
        List<Message> all = messages.list(WORKSPACE, null, null, null, 100).items();
        assertThat(all).extracting(Message::id).containsExactlyElementsOf(newestFirst);
        assertThat(all).filteredOn(m -> m.id().equals(tenth.id())).extracting(Message::status).containsExactly(MessageStatus.SENT);
        assertThat(messages.list(WORKSPACE, null, MessageStatus.SENT, null, 100).items()).extracting(Message::id).containsExactly(tenth.id());
        assertThat(messages.list(WORKSPACE, "other-campaign", null, null, 100).items()).isEmpty();
    }

    @Test
    void pagesOfAnySizeListEveryMessageOnceNewestFirst() {
        List<Message> accepted = new java.util.ArrayList<>(submission(57, null));
        accepted.addAll(submission(31, null));
        messages.createAll(accepted.subList(0, 57));
        messages.createAll(accepted.subList(57, accepted.size()));
        for (int i = 0; i < accepted.size(); i += 9) {
            messages.claim(WORKSPACE, accepted.get(i).id(), CLOCK.instant(), Duration.ofMinutes(5), "token-" + i).orElseThrow();
        }
        List<String> newestFirst = accepted.stream().map(Message::id).sorted(java.util.Comparator.reverseOrder()).toList();

        for (int pageSize : List.of(1, 7, 25, 26, 100)) {
            List<String> seen = new java.util.ArrayList<>();
            String cursor = null;
            do {
                var page = messages.list(WORKSPACE, null, null, cursor, pageSize);
                assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
                page.items().forEach(m -> seen.add(m.id()));
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(seen).as("pages of " + pageSize).containsExactlyElementsOf(newestFirst);
        }
        List<String> claimedIds = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = messages.list(WORKSPACE, null, MessageStatus.SENDING, cursor, 3);
            page.items().forEach(m -> claimedIds.add(m.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(claimedIds).hasSize(10).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    /** What MessageService makes of one submission: one content, one time, {@code count} recipients. */
    static List<Message> submission(int count, String campaignId) {
        Instant now = CLOCK.instant();
        List<Integer> sizes = java.util.Collections.nCopies(count, 40);
        List<String> ids = MessageIds.forSubmission(now, sizes);
        List<Message> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Message(ids.get(i), WORKSPACE, "cnt_1", "reader" + i + "@example.org", Map.of("name", "Reader " + i), campaignId,
                    List.of("news"), "pool_1", null, null, MessageStatus.QUEUED, List.of(new TimelineEntry(MessageStatus.QUEUED, now, null)),
                    0, null, null, now));
        }
        return out;
    }

    static String workspace() {
        return WORKSPACE;
    }

    private void queued(String id) {
        messages.create(new Message(id, WORKSPACE, "cnt_1", "ada@example.org", Map.of(), null, List.of(), "pool_1", null, null,
                MessageStatus.QUEUED, List.of(), 0, null, null, CLOCK.instant()));
    }
}
