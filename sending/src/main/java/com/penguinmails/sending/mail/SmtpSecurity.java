package com.penguinmails.sending.mail;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an SMTP connection is protected. With every mode but {@link #NONE} the server's certificate is checked: its
 * chain must lead to a trusted certificate (the JVM's CAs, or the ones a mailbox names) and it must name the host we
 * connected to. There is no mode that trusts any certificate.
 */
public enum SmtpSecurity {

    /** TLS from the first byte (SMTPS, usually port 465). */
    IMPLICIT("implicit"),
    /** STARTTLS, and no mail at all if the server does not offer it (usually port 587). */
    STARTTLS_REQUIRED("starttls-required"),
    /** STARTTLS when the server offers it, plain text otherwise: open to a downgrade by anyone in between. */
    STARTTLS("starttls"),
    /** Plain text, for a server on a network you trust (and the local mail sink). */
    NONE("none");

    private final String wire;

    SmtpSecurity(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static SmtpSecurity fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown SMTP security " + value + "; use " + choices()));
    }

    /**
     * One of the wire names, case-insensitively, or {@code true}/{@code false} as the API's earlier boolean {@code tls}
     * meant them (STARTTLS when offered; plain text).
     */
    public static Optional<SmtpSecurity> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("true")) {
            return Optional.of(STARTTLS);
        }
        if (wanted.equals("false")) {
            return Optional.of(NONE);
        }
        return Arrays.stream(values()).filter(s -> s.wire.equals(wanted)).findFirst();
    }

    /** The default for a port: implicit TLS on 465, required STARTTLS anywhere else. */
    public static SmtpSecurity defaultFor(int port) {
        return port == 465 ? IMPLICIT : STARTTLS_REQUIRED;
    }

    /** {@code implicit, starttls-required, starttls, none}. */
    public static String choices() {
        return Arrays.stream(values()).map(SmtpSecurity::wire).collect(Collectors.joining(", "));
    }
}
