package com.penguinmails.mailadapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.embedded.CapturedMessage;
import com.penguinmails.embedded.MailSink;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import com.penguinmails.sending.mail.SmtpSecurity;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SMTP over real sockets against GreenMail (the mail sink): implicit TLS on its SMTPS listener, whose self-signed
 * certificate names only {@value MailSink#TLS_HOST}. Mail goes only when that certificate is trusted and the host
 * name matches; otherwise the send fails permanently, saying why, and the sink receives nothing.
 */
class SmtpTransportTlsTest {

    private static final String USER = "ann@coldco.test";
    private static final String PASSWORD = "pw-ann-tls";
    private static MailSink sink;

    @BeforeAll
    static void start() {
        sink = MailSink.start(0, 0);
        sink.ensureUser(USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        sink.close();
    }

    @Test
    void implicitTlsDeliversWhenTheServersCertificateIsTrustedAndNamesTheHost() {
        send(settings(MailSink.TLS_HOST, sink.smtpsPort(), SmtpSecurity.IMPLICIT, sink.certificatePem()), "trusted@example.org");

        assertThat(received("trusted@example.org")).hasSize(1);
        assertThat(sink.receivedOverTls(received("trusted@example.org").get(0))).isTrue();
    }

    @Test
    void implicitTlsRefusesACertificateNoTrustedAuthoritySigned() {
        assertThatThrownBy(() -> send(settings(MailSink.TLS_HOST, sink.smtpsPort(), SmtpSecurity.IMPLICIT, null), "untrusted@example.org"))
                .isInstanceOf(MailTransport.PermanentSendException.class)
                .hasMessageContaining("TLS could not be established, nothing was sent")
                .hasMessageContaining("certification path");
        assertThat(received("untrusted@example.org")).isEmpty();
    }

    @Test
    void trustingAnotherCertificateDoesNotTrustThisOne() throws Exception {
        assertThatThrownBy(() -> send(settings(MailSink.TLS_HOST, sink.smtpsPort(), SmtpSecurity.IMPLICIT, greenMailsBuiltInCertificate()),
                "pinned-other@example.org"))
                .isInstanceOf(MailTransport.PermanentSendException.class)
                .hasMessageContaining("TLS could not be established");
        assertThat(received("pinned-other@example.org")).isEmpty();
    }

    @Test
    void implicitTlsRefusesAHostNameTheCertificateDoesNotName() {
        // The same server and a trusted certificate, reached by an address the certificate does not name.
        assertThatThrownBy(() -> send(settings("127.0.0.1", sink.smtpsPort(), SmtpSecurity.IMPLICIT, sink.certificatePem()), "mismatch@example.org"))
                .isInstanceOf(MailTransport.PermanentSendException.class)
                .hasMessageContaining("TLS could not be established")
                .hasMessageContaining("127.0.0.1");
        assertThat(received("mismatch@example.org")).isEmpty();
    }

    @Test
    void requiredStartTlsSendsNothingToAServerThatDoesNotOfferIt() {
        assertThatThrownBy(() -> send(settings("127.0.0.1", sink.smtpPort(), SmtpSecurity.STARTTLS_REQUIRED, null), "required@example.org"))
                .isInstanceOf(MailTransport.PermanentSendException.class)
                .hasMessageContaining("does not offer STARTTLS");
        assertThat(received("required@example.org")).isEmpty();
    }

    @Test
    void startTlsWhenOfferedAndPlainTextStillReachAPlainServer() {
        send(settings("127.0.0.1", sink.smtpPort(), SmtpSecurity.STARTTLS, null), "opportunistic@example.org");
        send(settings("127.0.0.1", sink.smtpPort(), SmtpSecurity.NONE, null), "plain@example.org");

        assertThat(received("opportunistic@example.org")).hasSize(1);
        assertThat(received("plain@example.org")).hasSize(1);
        assertThat(sink.receivedOverTls(received("plain@example.org").get(0))).isFalse();
    }

    @Test
    void implicitTlsToAPortThatSpeaksPlainTextFailsSayingSo() {
        assertThatThrownBy(() -> send(settings(MailSink.TLS_HOST, sink.smtpPort(), SmtpSecurity.IMPLICIT, sink.certificatePem()), "plainport@example.org"))
                .isInstanceOf(MailTransport.PermanentSendException.class)
                .hasMessageContaining("tls implicit needs a port that speaks TLS at once");
        assertThat(received("plainport@example.org")).isEmpty();
    }

    private static MailTransport.SmtpSettings settings(String host, int port, SmtpSecurity security, String trusted) {
        return new MailTransport.SmtpSettings(host, port, USER, PASSWORD, security, trusted);
    }

    private static void send(MailTransport.SmtpSettings smtp, String to) {
        String mime = "From: Ann <" + USER + ">\r\nTo: " + to + "\r\nSubject: TLS check\r\nMessage-ID: <msg_tls@coldco.test>\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nHello over TLS.\r\n";
        new SmtpTransport(null).send(new OutgoingEmail(USER, List.of(to), "<msg_tls@coldco.test>", mime.getBytes(StandardCharsets.UTF_8)),
                new MailTransport.SendingIdentity("ws_1", "mbx_1", null, smtp));
    }

    private static List<CapturedMessage> received(String to) {
        return sink.messages().stream().filter(m -> m.to().contains(to)).toList();
    }

    /** A real certificate, just not this server's: GreenMail's own test certificate from its jar. */
    private static String greenMailsBuiltInCertificate() throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = com.icegreen.greenmail.util.GreenMail.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            keyStore.load(in, "changeit".toCharArray());
        }
        byte[] der = keyStore.getCertificate(keyStore.aliases().nextElement()).getEncoded();
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }
}
