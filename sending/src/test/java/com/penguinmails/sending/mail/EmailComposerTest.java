package com.penguinmails.sending.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The MIME an email becomes, parsed back with Jakarta Mail: the platform's headers win over extras, one-click
 * unsubscribe (RFC 8058), the footer with the postal address, click rewriting and the open pixel, and refusal of a
 * header that would inject another.
 */
class EmailComposerTest {

    private static final String UNSUBSCRIBE = "https://track.acme.test/t/unsubscribe/tok";

    @Test
    void theHeadersAreThePlatformsWhateverTheExtrasHeld() throws Exception {
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("X-Campaign", "winter");
        extras.put("List-Unsubscribe", "<https://evil.test>");
        MimeMessage mime = parse(EmailComposer.compose(parts("<p>Hi</p>", "Hi", extras, null, null)));

        assertThat(mime.getHeader("Message-ID", null)).isEqualTo("<msg_1@acme.test>");
        assertThat(mime.getHeader("X-Campaign", null)).isEqualTo("winter");
        assertThat(mime.getHeader("List-Unsubscribe", null)).isEqualTo("<" + UNSUBSCRIBE + ">, <mailto:unsubscribe@bounce.acme.test?subject=tok>");
        assertThat(mime.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mime.getSubject()).isEqualTo("Grüße, Ada");
        assertThat(mime.getReplyTo()[0].toString()).isEqualTo("help@acme.test");
    }

    @Test
    void htmlAndTextGoAsAlternativesWithTheFooterTheClickLinksAndThePixel() throws Exception {
        OutgoingEmail email = EmailComposer.compose(parts("<html><body><a href=\"https://acme.test/offer\">offer</a></body></html>", "Hi",
                Map.of(), "https://track.acme.test/t/open/o", url -> "https://track.acme.test/t/click/" + url.length()));
        MimeMultipart alternative = (MimeMultipart) parse(email).getContent();

        assertThat(email.envelopeFrom()).isEqualTo("news@acme.test");
        assertThat(email.recipients()).containsExactly("ada@example.org");
        assertThat(email.messageId()).isEqualTo("msg_1");
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat((String) alternative.getBodyPart(0).getContent()).isEqualTo("Hi\n\n--\n1 Penguin Way & Co\nUnsubscribe: " + UNSUBSCRIBE + "\n");
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(html).contains("href=\"https://track.acme.test/t/click/23\"").doesNotContain("href=\"https://acme.test/offer\"");
        assertThat(html).contains("1 Penguin Way &amp; Co<br><a href=\"" + UNSUBSCRIBE + "\">Unsubscribe</a>");
        assertThat(html).contains("<img src=\"https://track.acme.test/t/open/o\"");
        assertThat(html).as("the footer goes inside the body").endsWith("</body></html>");
    }

    @Test
    void aHeaderThatWouldInjectAnotherIsRefused() {
        assertThatThrownBy(() -> EmailComposer.compose(parts("<p>Hi</p>", null, Map.of("X-Evil", "a\r\nBcc: victim@example.org"), null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed header X-Evil");
        assertThatThrownBy(() -> EmailComposer.compose(parts("<p>Hi</p>", null, Map.of("X-Evil: yes", "a"), null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static EmailComposer.Parts parts(String html, String text, Map<String, String> headers, String pixel,
                                             java.util.function.UnaryOperator<String> clicks) {
        return new EmailComposer.Parts("news@acme.test", "help@acme.test", "ada@example.org", "Grüße, Ada", html, text, headers,
                "<msg_1@acme.test>", UNSUBSCRIBE, "mailto:unsubscribe@bounce.acme.test?subject=tok", pixel, clicks, "1 Penguin Way & Co");
    }

    private static MimeMessage parse(OutgoingEmail email) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(email.mime()));
    }
}
