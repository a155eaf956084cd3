package com.penguinmails.shared.mailboxes;

import java.util.List;

/**
 * {@code POST /v1/mailboxes} as received; null means "not given" so defaults apply. The passwords travel only
 * inward: they are encrypted before anything is stored and never returned.
 */
public record NewMailbox(String email, String name, Server smtp, Server imap, String timezone, WorkingHours workingHours,
                         Warmup warmup, Boolean warmupEnabled, Double replyRate) {

    /** {@code tls}: STARTTLS for SMTP (default on), implicit TLS for IMAP (default on for port 993). */
    public record Server(String host, Integer port, String username, String password, Boolean tls) {
        @Override
        public String toString() {
            return "Server[host=" + host + ", port=" + port + ", username=" + username + ", tls=" + tls + "]";
        }
    }

    /** {@code "09:00"}, {@code "17:00"} ({@code "24:00"} is the end of the day), days {@code ["MON", ...]}. */
    public record WorkingHours(String start, String end, List<String> days) {}

    /** Overrides of {@link com.penguinmails.shared.warmup.MailboxWarmupPlan#defaults()}. */
    public record Warmup(Integer startPerDay, Integer dailyIncrement, Integer capPerDay, Integer maxColdEmailsPerDay) {}
}
