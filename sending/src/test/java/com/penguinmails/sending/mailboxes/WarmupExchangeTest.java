package com.penguinmails.sending.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.sending.mail.SmtpSecurity;
import com.penguinmails.sending.warmup.MailboxWarmupPlan;
import com.penguinmails.sending.warmup.WarmupEngine;
import com.penguinmails.sending.warmup.WarmupState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WarmupExchangeTest {

    private static final Instant WEDNESDAY_TEN_UTC = Instant.parse("2026-11-25T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    private final Random random = new Random(42);

    @Test
    void twoEnrolledMailboxesInWorkingHoursWriteToEachOther() {
        Mailbox a = mailbox("mbx_a", "a@acme.test");
        Mailbox b = mailbox("mbx_b", "b@acme.test");

        List<WarmupExchange.PlannedSend> planned = WarmupExchange.plan(WEDNESDAY_TEN_UTC, List.of(candidate(a, 0), candidate(b, 0)), random);

        assertThat(planned).extracting(p -> p.from().id() + "->" + p.to().id()).containsExactly("mbx_a->mbx_b", "mbx_b->mbx_a");
        for (WarmupExchange.PlannedSend send : planned) {
            assertThat(Duration.between(WEDNESDAY_TEN_UTC, send.nextPacing().nextSendNotBefore()))
                    .isBetween(MailboxPacer.MIN_GAP, MailboxPacer.MAX_GAP);
            assertThat(send.nextPacing().nextWarmupAt()).isAfter(WEDNESDAY_TEN_UTC.plus(MailboxPacer.MIN_GAP.minusSeconds(1)));
        }
    }

    @Test
    void holdsPausedFullOutsideHoursGatedSpreadAndUnenrolledMailboxes() {
        Mailbox ok = mailbox("mbx_ok", "ok@acme.test");
        Mailbox paused = withState(mailbox("mbx_p", "p@acme.test"), WarmupEngine.pause(WarmupState.start(TODAY), "complaint", TODAY).state());
        Mailbox full = mailbox("mbx_full", "full@acme.test");
        Mailbox losAngeles = new Mailbox("mbx_la", "ws", "la@acme.test", List.of(), null, smtp(), imap(),
                SendingWindow.workingHours(ZoneId.of("America/Los_Angeles")), MailboxWarmupPlan.defaults(), WarmupState.start(TODAY),
                true, 0.3, WEDNESDAY_TEN_UTC, 1, Pacing.NONE);
        Mailbox gated = mailbox("mbx_g", "g@acme.test").withPacing(new Pacing(WEDNESDAY_TEN_UTC.plusSeconds(90), null, null));
        Mailbox spreading = mailbox("mbx_s", "s@acme.test").withPacing(new Pacing(null, null, WEDNESDAY_TEN_UTC.plusSeconds(600)));
        Mailbox noImap = new Mailbox("mbx_n", "ws", "n@acme.test", List.of(), null, smtp(), null, SendingWindow.workingHours(ZoneOffset.UTC),
                MailboxWarmupPlan.defaults(), WarmupState.start(TODAY), true, 0.3, WEDNESDAY_TEN_UTC, 1, Pacing.NONE);

        assertThat(WarmupExchange.holdReason(candidate(ok, 0), WEDNESDAY_TEN_UTC)).isEmpty();
        assertThat(WarmupExchange.holdReason(new WarmupExchange.Candidate(paused, 0, 0), WEDNESDAY_TEN_UTC)).contains("paused");
        assertThat(WarmupExchange.holdReason(candidate(full, 2), WEDNESDAY_TEN_UTC)).hasValueSatisfying(r -> assertThat(r).contains("cap of 2 is used"));
        assertThat(WarmupExchange.holdReason(candidate(losAngeles, 0), WEDNESDAY_TEN_UTC)).contains("outside working hours");
        assertThat(WarmupExchange.holdReason(candidate(gated, 0), WEDNESDAY_TEN_UTC)).hasValueSatisfying(r -> assertThat(r).contains("moment ago"));
        assertThat(WarmupExchange.holdReason(candidate(spreading, 0), WEDNESDAY_TEN_UTC)).hasValueSatisfying(r -> assertThat(r).contains("spreading"));
        assertThat(WarmupExchange.holdReason(candidate(noImap, 0), WEDNESDAY_TEN_UTC)).contains("not enrolled in the warmup exchange");

        List<WarmupExchange.PlannedSend> planned = WarmupExchange.plan(WEDNESDAY_TEN_UTC, List.of(candidate(ok, 0),
                new WarmupExchange.Candidate(paused, 0, 0), candidate(full, 2), candidate(losAngeles, 0), candidate(gated, 0),
                candidate(spreading, 0), candidate(noImap, 0)), random);
        assertThat(planned).extracting(p -> p.from().id()).containsExactly("mbx_ok");
        assertThat(planned.get(0).to().id()).as("any enrolled peer, even one that is not sending now").isNotEqualTo("mbx_ok").isNotEqualTo("mbx_n");
    }

    @Test
    void aMailboxAloneInItsWorkspaceHasNobodyToWarmUpWith() {
        assertThat(WarmupExchange.plan(WEDNESDAY_TEN_UTC, List.of(candidate(mailbox("mbx_a", "a@acme.test"), 0)), random)).isEmpty();
    }

    @Test
    void theNextWarmupEmailIsSpreadOverTheRestOfTheWorkingDay() {
        SendingWindow nineToFive = SendingWindow.workingHours(ZoneOffset.UTC);
        // 7 hours left, 7 emails left: every 30 to 60 minutes.
        for (int i = 0; i < 100; i++) {
            Instant next = WarmupExchange.nextWarmupAt(WEDNESDAY_TEN_UTC, nineToFive, 7, random);
            assertThat(Duration.between(WEDNESDAY_TEN_UTC, next)).isBetween(Duration.ofMinutes(30), Duration.ofMinutes(60));
        }
        assertThat(WarmupExchange.nextWarmupAt(WEDNESDAY_TEN_UTC, nineToFive, 0, random)).as("cap used: tomorrow's opening")
                .isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(WarmupExchange.nextWarmupAt(Instant.parse("2026-11-25T16:59:30Z"), nineToFive, 40, random))
                .as("never sooner than the minimum gap").isEqualTo(Instant.parse("2026-11-25T17:00:30Z"));
    }

    @Test
    void peersRotateDeterministically() {
        Set<Integer> seen = new HashSet<>();
        for (int sequence = 0; sequence < 30; sequence++) {
            int index = WarmupExchange.peerIndex("mbx_a", TODAY, sequence, 3);
            assertThat(index).isEqualTo(WarmupExchange.peerIndex("mbx_a", TODAY, sequence, 3)).isBetween(0, 2);
            seen.add(index);
        }
        assertThat(seen).as("over a day it writes to every peer").containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void repliesFollowTheRateAndTheSameMessageAlwaysGetsTheSameAnswer() {
        int replies = 0;
        for (int i = 0; i < 2000; i++) {
            String id = "<wu_" + i + "@acme.test>";
            boolean reply = WarmupExchange.shouldReply(id, 0.3);
            assertThat(WarmupExchange.shouldReply(id, 0.3)).isEqualTo(reply);
            replies += reply ? 1 : 0;
        }
        assertThat(replies).as("about 30 %% of 2000").isBetween(520, 680);
        assertThat(WarmupExchange.shouldReply("<x@acme.test>", 0)).isFalse();
        assertThat(WarmupExchange.shouldReply("<x@acme.test>", 1)).isTrue();
    }

    @Test
    void theReceivingSideTouchesOnlyPeersWarmupMailAndNeverAnswersAReply() {
        Set<String> peers = Set.of("a@acme.test", "b@acme.test");

        assertThat(WarmupExchange.onReceived(null, false, "a@acme.test", peers, "<m1@x>", 1, true))
                .as("not warmup mail").isEqualTo(WarmupExchange.InboxAction.IGNORE);
        assertThat(WarmupExchange.onReceived("1", false, "stranger@evil.test", peers, "<m2@x>", 1, true))
                .as("the header from an outsider").isEqualTo(WarmupExchange.InboxAction.IGNORE);
        assertThat(WarmupExchange.onReceived("1", false, "A@Acme.Test", peers, "<m3@x>", 1, true))
                .isEqualTo(WarmupExchange.InboxAction.MARK_AND_REPLY);
        assertThat(WarmupExchange.onReceived("1", true, "a@acme.test", peers, "<m4@x>", 1, true))
                .as("a reply").isEqualTo(WarmupExchange.InboxAction.MARK);
        assertThat(WarmupExchange.onReceived("1", false, "a@acme.test", peers, "<m5@x>", 0, true))
                .as("reply rate 0").isEqualTo(WarmupExchange.InboxAction.MARK);
        assertThat(WarmupExchange.onReceived("1", false, "a@acme.test", peers, "<m6@x>", 1, false))
                .as("a paused mailbox rescues but does not send").isEqualTo(WarmupExchange.InboxAction.MARK);
    }

    private static WarmupExchange.Candidate candidate(Mailbox mailbox, long used) {
        return new WarmupExchange.Candidate(mailbox, WarmupEngine.dailyCap(mailbox.plan(), mailbox.warmup()), used);
    }

    private static Mailbox mailbox(String id, String email) {
        return new Mailbox(id, "ws", email, List.of(), null, smtp(), imap(), SendingWindow.workingHours(ZoneOffset.UTC), MailboxWarmupPlan.defaults(),
                WarmupState.start(TODAY), true, 0.3, WEDNESDAY_TEN_UTC, 1, Pacing.NONE);
    }

    private static Mailbox withState(Mailbox mailbox, WarmupState state) {
        return mailbox.withWarmup(state);
    }

    private static SmtpServerSettings smtp() {
        return new SmtpServerSettings("smtp.acme.test", 587, "user", "local-v1:x", SmtpSecurity.STARTTLS_REQUIRED, null);
    }

    private static ServerSettings imap() {
        return new ServerSettings("imap.acme.test", 993, "user", "local-v1:x", true);
    }
}
