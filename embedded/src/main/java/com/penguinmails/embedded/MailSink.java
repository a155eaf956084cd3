package com.penguinmails.embedded;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * GreenMail SMTP and IMAP servers on 127.0.0.1 that accept mail from any sender to any recipient and keep it: in
 * {@link #messages()}, and in a mailbox per recipient that IMAP can read. SMTP AUTH is optional; a client that does
 * authenticate must use the credentials of a user made with {@link #ensureUser}, as must IMAP logins.
 *
 * <p>Besides plain SMTP it listens for SMTP over implicit TLS ({@link #smtpsPort()}, what port 465 is elsewhere)
 * with its own self-signed certificate for {@value #TLS_HOST} only ({@link #certificatePem()}), valid from 2000 to
 * 2099, so a client that checks certificates, as ours do, succeeds only when told to trust exactly this one and
 * connects by that name. The key ships in this test-only module and must never be trusted anywhere else.
 *
 * <p>Mail is stamped as received at the sink's clock, not the machine's: the local platform hands it its movable
 * clock, so a platform started at another instant (or moved forward) sees its mail arrive when the platform thinks it
 * is, as mail servers and AWS share one time in production. IMAP searches by received date depend on that.
 */
public final class MailSink implements AutoCloseable {

    /** The one host name in the certificate of {@link #smtpsPort()}: connect to it by this name (not 127.0.0.1). */
    public static final String TLS_HOST = "localhost";
    private static final String KEYSTORE = "/penguinmails/mail-sink-tls.p12";
    private static final String KEYSTORE_PASSWORD = "penguinmails-local";
    private static final long SMTPS_STARTUP_TIMEOUT_MILLIS = 30_000;
    private static final String CERTIFICATE_PEM = useOwnCertificate();

    private final GreenMail greenMail;
    private final Clock clock;
    private final List<CapturedMessage> messages = new CopyOnWriteArrayList<>();
    private final java.util.Set<CapturedMessage> overTls = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    private final AtomicBoolean closed = new AtomicBoolean();
    private MovingMessage lastCaptured;
    private final java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();

    private MailSink(GreenMail greenMail, Clock clock) {
        this.greenMail = greenMail;
        this.clock = clock;
    }

    /** Starts both servers on the machine's clock; see {@link #start(int, int, Clock)}. */
    public static MailSink start(int smtpPort, int imapPort) {
        return start(smtpPort, imapPort, Clock.systemUTC());
    }

    /**
     * Starts the servers and blocks until they listen; the SMTPS port is always a free one.
     *
     * @param smtpPort the SMTP port; 0 picks a free one
     * @param imapPort the IMAP port; 0 picks a free one
     * @param clock    when mail counts as received (IMAP INTERNALDATE and {@link CapturedMessage#receivedAt()})
     */
    public static MailSink start(int smtpPort, int imapPort, Clock clock) {
        ServerSetup smtps = new ServerSetup(0, FreePorts.LOOPBACK, ServerSetup.PROTOCOL_SMTPS);
        // The first TLS listener of a JVM loads the key and sets up JSSE, which on a busy machine outlasts
        // GreenMail's default 2 s wait for a server to listen.
        smtps.setServerStartupTimeout(SMTPS_STARTUP_TIMEOUT_MILLIS);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, FreePorts.LOOPBACK, ServerSetup.PROTOCOL_SMTP),
                smtps,
                new ServerSetup(imapPort, FreePorts.LOOPBACK, ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        MailSink sink = new MailSink(greenMail, clock);
        sink.captureDeliveries();
        return sink;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    /** SMTP over implicit TLS, presenting {@link #certificatePem()}; reach it as {@value #TLS_HOST}. */
    public int smtpsPort() {
        return greenMail.getSmtps().getPort();
    }

    /** The certificate of {@link #smtpsPort()}, PEM: what a client must be told to trust. */
    public String certificatePem() {
        return CERTIFICATE_PEM;
    }

    /** Makes sure an IMAP (and SMTP AUTH) user with login {@code email} exists and has {@code password}. */
    public void ensureUser(String email, String password) {
        greenMail.setUser(email, email, password);
    }

    /** Every message received so far, oldest first. */
    public List<CapturedMessage> messages() {
        return List.copyOf(messages);
    }

    /** Whether {@code message} (one of {@link #messages()}) came in on the TLS listener, {@link #smtpsPort()}. */
    public boolean receivedOverTls(CapturedMessage message) {
        return overTls.contains(message);
    }

    /**
     * The next {@code count} messages are refused after DATA with GreenMail's transient {@code 451 Requested action
     * aborted: local error in processing}, as a busy or greylisting server would; nothing of them is kept.
     */
    public void refuseNext(int count) {
        refusals.set(count);
    }

    /** Stops both servers. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            greenMail.stop();
        }
    }

    /**
     * GreenMail reads its TLS key from these system properties once per JVM, when its first TLS server starts (its
     * built-in certificate names no host, so no client that checks host names could ever accept it). Set here,
     * before any sink starts, unless someone configured GreenMail already.
     */
    private static String useOwnCertificate() {
        try (InputStream in = MailSink.class.getResourceAsStream(KEYSTORE)) {
            if (in == null) {
                throw new IllegalStateException(KEYSTORE + " is missing from the classpath");
            }
            byte[] bytes = in.readAllBytes();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(new java.io.ByteArrayInputStream(bytes), KEYSTORE_PASSWORD.toCharArray());
            Certificate certificate = keyStore.getCertificate(keyStore.aliases().nextElement());
            if (System.getProperty("greenmail.tls.keystore.file") == null) {
                Path file = Files.createTempFile("penguinmails-mail-sink", ".p12");
                file.toFile().deleteOnExit();
                Files.copy(new java.io.ByteArrayInputStream(bytes), file, StandardCopyOption.REPLACE_EXISTING);
                System.setProperty("greenmail.tls.keystore.file", file.toString());
                System.setProperty("greenmail.tls.keystore.password", KEYSTORE_PASSWORD);
                System.setProperty("greenmail.tls.key.password", KEYSTORE_PASSWORD);
            }
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + KEYSTORE, e);
        }
    }

    /**
     * Wraps GreenMail's delivery (which also auto-creates a mailbox per unknown recipient) to record each message and
     * to file it in the INBOX as received at the sink's clock (GreenMail's own delivery stamps the machine's time).
     */
    private void captureDeliveries() {
        MessageDeliveryHandler mailboxDelivery = greenMail.getUserManager().getMessageDeliveryHandler();
        greenMail.getUserManager().setMessageDeliveryHandler((received, recipient) -> {
            if (refusals.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new MessagingException("refused on purpose (refuseNext)");
            }
            GreenMailUser mailbox = mailboxDelivery.handle(received, recipient);
            capture(received);
            return receivingAtOurClock(mailbox);
        });
    }

    /** The same user, except that a delivery over SMTP appends to its INBOX with the sink's time as the received date. */
    private GreenMailUser receivingAtOurClock(GreenMailUser user) {
        return (GreenMailUser) Proxy.newProxyInstance(GreenMailUser.class.getClassLoader(), new Class<?>[] {GreenMailUser.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("deliver") && args != null && args.length == 1 && args[0] instanceof MovingMessage mail) {
                        greenMail.getManagers().getImapHostManager().getInbox(user)
                                .appendMessage(mail.getMessage(), new Flags(), Date.from(clock.instant()));
                        return null;
                    }
                    try {
                        return method.invoke(user, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * GreenMail delivers a message once per recipient, one message at a time (its SmtpManager.send is synchronized),
     * so a message differing from the previous one is the first delivery of a new SMTP transaction.
     */
    private synchronized void capture(MovingMessage received) throws MessagingException {
        if (received == lastCaptured) {
            return;
        }
        lastCaptured = received;
        try {
            CapturedMessage captured = MessageCapture.of(received, clock.instant());
            // GreenMail handles each connection on a thread named after its listener: "<listener name><-<client>".
            if (Thread.currentThread().getName().startsWith(greenMail.getSmtps().getName() + "<-")) {
                overTls.add(captured);
            }
            messages.add(captured);
        } catch (IOException e) {
            throw new MessagingException("Cannot read the body of " + received, e);
        }
    }
}
