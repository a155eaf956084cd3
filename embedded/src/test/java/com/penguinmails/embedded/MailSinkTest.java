package com.penguinmails.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailSinkTest {

    private MailSink sink;

    @BeforeEach
    void start() {
        sink = MailSink.start(0, 0);
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void capturesWhatWasSentOverSmtp() throws Exception {
        MimeMessage message = new MimeMessage(smtpSession());
        message.setFrom(new InternetAddress("news@penguinmails.test", "Penguin News"));
        message.setRecipients(Message.RecipientType.TO, "ann@example.com");
        message.setRecipients(Message.RecipientType.BCC, "audit@example.com");
        message.setSubject("Grüße aus der Antarktis", "UTF-8");
        message.setHeader("List-Unsubscribe", "<https://penguinmails.test/u/abc>, <mailto:u-abc@penguinmails.test>");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hello Ann", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Hello Ann</p>", "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();

        Transport.send(message);

        assertThat(sink.messages()).singleElement().satisfies(captured -> {
            assertThat(captured.messageId()).isEqualTo(message.getMessageID());
            assertThat(captured.from()).isEqualTo("Penguin News <news@penguinmails.test>");
            assertThat(captured.to()).containsExactly("ann@example.com", "audit@example.com");
            assertThat(captured.subject()).isEqualTo("Grüße aus der Antarktis");
            assertThat(captured.headers().get("list-unsubscribe"))
                    .containsExactly("<https://penguinmails.test/u/abc>, <mailto:u-abc@penguinmails.test>");
            assertThat(captured.headers()).doesNotContainKey("Bcc");
            assertThat(captured.text()).isEqualTo("Hello Ann");
            assertThat(captured.html()).isEqualTo("<p>Hello Ann</p>");
            assertThat(captured.receivedAt()).isNotNull();
        });
    }

    @Test
    void usersReadTheirMailOverImapAndMayAuthenticateOverSmtp() throws Exception {
        sink.ensureUser("ann@example.com", "secret");
        Properties authenticated = smtpProperties();
        authenticated.put("mail.smtp.auth", "true");
        MimeMessage message = new MimeMessage(Session.getInstance(authenticated));
        message.setFrom("bob@example.net");
        message.setRecipients(Message.RecipientType.TO, "ann@example.com");
        message.setSubject("Lunch?");
        message.setText("At noon.");

        Transport.send(message, "ann@example.com", "secret");

        try (Store store = imapSession().getStore("imap")) {
            store.connect("127.0.0.1", sink.imapPort(), "ann@example.com", "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessages()).extracting(Message::getSubject).containsExactly("Lunch?");
            inbox.close(false);
        }
        assertThatThrownBy(() -> imapSession().getStore("imap")
                .connect("127.0.0.1", sink.imapPort(), "ann@example.com", "wrong"))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void mailIsReceivedAtTheSinksClockSoImapSearchesByDateAgreeWithThePlatform() throws Exception {
        Instant platformNow = Instant.parse("2031-02-28T23:59:30Z");
        try (MailSink shifted = MailSink.start(0, 0, Clock.fixed(platformNow, ZoneOffset.UTC))) {
            shifted.ensureUser("ann@example.com", "secret");
            Properties smtp = new Properties();
            smtp.put("mail.smtp.host", "127.0.0.1");
            smtp.put("mail.smtp.port", String.valueOf(shifted.smtpPort()));
            MimeMessage message = new MimeMessage(Session.getInstance(smtp));
            message.setFrom("bob@example.net");
            message.setRecipients(Message.RecipientType.TO, "ann@example.com");
            message.setSubject("From the future");
            message.setText("Hi");

            Transport.send(message);

            assertThat(shifted.messages()).singleElement().extracting(CapturedMessage::receivedAt).isEqualTo(platformNow);
            try (Store store = imapSession().getStore("imap")) {
                store.connect("127.0.0.1", shifted.imapPort(), "ann@example.com", "secret");
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message[] received = inbox.getMessages();
                assertThat(received).hasSize(1);
                assertThat(received[0].getReceivedDate()).isEqualTo(Date.from(platformNow));
                Date dayBefore = Date.from(platformNow.minus(Duration.ofDays(1)));
                assertThat(inbox.search(new ReceivedDateTerm(ComparisonTerm.GE, dayBefore))).as("SINCE the platform's yesterday").hasSize(1);
                inbox.close(false);
            }
        }
    }

    private Session smtpSession() {
        return Session.getInstance(smtpProperties());
    }

    private Properties smtpProperties() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(sink.smtpPort()));
        return properties;
    }

    private static Session imapSession() throws MessagingException {
        return Session.getInstance(new Properties());
    }
}
