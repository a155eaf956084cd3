package com.penguinmails.mailadapters;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.platform.Json;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.core.testing.TestPlatforms;
import com.penguinmails.embedded.EmbeddedDynamoDbExtension;
import com.penguinmails.embedded.MailSink;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.mailadapters.MailWiring;
import com.penguinmails.sending.SendingWiring;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.SmtpSecurity;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.mailboxes.NewMailbox;
import com.penguinmails.sending.mailboxes.SmtpServerSettings;
import com.penguinmails.sending.mailboxes.internal.LocalSecretCipher;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a mailbox's SMTP security becomes: stored (including mailboxes stored before the setting existed) and handed
 * to the transport, as it is, or where the local platform overrides the servers: implicit TLS to the sink's TLS
 * listener trusting its certificate, everything else plain to the sink (which offers no STARTTLS).
 */
class MailboxSmtpSecurityTest {

    @RegisterExtension
    static final EmbeddedDynamoDbExtension DYNAMO = new EmbeddedDynamoDbExtension();

    private static final String PEM = "-----BEGIN CERTIFICATE-----\nnot parsed here\n-----END CERTIFICATE-----\n";
    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void mailboxesStoredBeforeTheSettingKeepWhatTheirBooleanMeant() throws Exception {
        String legacy = "{\"host\":\"smtp.acme.test\",\"port\":587,\"username\":\"u\",\"passwordCiphertext\":\"local-v1:x\",\"tls\":";

        assertThat(Json.STORAGE.readValue(legacy + "true}", SmtpServerSettings.class).security()).isEqualTo(SmtpSecurity.STARTTLS);
        assertThat(Json.STORAGE.readValue(legacy + "false}", SmtpServerSettings.class).security()).isEqualTo(SmtpSecurity.NONE);
        SmtpServerSettings current = new SmtpServerSettings("smtp.acme.test", 465, "u", "local-v1:x", SmtpSecurity.IMPLICIT, PEM);
        assertThat(Json.STORAGE.readValue(Json.STORAGE.writeValueAsString(current), SmtpServerSettings.class)).isEqualTo(current);
        assertThat(Json.STORAGE.writeValueAsString(current)).contains("\"security\":\"implicit\"");
    }

    @Test
    void withoutOverridesTheTransportGetsTheMailboxsOwnSecurityAndCertificate() {
        MailboxService service = MailWiring.mailboxService(TestPlatforms.withAllTables(DYNAMO, clock, env(false)));
        Mailbox mailbox = service.create(caller(), request("ann@acme.test", 465, "implicit", certificate()));

        MailTransport.SmtpSettings smtp = service.smtpSettings(mailbox);

        assertThat(smtp.host()).isEqualTo("smtp.acme.test");
        assertThat(smtp.port()).isEqualTo(465);
        assertThat(smtp.security()).isEqualTo(SmtpSecurity.IMPLICIT);
        assertThat(smtp.trustedCertificate()).isEqualTo(certificate());
    }

    @Test
    void overriddenImplicitTlsGoesToTheSinksTlsListenerAndTheRestGoesPlainToTheSink() {
        MailboxService service = MailWiring.mailboxService(TestPlatforms.withAllTables(DYNAMO, clock, env(true)));
        Mailbox implicit = service.create(caller(), request("ann@acme.test", 465, "implicit", certificate()));
        Mailbox required = service.create(caller(), request("bob@acme.test", 587, null, null));

        MailTransport.SmtpSettings tls = service.smtpSettings(implicit);
        MailTransport.SmtpSettings plain = service.smtpSettings(required);

        assertThat(required.smtp().security()).as("the default on 587").isEqualTo(SmtpSecurity.STARTTLS_REQUIRED);
        assertThat(List.of(tls.host(), tls.port(), tls.security(), tls.trustedCertificate()))
                .containsExactly(MailSink.TLS_HOST, 2465, SmtpSecurity.IMPLICIT, "sink certificate");
        assertThat(List.of(plain.host(), plain.port(), plain.security())).containsExactly("127.0.0.1", 2525, SmtpSecurity.NONE);
        assertThat(plain.trustedCertificate()).isNull();
    }

    private static Map<String, String> env(boolean overridden) {
        Map<String, String> env = new HashMap<>(Map.of(SendingWiring.LOCAL_SECRET_KEY_VARIABLE, LocalSecretCipher.newBase64Key()));
        if (overridden) {
            env.put(SendingWiring.MAILBOX_SMTP_HOST_OVERRIDE_VARIABLE, "127.0.0.1");
            env.put(SendingWiring.MAILBOX_SMTP_PORT_OVERRIDE_VARIABLE, "2525");
            env.put(SendingWiring.MAILBOX_SMTPS_HOST_OVERRIDE_VARIABLE, MailSink.TLS_HOST);
            env.put(SendingWiring.MAILBOX_SMTPS_PORT_OVERRIDE_VARIABLE, "2465");
            env.put(SendingWiring.MAILBOX_SMTPS_CERTIFICATE_OVERRIDE_VARIABLE, "sink certificate");
        }
        return env;
    }

    /** A real certificate, as a user would paste it. */
    private static String certificate() {
        try (MailSink sink = MailSink.start(0, 0)) {
            return sink.certificatePem();
        }
    }

    private static NewMailbox request(String email, int port, String tls, String trustedCertificate) {
        return new NewMailbox(email, null, new NewMailbox.Smtp("smtp.acme.test", port, email, "pw", tls, trustedCertificate),
                null, null, null, null, false, null, null);
    }

    private static Caller caller() {
        return new Caller(new Principal("ws_1", "key_1", "apikey:key_1", List.of("full"), 100), "127.0.0.1");
    }
}
