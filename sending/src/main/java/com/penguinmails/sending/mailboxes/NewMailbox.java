package com.penguinmails.sending.mailboxes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /v1/mailboxes} as received; null means "not given" so defaults apply. The passwords travel only
 * inward: they are encrypted before anything is stored and never returned.
 *
 * @param aliases further addresses the mailbox may send as (its provider must let it), besides {@code email}
 */
public record NewMailbox(String email, String name, Smtp smtp, Server imap, String timezone, WorkingHours workingHours,
                         Warmup warmup, Boolean warmupEnabled, Double replyRate, List<String> aliases) {

    /**
     * The SMTP server. {@code tls} is read as text and checked by {@link MailboxService} (so a wrong value gets a
     * message listing the right ones): {@code implicit}, {@code starttls-required}, {@code starttls}, {@code none},
     * or the earlier booleans; default implicit on port 465, starttls-required elsewhere. {@code trustedCertificate}:
     * PEM certificates to trust instead of the public CAs.
     */
    public record Smtp(String host, Integer port, String username, String password,
                       @JsonDeserialize(using = StringOrBoolean.class) String tls, String trustedCertificate) {
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", tls=" + tls + "]";
        }
    }

    /** The IMAP server; {@code tls}: implicit TLS (default on for port 993). */
    public record Server(String host, Integer port, String username, String password, Boolean tls) {
        @Override
        public String toString() {
            return "Server[host=" + host + ", port=" + port + ", username=" + username + ", tls=" + tls + "]";
        }
    }

    /** {@code "09:00"}, {@code "17:00"} ({@code "24:00"} is the end of the day), days {@code ["MON", ...]}. */
    public record WorkingHours(String start, String end, List<String> days) {}

    /** Overrides of {@link com.penguinmails.sending.warmup.MailboxWarmupPlan#defaults()}. */
    public record Warmup(Integer startPerDay, Integer dailyIncrement, Integer capPerDay, Integer maxColdEmailsPerDay) {}

    /** A JSON string, or true/false as text; anything else is the wrong type for the field. */
    static final class StringOrBoolean extends StdScalarDeserializer<String> {
        StringOrBoolean() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                return parser.getText();
            }
            return (String) context.handleUnexpectedToken(String.class, parser);
        }
    }
}
