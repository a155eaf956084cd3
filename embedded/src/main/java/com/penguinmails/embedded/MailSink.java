package com.penguinmails.embedded;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * GreenMail SMTP and IMAP servers on 127.0.0.1 that accept mail from any sender to any recipient and keep it: in
 * {@link #messages()}, and in a mailbox per recipient that IMAP can read. SMTP AUTH is optional; a client that does
 * authenticate must use the credentials of a user made with {@link #ensureUser}, as must IMAP logins.
 * <p>
 * Mail is stamped as received at the sink's clock, not the machine's: the local platform hands it its movable clock,
 * so a platform started at another instant (or moved forward) sees its mail arrive when the platform thinks it is,
 * as mail servers and AWS share one time in production. IMAP searches by received date depend on that.
 */
public final class MailSink implements AutoCloseable {

    private final GreenMail greenMail;
    private final Clock clock;
    private final List<CapturedMessage> messages = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private MovingMessage lastCaptured;

    private MailSink(GreenMail greenMail, Clock clock) {
        this.greenMail = greenMail;
        this.clock = clock;
    }

    /** Starts both servers on the machine's clock; see {@link #start(int, int, Clock)}. */
    public static MailSink start(int smtpPort, int imapPort) {
        return start(smtpPort, imapPort, Clock.systemUTC());
    }

    /**
     * Starts both servers and blocks until they listen.
     *
     * @param smtpPort the SMTP port; 0 picks a free one
     * @param imapPort the IMAP port; 0 picks a free one
     * @param clock    when mail counts as received (IMAP INTERNALDATE and {@link CapturedMessage#receivedAt()})
     */
    public static MailSink start(int smtpPort, int imapPort, Clock clock) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, FreePorts.LOOPBACK, ServerSetup.PROTOCOL_SMTP),
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

    /** Makes sure an IMAP (and SMTP AUTH) user with login {@code email} exists and has {@code password}. */
    public void ensureUser(String email, String password) {
        greenMail.setUser(email, email, password);
    }

    /** Every message received so far, oldest first. */
    public List<CapturedMessage> messages() {
        return List.copyOf(messages);
    }

    /** Stops both servers. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            greenMail.stop();
        }
    }

    /**
     * Wraps GreenMail's delivery (which also auto-creates a mailbox per unknown recipient) to record each message and
     * to file it in the INBOX as received at the sink's clock (GreenMail's own delivery stamps the machine's time).
     */
    private void captureDeliveries() {
        MessageDeliveryHandler mailboxDelivery = greenMail.getUserManager().getMessageDeliveryHandler();
        greenMail.getUserManager().setMessageDeliveryHandler((received, recipient) -> {
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
            messages.add(MessageCapture.of(received, clock.instant()));
        } catch (IOException e) {
            throw new MessagingException("Cannot read the body of " + received, e);
        }
    }
}
