package com.penguinmails.sending.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real-shaped samples under {@code events/imap/}, with their placeholders filled in. */
class BounceReportParserTest {

    private static final String MESSAGE = "msg_0mh1qk2x4fA8bZ0cD1eF2";
    private static final String WORKSPACE = "ws_Q8c1Lr0b2Zt7Yh3Kd9Wm";
    private static final String MAILBOX = "mbx_T3s9Fq1Vb7Ne2Lk0Pz4R";
    private static final String RECIPIENT = "Gone.Prospect@Example.org";
    private static final Instant NOW = Instant.parse("2026-11-25T10:10:00Z");

    @Test
    void aPostfixDsnWithTheWholeOriginalIsAHardBounceOfOurMessage() {
        BounceReport report = parse("postfix-hard-bounce.eml");

        assertThat(report.standard()).isTrue();
        assertThat(report.reportMessageId()).isEqualTo("<20261125100007.4Z1k2L3m4Nz9xQ@mail.provider.example>");
        assertThat(report.reporter()).isEqualTo("mail.provider.example");
        assertThat(report.original()).isEqualTo(new BounceReport.Original(MESSAGE, WORKSPACE, "<" + MESSAGE + "@coldco.test>", "coldco.test",
                "gone.prospect@example.org"));
        assertThat(report.recipients()).containsExactly(new BounceReport.Recipient("gone.prospect@example.org", "failed", "5.1.1",
                DeliveryEvent.Type.HARD_BOUNCE,
                "550 5.1.1 <Gone.Prospect@Example.org>: Recipient address rejected: User unknown in virtual mailbox table"));

        List<DeliveryEvent> events = report.events(WORKSPACE, MAILBOX, "fallback.test", null, NOW);
        assertThat(events).hasSize(1);
        DeliveryEvent event = events.get(0);
        assertThat(event.type()).isEqualTo(DeliveryEvent.Type.HARD_BOUNCE);
        assertThat(event.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(event.messageId()).isEqualTo(MESSAGE);
        assertThat(event.resourceId()).isEqualTo(MAILBOX);
        assertThat(event.sendingDomain()).isEqualTo("coldco.test");
        assertThat(event.recipient()).isEqualTo("gone.prospect@example.org");
        assertThat(event.at()).as("the report's Date").isEqualTo(Instant.parse("2026-11-25T10:00:07Z"));
        assertThat(event.detail()).startsWith("5.1.1: 550 5.1.1").endsWith("(reported by mail.provider.example)");
        assertThat(event.eventId()).as("stable: the same report read again is the same event")
                .isEqualTo(parse("postfix-hard-bounce.eml").events(WORKSPACE, MAILBOX, "fallback.test", null, NOW.plusSeconds(600)).get(0).eventId());
    }

    @Test
    void theAddressWeMailedIsTheRecipientWhateverTheReportNames() {
        List<DeliveryEvent> events = parse("postfix-hard-bounce.eml").events(WORKSPACE, MAILBOX, null, "Ada@Example.org", NOW);

        assertThat(events).singleElement().satisfies(e -> assertThat(e.recipient()).isEqualTo("ada@example.org"));
        assertThat(events.get(0).eventId()).as("and so is the id: a report naming an alias is the same event")
                .isEqualTo(parse("gmail-hard-bounce-headers-only.eml").events(WORKSPACE, MAILBOX, null, "ada@example.org", NOW).get(0).eventId());
    }

    @Test
    void gmailsReportWithOnlyTheOriginalsHeadersFindsTheMessageByItsMessageId() {
        BounceReport report = parse("gmail-hard-bounce-headers-only.eml");

        assertThat(report.standard()).isTrue();
        assertThat(report.reporter()).isEqualTo("googlemail.com");
        assertThat(report.original().messageId()).as("from <msg_...@domain>").isEqualTo(MESSAGE);
        assertThat(report.original().workspaceId()).as("no X-PM headers in what Gmail returned").isNull();
        BounceReport.Recipient recipient = report.recipients().get(0);
        assertThat(recipient.type()).isEqualTo(DeliveryEvent.Type.HARD_BOUNCE);
        assertThat(recipient.status()).isEqualTo("5.1.1");
        assertThat(recipient.diagnostic()).as("folded lines joined").startsWith("550-5.1.1 The email account that you tried to reach does not exist.")
                .contains("NoSuchUser");
        assertThat(report.events(WORKSPACE, MAILBOX, "fallback.test", null, NOW).get(0).at())
                .as("02:00:09 -0800").isEqualTo(Instant.parse("2026-11-25T10:00:09Z"));
    }

    @Test
    void aFailedDsnWithA4xxStatusIsASoftBounceAndADelayWarningADelay() {
        BounceReport expired = parse("postfix-expired-soft-bounce.eml");
        assertThat(expired.recipients()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(DeliveryEvent.Type.SOFT_BOUNCE);
            assertThat(r.status()).isEqualTo("4.4.1");
            assertThat(r.diagnostic()).isEqualTo("connect to mx.example.org[198.51.100.40]:25: Connection timed out");
        });
        assertThat(expired.events(WORKSPACE, MAILBOX, null, null, NOW).get(0).at()).as("a Date after now is not believed").isEqualTo(NOW);

        BounceReport delayed = parse("postfix-delayed-warning.eml");
        assertThat(delayed.recipients()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("delayed");
            assertThat(r.type()).isEqualTo(DeliveryEvent.Type.DELIVERY_DELAY);
            assertThat(r.diagnostic()).isEqualTo("452 4.2.2 Mailbox full");
        });
        assertThat(delayed.events(WORKSPACE, MAILBOX, null, null, Instant.parse("2026-11-25T15:00:00Z")).get(0).eventId())
                .as("a delay and the final failure of the same message are two events")
                .isNotEqualTo(expired.events(WORKSPACE, MAILBOX, null, null, NOW).get(0).eventId());
    }

    @Test
    void qmailsPlainTextFailureNoticeIsReadFromItsWording() {
        BounceReport report = parse("qmail-failure-notice.eml");

        assertThat(report.standard()).isFalse();
        assertThat(report.reporter()).isEqualTo("mailer-daemon@mx.example.net");
        assertThat(report.original().messageId()).isEqualTo(MESSAGE);
        assertThat(report.original().workspaceId()).isEqualTo(WORKSPACE);
        assertThat(report.original().fromDomain()).isEqualTo("coldco.test");
        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("gone.prospect@example.org");
            assertThat(r.status()).as("not the version number in the copied body").isEqualTo("5.1.1");
            assertThat(r.type()).isEqualTo(DeliveryEvent.Type.HARD_BOUNCE);
            assertThat(r.diagnostic()).isEqualTo("Remote host said: 550 5.1.1 <Gone.Prospect@Example.org>... User unknown");
        });
    }

    @Test
    void eximsBounceTakesTheRecipientFromXFailedRecipientsAndTheCodeOverItsWording() {
        BounceReport report = parse("exim-quota-soft-bounce.eml");

        assertThat(report.standard()).isFalse();
        assertThat(report.original().messageId()).isEqualTo(MESSAGE);
        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("gone.prospect@example.org");
            assertThat(r.status()).isEqualTo("4.2.2");
            assertThat(r.type()).as("452 4.2.2, although Exim calls every bounce a permanent error").isEqualTo(DeliveryEvent.Type.SOFT_BOUNCE);
            assertThat(r.diagnostic()).isEqualTo("452 4.2.2 The email account that you tried to reach is over quota");
        });
    }

    @Test
    void aBounceOfMailWeDidNotSendIsABounceButNotAboutOurMessage() {
        BounceReport report = parse("not-ours-hard-bounce.eml");

        assertThat(report.isAboutOurMessage()).isFalse();
        assertThat(report.original().messageIdHeader()).isEqualTo("<CAK7yQ2Xb1=pZ3mWq9e0rT5uV@mail.gmail.com>");
        assertThat(report.recipients().get(0).type()).isEqualTo(DeliveryEvent.Type.HARD_BOUNCE);
        assertThat(report.events(WORKSPACE, MAILBOX, null, null, NOW)).isEmpty();
    }

    @Test
    void repliesReadReceiptsAndOtherMailAreNotBounceReports() {
        String reply = """
                From: Ada <ada@example.org>
                To: ann@coldco.test
                Subject: Re: Quick idea
                In-Reply-To: <%s@coldco.test>
                Message-ID: <reply-1@example.org>

                Not interested, thanks. 550 5.1.1 is not a bounce either.
                > X-PM-Message-Id: %s
                """.formatted(MESSAGE, MESSAGE);
        String readReceipt = """
                From: Ada <ada@example.org>
                To: ann@coldco.test
                Subject: Read: Quick idea
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=disposition-notification; boundary="b1"

                --b1
                Content-Type: text/plain

                Your message was read.
                --b1
                Content-Type: message/disposition-notification

                Final-Recipient: rfc822; ada@example.org
                Original-Message-ID: <%s@coldco.test>
                Disposition: manual-action/MDN-sent-manually; displayed
                --b1--
                """.formatted(MESSAGE);

        assertThat(BounceReportParser.parse(reply.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(BounceReportParser.parse(readReceipt.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(BounceReportParser.parse("not a message at all".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void successNoticesAreNoProblemAndAMissingActionFallsBackToTheStatus() {
        assertThat(BounceReportParser.classify("delivered", "2.0.0", null)).isNull();
        assertThat(BounceReportParser.classify("relayed", "2.0.0", null)).isNull();
        assertThat(BounceReportParser.classify(null, "5.7.1", null)).isEqualTo(DeliveryEvent.Type.HARD_BOUNCE);
        assertThat(BounceReportParser.classify("failed", null, "421 try again later")).isEqualTo(DeliveryEvent.Type.SOFT_BOUNCE);
        assertThat(BounceReportParser.classify("failed", null, null)).isEqualTo(DeliveryEvent.Type.HARD_BOUNCE);
    }

    @Test
    void theQueueFormatRoundTripsThroughTheEventParser() {
        DeliveryEvent event = parse("postfix-hard-bounce.eml").events(WORKSPACE, MAILBOX, null, null, NOW).get(0);

        assertThat(SesEventParser.parse(MailboxBounceEvent.toJson(event))).isEqualTo(event);
    }

    static BounceReport parse(String sample) {
        return BounceReportParser.parse(ImapSamples.sample(sample, MESSAGE, WORKSPACE, RECIPIENT, "ann@coldco.test", "coldco.test")
                .getBytes(StandardCharsets.UTF_8)).orElseThrow(() -> new AssertionError(sample + " is not read as a bounce report"));
    }
}
