package com.penguinmails.mailadapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.embedded.MailSink;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import com.penguinmails.sending.mail.SmtpSecurity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A 4xx after DATA (here GreenMail's 451) is worth another try: transient, not "recipient refused" for good. */
class SmtpTransportRefusalTest {

    private final MailSink sink = MailSink.start(0, 0);

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void a451AfterDataIsTransientAndTheNextTryIsAccepted() {
        SmtpTransport transport = new SmtpTransport(new MailTransport.SmtpSettings("127.0.0.1", sink.smtpPort(), null, null, SmtpSecurity.NONE, null));
        OutgoingEmail email = new OutgoingEmail("news@acme.test", List.of("ada@example.org"), "<msg_1@acme.test>",
                ("From: news@acme.test\r\nTo: ada@example.org\r\nSubject: Hi\r\nMessage-ID: <msg_1@acme.test>\r\n\r\nHello\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        MailTransport.SendingIdentity identity = new MailTransport.SendingIdentity("ws_1", "ip_1", null, null);
        sink.refuseNext(1);

        assertThatThrownBy(() -> transport.send(email, identity)).isInstanceOf(MailTransport.TransientSendException.class)
                .hasMessageContaining("451");
        assertThat(sink.messages()).isEmpty();

        transport.send(email, identity);
        assertThat(sink.messages()).hasSize(1);
    }
}
