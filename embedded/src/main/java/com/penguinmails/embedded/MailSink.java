package com.penguinmails.embedded;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * GreenMail SMTP and IMAP servers on 127.0.0.1 that accept mail from any sender to any recipient and keep it: in
 * {@link #messages()}, and in a mailbox per recipient that IMAP can read. SMTP AUTH is optional; a client that does
 * authenticate must use the credentials of a user made with {@link #ensureUser}, as must IMAP logins.
 */
public final class MailSink implements AutoCloseable {

    private final GreenMail greenMail;
    private final List<CapturedMessage> messages = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private MovingMessage lastCaptured;
    private final java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();

    private MailSink(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /**
     * Starts both servers and blocks until they listen.
     *
     * @param smtpPort the SMTP port; 0 picks a free one
     * @param imapPort the IMAP port; 0 picks a free one
     */
    public static MailSink start(int smtpPort, int imapPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, FreePorts.LOOPBACK, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, FreePorts.LOOPBACK, ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        MailSink sink = new MailSink(greenMail);
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

    /** Wraps GreenMail's delivery (which also auto-creates a mailbox per unknown recipient) to record each message. */
    private void captureDeliveries() {
        MessageDeliveryHandler mailboxDelivery = greenMail.getUserManager().getMessageDeliveryHandler();
        greenMail.getUserManager().setMessageDeliveryHandler((received, recipient) -> {
            if (refusals.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new MessagingException("refused on purpose (refuseNext)");
            }
            GreenMailUser mailbox = mailboxDelivery.handle(received, recipient);
            capture(received);
            return mailbox;
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
            messages.add(MessageCapture.of(received, Instant.now()));
        } catch (IOException e) {
            throw new MessagingException("Cannot read the body of " + received, e);
        }
    }
}
