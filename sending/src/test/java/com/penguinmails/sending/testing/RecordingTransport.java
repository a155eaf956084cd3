package com.penguinmails.sending.testing;

import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.OutgoingEmail;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** A transport that keeps what it was handed, or fails as a test tells it to (one failure per queued exception). */
public final class RecordingTransport implements MailTransport {

    public record Sent(OutgoingEmail email, SendingIdentity identity) {
        public String mime() {
            return new String(email.mime(), StandardCharsets.UTF_8);
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Deque<Supplier<RuntimeException>> failures = new ArrayDeque<>();

    @Override
    public synchronized void send(OutgoingEmail email, SendingIdentity identity) {
        Supplier<RuntimeException> failure = failures.poll();
        if (failure != null) {
            throw failure.get();
        }
        sent.add(new Sent(email, identity));
    }

    /** The next send fails transiently with {@code reason}. */
    public synchronized void failTransiently(String reason) {
        failures.add(() -> new TransientSendException(reason, null));
    }

    /** The next send fails for good with {@code reason}. */
    public synchronized void failPermanently(String reason) {
        failures.add(() -> new PermanentSendException(reason, null));
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }
}
