package com.penguinmails.sending.mailboxes;

import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.platform.ResourceKind;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.SmtpSecurity;
import com.penguinmails.sending.mail.TrustedCertificates;
import com.penguinmails.sending.warmup.MailboxWarmupPlan;
import com.penguinmails.sending.warmup.WarmupEngine;
import com.penguinmails.sending.warmup.WarmupHealth;
import com.penguinmails.sending.warmup.WarmupPolicy;
import com.penguinmails.sending.warmup.WarmupResult;
import com.penguinmails.sending.warmup.WarmupState;
import com.penguinmails.identity.audit.AuditRecorder;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mail.SmtpSecurity;
import com.penguinmails.sending.mail.TrustedCertificates;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.sending.ledger.DailyCounts;
import com.penguinmails.sending.ledger.DeliveryCounts;
import com.penguinmails.sending.warmup.MailboxWarmupPlan;
import com.penguinmails.sending.warmup.WarmupEngine;
import com.penguinmails.sending.warmup.WarmupEvents;
import com.penguinmails.core.events.EventType;
import com.penguinmails.core.events.PlatformEventPublisher;
import com.penguinmails.core.events.PlatformEvents;
import com.penguinmails.sending.warmup.WarmupHealth;
import com.penguinmails.sending.warmup.WarmupPolicy;
import com.penguinmails.sending.warmup.WarmupResult;
import com.penguinmails.sending.warmup.WarmupState;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Sending mailboxes: registration (passwords encrypted at once), reading, pause and resume, the daily warmup step,
 * today's caps and usage, and the decrypted server settings for the one connection that needs them.
 *
 * <p>A mailbox's days are its own local days ({@link SendingWindow#localDate}): its ledger rows, caps and warmup
 * steps turn over at its midnight. The ledger holds three rows per mailbox and day: cold email (the mailbox id,
 * reserved against {@link #coldEmailCap}), warmup emails it started ({@link #warmupLedgerId}, against
 * {@link #warmupCap}) and warmup replies ({@link #replyLedgerId}, not capped: they answer what peers sent). None of
 * them is an IP's row, and warmup mail is never a message, so reputation and message analytics never see it.
 */
public final class MailboxService {

    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$");
    private static final int SAVE_RETRIES = 5;
    private static final int MAX_PASSWORD = 1024;
    public static final int MAX_ALIASES = 20;
    private static final int MAX_CERTIFICATE_CHARS = 64 * 1024;
    /** How far back {@link #health} looks. */
    public static final int HEALTH_DAYS = 7;
    public static final double DEFAULT_REPLY_RATE = 0.3;
    /** A mailbox's time zone when the request names none. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");
    /** How long after a mailbox's local midnight a run that finds the day stepped publishes its warmup.stepped again. */
    static final java.time.Duration STEP_REPUBLISHED_FOR = java.time.Duration.ofMinutes(30);

    private final MailboxStore store;
    private final SendLedger ledger;
    private final SecretCipher cipher;
    private final AuditRecorder audit;
    private final Clock clock;
    private final WarmupPolicy policy;
    private final ServerOverrides overrides;
    private final PlatformEventPublisher events;
    private final String eventSource;

    public MailboxService(MailboxStore store, SendLedger ledger, SecretCipher cipher, AuditRecorder audit, Clock clock,
                          WarmupPolicy policy, ServerOverrides overrides) {
        this(store, ledger, cipher, audit, clock, policy, overrides, PlatformEventPublisher.NONE, PlatformEvents.source("mailboxes-api"));
    }

    /**
     * With {@code events}, where a user's pause ({@code mailbox.paused}) and the daily step ({@code warmup.stepped}, on
     * the mailbox's local day) are published after they are stored, from the stored state, as {@code eventSource}. A
     * repeated call that finds the change made publishes the same event again. A pause at the pause line is event
     * ingest's to publish.
     */
    public MailboxService(MailboxStore store, SendLedger ledger, SecretCipher cipher, AuditRecorder audit, Clock clock,
                          WarmupPolicy policy, ServerOverrides overrides, PlatformEventPublisher events, String eventSource) {
        this.events = events;
        this.eventSource = eventSource;
        this.store = store;
        this.ledger = ledger;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.policy = policy;
        this.overrides = overrides == null ? ServerOverrides.NONE : overrides;
    }

    public static String warmupLedgerId(String mailboxId) {
        return mailboxId + "#warmup";
    }

    public static String replyLedgerId(String mailboxId) {
        return mailboxId + "#warmup-replies";
    }

    public Mailbox create(Caller caller, NewMailbox request) {
        String workspaceId = caller.principal().workspaceId();
        String email = request.email() == null ? null : request.email().strip();
        if (!EmailAddresses.isValid(email)) {
            throw ApiProblem.invalidField("email", "'" + request.email() + "' is not a valid email address.");
        }
        String name = request.name() == null || request.name().isBlank() ? null : request.name().strip();
        if (name != null && name.length() > 100) {
            throw ApiProblem.invalidField("name", "name is at most 100 characters.");
        }
        if (request.smtp() == null) {
            throw ApiProblem.invalidField("smtp", "smtp is required: {\"host\", \"port\", \"username\", \"password\"}.");
        }
        NewMailbox.Smtp smtpIn = request.smtp();
        requireServer("smtp", new NewMailbox.Server(smtpIn.host(), smtpIn.port(), smtpIn.username(), smtpIn.password(), null), true);
        SmtpSecurity security = smtpIn.tls() == null ? SmtpSecurity.defaultFor(smtpIn.port())
                : SmtpSecurity.parse(smtpIn.tls()).orElseThrow(() -> ApiProblem.invalidField("smtp.tls", "smtp.tls must be one of "
                        + SmtpSecurity.choices() + " (implicit: TLS from the start, usually port 465; starttls-required: usually 587)."));
        String trustedCertificate = trustedCertificate(smtpIn.trustedCertificate(), security);
        List<String> aliases = aliases(email, request.aliases());
        NewMailbox.Server imapIn = request.imap();
        if (imapIn != null) {
            requireServer("imap", imapIn, false);
        }
        ZoneId zone;
        try {
            // The region "UTC", not ZoneOffset.UTC: the same rules, but the view shows "UTC" rather than the offset's "Z".
            zone = request.timezone() == null ? DEFAULT_ZONE : ZoneId.of(request.timezone().strip());
        } catch (DateTimeException e) {
            throw ApiProblem.invalidField("timezone", "'" + request.timezone() + "' is not a time zone; use an IANA name such as Europe/Berlin.");
        }
        SendingWindow window;
        try {
            NewMailbox.WorkingHours hours = request.workingHours();
            window = hours == null ? SendingWindow.workingHours(zone) : SendingWindow.parse(zone, hours.start(), hours.end(), hours.days());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("workingHours", e.getMessage() + ".");
        }
        MailboxWarmupPlan plan;
        try {
            plan = plan(request.warmup());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("warmup", e.getMessage() + ".");
        }
        boolean warmupEnabled = request.warmupEnabled() == null ? imapIn != null : request.warmupEnabled();
        if (warmupEnabled && imapIn == null) {
            throw ApiProblem.invalidField("warmupEnabled", "The warmup exchange reads the mailbox over IMAP to rescue warmup mail from "
                    + "spam and answer it: give imap settings, or set warmupEnabled to false.");
        }
        double replyRate = request.replyRate() == null ? DEFAULT_REPLY_RATE : request.replyRate();
        if (!(replyRate >= 0 && replyRate <= 1)) {
            throw ApiProblem.invalidField("replyRate", "replyRate is a share from 0 to 1 (0.3 answers about 30 % of warmup emails).");
        }
        for (Mailbox existing : store.list(workspaceId)) {
            if (existing.email().equalsIgnoreCase(email)) {
                throw ApiProblem.conflict("mailbox-exists", "This workspace already has mailbox " + existing.id() + " for " + email + ".");
            }
        }
        SmtpServerSettings smtp = new SmtpServerSettings(smtpIn.host().strip(), smtpIn.port(), smtpIn.username().strip(),
                cipher.encrypt(workspaceId, smtpIn.password()), security, trustedCertificate);
        ServerSettings imap = null;
        if (imapIn != null) {
            String username = imapIn.username() == null || imapIn.username().isBlank() ? smtp.username() : imapIn.username().strip();
            String password = imapIn.password() == null || imapIn.password().isEmpty() ? smtpIn.password() : imapIn.password();
            imap = new ServerSettings(imapIn.host().strip(), imapIn.port(), username, cipher.encrypt(workspaceId, password),
                    imapIn.tls() == null ? imapIn.port() == 993 : imapIn.tls());
        }
        Mailbox mailbox = new Mailbox(ResourceKind.MAILBOX.newId(), workspaceId, email, aliases, name, smtp, imap, window, plan,
                WarmupState.start(window.localDate(clock.instant())), warmupEnabled, replyRate, clock.instant(), 1, Pacing.NONE);
        store.create(mailbox);
        audit.success(caller, "mailbox.created", mailbox.id(), Map.of("email", email, "warmupEnabled", Boolean.toString(warmupEnabled),
                "smtpTls", security.wire(), "aliases", String.join(",", aliases)));
        return mailbox;
    }

    public Mailbox get(String workspaceId, String mailboxId) {
        return find(workspaceId, mailboxId).orElseThrow(() -> ApiProblem.notFound("No mailbox " + mailboxId + " in this workspace."));
    }

    public Optional<Mailbox> find(String workspaceId, String mailboxId) {
        return mailboxId == null ? Optional.empty() : store.find(workspaceId, mailboxId);
    }

    public List<Mailbox> list(String workspaceId) {
        return store.list(workspaceId);
    }

    public void forEach(Consumer<Mailbox> action) {
        store.forEach(action);
    }

    public Mailbox pause(Caller caller, String mailboxId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.invalidField("reason", "Say why, e.g. {\"reason\": \"a prospect complained\"}.");
        }
        Mailbox mailbox = change(caller.principal().workspaceId(), mailboxId,
                current -> WarmupEngine.pause(current.warmup(), reason, today(current), clock.instant()));
        audit.success(caller, "mailbox.paused", mailboxId, Map.of("reason", reason));
        if (!mailbox.warmup().pauseReason().startsWith(WarmupEvents.REPUTATION_PAUSE)) {
            WarmupEvents.paused(EventType.MAILBOX_PAUSED, eventSource, mailbox.workspaceId(), mailbox.id(), mailbox.warmup())
                    .ifPresent(events::publish);
        }
        return mailbox;
    }

    /**
     * Pauses a mailbox whose reputation crossed the pause line (event ingest), audited as the system. A mailbox that
     * is already paused keeps its first reason; false then, true when this call paused it.
     */
    public boolean pauseForReputation(String workspaceId, String mailboxId, String reason) {
        Optional<Mailbox> before = find(workspaceId, mailboxId);
        if (before.isEmpty() || before.get().warmup().isPaused()) {
            return false;
        }
        Mailbox after = change(workspaceId, mailboxId, current -> WarmupEngine.pause(current.warmup(), reason, today(current), clock.instant()));
        if (!reason.equals(after.warmup().pauseReason())) {
            return false; // someone paused it a moment ago
        }
        audit.record(workspaceId, "system:reputation", "mailbox.paused", mailboxId, null, "success", Map.of("reason", reason));
        return true;
    }

    public Mailbox resume(Caller caller, String mailboxId, String reason) {
        String why = reason == null || reason.isBlank() ? "resumed" : reason;
        Mailbox mailbox = change(caller.principal().workspaceId(), mailboxId,
                current -> WarmupEngine.resume(current.plan(), current.warmup(), why, today(current), policy));
        audit.success(caller, "mailbox.resumed", mailboxId, Map.of("reason", why));
        return mailbox;
    }

    /**
     * The daily warmup step once the mailbox's local day has turned, judged on everything it sent since its last
     * evaluation (cold email, warmup emails and replies together). Running it again the same day changes nothing.
     */
    public Mailbox advanceDay(Mailbox mailbox) {
        LocalDate today = today(mailbox);
        if (mailbox.warmup().lastEvaluatedOn() != null && !today.isAfter(mailbox.warmup().lastEvaluatedOn())) {
            // The day's run may have stopped before it published: the next runs (every 10 minutes) publish it again,
            // for a while only, so the day's step is not republished all day long.
            if (clock.instant().isBefore(today.atStartOfDay(mailbox.window().zone()).toInstant().plus(STEP_REPUBLISHED_FOR))) {
                publishStep(mailbox, today);
            }
            return mailbox;
        }
        LocalDate from = mailbox.warmup().lastEvaluatedOn() == null ? today.minusDays(1) : mailbox.warmup().lastEvaluatedOn();
        WarmupHealth window = WarmupHealth.from(combinedHistory(mailbox.id(), from, today.minusDays(1)));
        Mailbox stored = change(mailbox.workspaceId(), mailbox.id(),
                current -> WarmupEngine.advanceDay(current.plan(), current.warmup(), window, today, policy));
        publishStep(stored, today);
        return stored;
    }

    private void publishStep(Mailbox mailbox, LocalDate today) {
        WarmupEvents.stepped(eventSource, mailbox.workspaceId(), mailbox.id(), "mailbox", mailbox.warmup(), today, mailbox.window().zone())
                .ifPresent(events::publish);
    }

    /** Today's warmup cap: the plan's cap at the current step, 0 while paused. */
    public long warmupCap(Mailbox mailbox) {
        return WarmupEngine.dailyCap(mailbox.plan(), mailbox.warmup());
    }

    /** Real cold emails allowed today: the plan's limit, 0 while paused. */
    public long coldEmailCap(Mailbox mailbox) {
        return WarmupEngine.coldEmailCap(mailbox.plan(), mailbox.warmup());
    }

    /** Today's caps and what is used of them, in the mailbox's local day. */
    public Usage usageToday(Mailbox mailbox) {
        LocalDate today = today(mailbox);
        return new Usage(warmupCap(mailbox), sent(warmupLedgerId(mailbox.id()), today), sent(replyLedgerId(mailbox.id()), today),
                coldEmailCap(mailbox), sent(mailbox.id(), today));
    }

    /** Cold emails it sent today (its local day): what {@link #coldEmailCap} limits. */
    public long coldEmailsSentToday(Mailbox mailbox) {
        return sent(mailbox.id(), today(mailbox));
    }

    /** Warmup emails it started today (its local day): what {@link #warmupCap} limits. */
    public long warmupUsedToday(Mailbox mailbox) {
        return sent(warmupLedgerId(mailbox.id()), today(mailbox));
    }

    public record Usage(long warmupCap, long warmupUsed, long repliesSent, long coldEmailCap, long coldEmailsSent) {}

    /** The last {@value #HEALTH_DAYS} local days, today included, all traffic together. */
    public Health health(Mailbox mailbox) {
        LocalDate today = today(mailbox);
        LocalDate from = today.minusDays(HEALTH_DAYS - 1L);
        List<DailyCounts> days = combinedHistory(mailbox.id(), from, today);
        DeliveryCounts total = days.stream().map(DailyCounts::counts).reduce(DeliveryCounts.ZERO, DeliveryCounts::plus);
        return new Health(from, today, total);
    }

    public record Health(LocalDate from, LocalDate to, DeliveryCounts counts) {}

    /**
     * The mailbox's SMTP login, password decrypted, for one connection. Where the servers are overridden (the local
     * platform) implicit TLS goes to the override's TLS listener, trusting its certificate, and everything else to
     * its plain listener as plain text (the sink offers no STARTTLS).
     */
    public MailTransport.SmtpSettings smtpSettings(Mailbox mailbox) {
        SmtpServerSettings smtp = mailbox.smtp();
        String password = cipher.decrypt(mailbox.workspaceId(), smtp.passwordCiphertext());
        if (overrides.smtpHost() == null) {
            return new MailTransport.SmtpSettings(smtp.host(), overrides.smtpPort() != null ? overrides.smtpPort() : smtp.port(),
                    smtp.username(), password, smtp.security(), smtp.trustedCertificate());
        }
        if (smtp.security() == SmtpSecurity.IMPLICIT && overrides.implicitTls() != null) {
            ServerOverrides.ImplicitTls tls = overrides.implicitTls();
            return new MailTransport.SmtpSettings(tls.host(), tls.port(), smtp.username(), password, SmtpSecurity.IMPLICIT, tls.trustedCertificate());
        }
        return new MailTransport.SmtpSettings(overrides.smtpHost(), overrides.smtpPort() != null ? overrides.smtpPort() : smtp.port(),
                smtp.username(), password, SmtpSecurity.NONE, null);
    }

    /** The mailbox's IMAP login, password decrypted; empty when it has no IMAP. */
    public Optional<ImapSettings> imapSettings(Mailbox mailbox) {
        ServerSettings imap = mailbox.imap();
        if (imap == null) {
            return Optional.empty();
        }
        return Optional.of(new ImapSettings(overrides.imapHost() != null ? overrides.imapHost() : imap.host(),
                overrides.imapPort() != null ? overrides.imapPort() : imap.port(), imap.username(),
                cipher.decrypt(mailbox.workspaceId(), imap.passwordCiphertext()), overrides.imapHost() == null && imap.tls()));
    }

    /**
     * The mailbox with its send pacing as it stands now: its pacing item, read consistently, or the pacing its row
     * still holds from before the move when no send has written the item yet (see {@link MailboxStore#findPacing}).
     * {@link #find}, {@link #get} and {@link #list} leave this read out: only senders need the pacing.
     */
    public Mailbox withCurrentPacing(Mailbox mailbox) {
        return mailbox.withPacing(store.findPacing(mailbox.id()).orElse(mailbox.pacing()));
    }

    /** Stores {@code next} if the pacing is still {@code mailbox.pacing()} (read by {@link #withCurrentPacing}). */
    public boolean updatePacing(Mailbox mailbox, Pacing next) {
        return store.updatePacing(mailbox.id(), mailbox.pacing(), next);
    }

    public LocalDate today(Mailbox mailbox) {
        return mailbox.window().localDate(clock.instant());
    }

    private long sent(String resourceId, LocalDate day) {
        return ledger.history(resourceId, day, day).stream().mapToLong(d -> d.counts().sent()).sum();
    }

    private List<DailyCounts> combinedHistory(String mailboxId, LocalDate from, LocalDate to) {
        Map<LocalDate, DeliveryCounts> byDay = new TreeMap<>();
        for (String resource : List.of(mailboxId, warmupLedgerId(mailboxId), replyLedgerId(mailboxId))) {
            for (DailyCounts day : ledger.history(resource, from, to)) {
                byDay.merge(day.day(), day.counts(), DeliveryCounts::plus);
            }
        }
        List<DailyCounts> days = new ArrayList<>();
        byDay.forEach((day, counts) -> days.add(new DailyCounts(day, counts)));
        return days;
    }

    private static MailboxWarmupPlan plan(NewMailbox.Warmup overrides) {
        MailboxWarmupPlan defaults = MailboxWarmupPlan.defaults();
        if (overrides == null) {
            return defaults;
        }
        return new MailboxWarmupPlan(
                overrides.startPerDay() == null ? defaults.startPerDay() : overrides.startPerDay(),
                overrides.dailyIncrement() == null ? defaults.dailyIncrement() : overrides.dailyIncrement(),
                overrides.capPerDay() == null ? defaults.capPerDay() : overrides.capPerDay(),
                overrides.maxColdEmailsPerDay() == null ? defaults.maxColdEmailsPerDay() : overrides.maxColdEmailsPerDay());
    }

    private static String trustedCertificate(String pem, SmtpSecurity security) {
        if (pem == null || pem.isBlank()) {
            return null;
        }
        if (security == SmtpSecurity.NONE) {
            throw ApiProblem.invalidField("smtp.trustedCertificate", "smtp.trustedCertificate needs TLS: with tls none no certificate is checked.");
        }
        if (pem.length() > MAX_CERTIFICATE_CHARS) {
            throw ApiProblem.invalidField("smtp.trustedCertificate", "smtp.trustedCertificate is at most " + MAX_CERTIFICATE_CHARS + " characters.");
        }
        try {
            TrustedCertificates.parse(pem);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("smtp.trustedCertificate", "smtp.trustedCertificate: " + e.getMessage()
                    + ". Give the server's certificate (or its CA's) as PEM, e.g. from openssl s_client -showcerts.");
        }
        return pem.strip() + "\n";
    }

    /** Valid, distinct addresses other than the mailbox's own, as given (stripped). */
    private static List<String> aliases(String email, List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_ALIASES) {
            throw ApiProblem.invalidField("aliases", "A mailbox has at most " + MAX_ALIASES + " aliases.");
        }
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String alias = given.get(i) == null ? null : given.get(i).strip();
            if (!EmailAddresses.isValid(alias)) {
                throw ApiProblem.invalidField("aliases[" + i + "]", "'" + given.get(i) + "' is not a valid email address.");
            }
            String candidate = alias;
            if (EmailAddresses.same(email, candidate) || aliases.stream().anyMatch(a -> EmailAddresses.same(a, candidate))) {
                throw ApiProblem.invalidField("aliases[" + i + "]", "'" + alias + "' is already " + (EmailAddresses.same(email, candidate)
                        ? "the mailbox's own address" : "in aliases") + ".");
            }
            aliases.add(alias);
        }
        return aliases;
    }

    private static void requireServer(String field, NewMailbox.Server server, boolean needsLogin) {
        if (server.host() == null || !HOST.matcher(server.host().strip()).matches()) {
            throw ApiProblem.invalidField(field + ".host", field + ".host must be a host name such as smtp.example.com.");
        }
        if (server.port() == null || server.port() < 1 || server.port() > 65_535) {
            throw ApiProblem.invalidField(field + ".port", field + ".port must be a port number (e.g. " + ("smtp".equals(field) ? "587" : "993") + ").");
        }
        if (needsLogin && (server.username() == null || server.username().isBlank())) {
            throw ApiProblem.invalidField(field + ".username", field + ".username is required.");
        }
        if (needsLogin && (server.password() == null || server.password().isEmpty())) {
            throw ApiProblem.invalidField(field + ".password", field + ".password is required (an app password where the provider offers them).");
        }
        if (server.password() != null && server.password().length() > MAX_PASSWORD) {
            throw ApiProblem.invalidField(field + ".password", field + ".password is at most " + MAX_PASSWORD + " characters.");
        }
    }

    private Mailbox change(String workspaceId, String mailboxId, Function<Mailbox, WarmupResult> step) {
        for (int attempt = 0; attempt < SAVE_RETRIES; attempt++) {
            Mailbox current = get(workspaceId, mailboxId);
            WarmupResult result = step.apply(current);
            if (!result.changed()) {
                return current;
            }
            Mailbox next = current.withWarmup(result.state());
            if (store.save(next)) {
                return next.withVersion(next.version() + 1);
            }
        }
        throw ApiProblem.conflict("concurrent-change", "The mailbox " + mailboxId + " kept changing under us; try again.");
    }
}
