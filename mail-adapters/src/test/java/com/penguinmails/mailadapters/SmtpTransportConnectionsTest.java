package com.penguinmails.mailadapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.embedded.CapturedMessage;
import com.penguinmails.embedded.MailSink;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import com.penguinmails.sending.mail.SmtpSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mails to the same server follow each other on one connection, each its own SMTP transaction; a connection the
 * server dropped, or one a send failed on, is never used again. A counting TCP relay in front of the sink shows how
 * many connections were opened.
 */
class SmtpTransportConnectionsTest {

    private final MailSink sink = MailSink.start(0, 0);
    private final CountingRelay relay = new CountingRelay(sink.smtpPort());
    private final SmtpTransport transport = new SmtpTransport(
            new MailTransport.SmtpSettings("127.0.0.1", relay.port(), null, null, SmtpSecurity.NONE, null));
    private final MailTransport.SendingIdentity identity = new MailTransport.SendingIdentity("ws_1", "ip_1", null, null);

    @AfterEach
    void stop() {
        relay.close();
        sink.close();
    }

    @Test
    void mailsInARowShareOneConnectionEachWithItsOwnEnvelope() {
        for (int i = 1; i <= 3; i++) {
            transport.send(email(i, "bounces+" + i + "@acme.test", "reader" + i + "@example.org"), identity);
        }

        assertThat(relay.accepted()).as("connections opened").isEqualTo(1);
        List<CapturedMessage> received = sink.messages();
        assertThat(received).extracting(CapturedMessage::messageId).containsExactly("<msg_1@acme.test>", "<msg_2@acme.test>", "<msg_3@acme.test>");
        assertThat(received).extracting(m -> m.to()).containsExactly(List.of("reader1@example.org"), List.of("reader2@example.org"),
                List.of("reader3@example.org"));
        assertThat(received).extracting(m -> m.headers().get("Return-Path").get(0))
                .as("each mail's own envelope sender").containsExactly("<bounces+1@acme.test>", "<bounces+2@acme.test>", "<bounces+3@acme.test>");
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedBeforeTheNextMail() {
        transport.send(email(1, "news@acme.test", "ada@example.org"), identity);
        relay.dropAll();

        transport.send(email(2, "news@acme.test", "bea@example.org"), identity);

        assertThat(relay.accepted()).isEqualTo(2);
        assertThat(sink.messages()).hasSize(2);
    }

    @Test
    void afterAFailedSendTheNextMailGetsAFreshConnection() {
        transport.send(email(1, "news@acme.test", "ada@example.org"), identity);
        sink.refuseNext(1);

        assertThatThrownBy(() -> transport.send(email(2, "news@acme.test", "bea@example.org"), identity))
                .isInstanceOf(MailTransport.TransientSendException.class);
        transport.send(email(3, "news@acme.test", "cid@example.org"), identity);

        assertThat(relay.accepted()).as("the one that failed is not used again").isEqualTo(2);
        assertThat(sink.messages()).extracting(CapturedMessage::messageId).containsExactly("<msg_1@acme.test>", "<msg_3@acme.test>");
    }

    private static OutgoingEmail email(int n, String envelopeFrom, String to) {
        String id = "<msg_" + n + "@acme.test>";
        return new OutgoingEmail(envelopeFrom, List.of(to), id, ("From: news@acme.test\r\nTo: " + to + "\r\nSubject: Hi " + n
                + "\r\nMessage-ID: " + id + "\r\n\r\nHello\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Forwards each accepted connection to the sink, counting them; can drop every open one, as a server may. */
    private static final class CountingRelay implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        CountingRelay(int targetPort) {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                        accepted.incrementAndGet();
                        open.add(client);
                        open.add(target);
                        pump(client, target);
                        pump(target, client);
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "relay-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        void dropAll() {
            open.forEach(CountingRelay::closeQuietly);
            open.clear();
        }

        private static void pump(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // one side closed
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "relay-pump");
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void close() {
            dropAll();
            try {
                server.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
