package com.penguinmails.shared.mail;

import java.util.List;

/** A fully rendered email ready for a transport: envelope plus the RFC 5322 bytes. */
public record OutgoingEmail(String envelopeFrom, List<String> recipients, String messageIdHeader, byte[] mime) {
}
