package com.penguinmails.sending.mail;

import java.util.List;

/** A fully rendered email ready for a transport: envelope plus the RFC 5322 bytes. */
public record OutgoingEmail(String envelopeFrom, List<String> recipients, String messageIdHeader, byte[] mime) {

    /** The platform's message id, which the sender puts before the '@' of {@code Message-ID: <msg_...@domain>}. */
    public String messageId() {
        return messageIdHeader.substring(1, messageIdHeader.indexOf('@'));
    }
}
