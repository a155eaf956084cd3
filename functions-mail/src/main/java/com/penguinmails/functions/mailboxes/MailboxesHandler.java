package com.penguinmails.functions.mailboxes;

import com.penguinmails.core.platform.Platform;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.functions.http.ApiRequest;
import com.penguinmails.functions.http.ApiResponse;
import com.penguinmails.functions.http.HttpApiHandler;
import com.penguinmails.functions.http.RequestBodies;
import com.penguinmails.functions.http.Routes;
import com.penguinmails.mailadapters.MailWiring;
import com.penguinmails.sending.ledger.Percent;
import com.penguinmails.sending.mail.TrustedCertificates;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.mailboxes.NewMailbox;
import com.penguinmails.sending.mailboxes.SendingWindow;
import com.penguinmails.sending.mailboxes.ServerSettings;
import com.penguinmails.sending.mailboxes.SmtpServerSettings;
import com.penguinmails.sending.warmup.MailboxWarmupPlan;
import com.penguinmails.sending.warmup.WarmupDay;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /v1/mailboxes}: sending mailboxes (cold email) with their own SMTP/IMAP servers, working hours and warmup.
 * Passwords go in once and never come out: every view is built field by field from what may be shown.
 */
public final class MailboxesHandler extends HttpApiHandler {

    private final MailboxService mailboxes;

    public MailboxesHandler() {
        this(Platform.fromEnvironment());
    }

    public MailboxesHandler(Platform platform) {
        super(platform);
        this.mailboxes = MailWiring.mailboxService(platform);
    }

    record ReasonRequest(String reason) {}

    record ServerView(String host, int port, String username, boolean tls) {
        static ServerView of(ServerSettings settings) {
            return settings == null ? null : new ServerView(settings.host(), settings.port(), settings.username(), settings.tls());
        }
    }

    /** {@code tls}: implicit, starttls-required, starttls or none; the trusted certificates by subject, fingerprint and expiry. */
    record SmtpView(String host, int port, String username, String tls, List<CertificateView> trustedCertificates) {
        static SmtpView of(SmtpServerSettings settings) {
            List<CertificateView> certificates = settings.trustedCertificate() == null ? null
                    : TrustedCertificates.parse(settings.trustedCertificate()).stream()
                    .map(c -> new CertificateView(c.getSubjectX500Principal().getName(), TrustedCertificates.sha256(c), c.getNotAfter().toInstant()))
                    .toList();
            return new SmtpView(settings.host(), settings.port(), settings.username(), settings.security().wire(), certificates);
        }
    }

    record CertificateView(String subject, String sha256, Instant notAfter) {}

    record WorkingHoursView(String start, String end, List<String> days) {}

    record MailboxView(String id, String email, List<String> aliases, String name, SmtpView smtp, ServerView imap, String timezone,
                       WorkingHoursView workingHours, MailboxWarmupPlan warmupPlan, boolean warmupEnabled, double replyRate,
                       String status, String pauseReason, long warmupCapToday, long warmupUsedToday, long coldEmailCapToday,
                       long coldEmailsSentToday, Instant createdAt) {}

    record HealthView(LocalDate from, LocalDate to, long sent, long hardBounces, long softBounces, long complaints,
                      String hardBounceRate, String complaintRate) {}

    record WarmupView(String mailboxId, String status, String pauseReason, int step, int steps, long capToday, long usedToday,
                      long repliesSentToday, long coldEmailCapToday, long coldEmailsSentToday, MailboxWarmupPlan plan,
                      HealthView health, List<WarmupDay> history) {}

    /** Every route this handler serves, bound to the method that serves it (RouteTablesTest holds it to the catalog). */
    public static final Routes<MailboxesHandler> ROUTES = Routes.of(
            Map.entry("POST /v1/mailboxes", MailboxesHandler::create),
            Map.entry("GET /v1/mailboxes", MailboxesHandler::list),
            Map.entry("GET /v1/mailboxes/{id}", MailboxesHandler::get),
            Map.entry("GET /v1/mailboxes/{id}/warmup", MailboxesHandler::getWarmup),
            Map.entry("POST /v1/mailboxes/{id}/pause", MailboxesHandler::pause),
            Map.entry("POST /v1/mailboxes/{id}/resume", MailboxesHandler::resume));

    @Override
    protected ApiResponse route(ApiRequest request) {
        return ROUTES.serve(this, request);
    }

    private ApiResponse create(ApiRequest request) {
        Mailbox mailbox = mailboxes.create(request.caller(), RequestBodies.read(request, NewMailbox.class));
        return ApiResponse.created(view(mailbox)).withHeader("Location", "/v1/mailboxes/" + mailbox.id());
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(Map.of("data", mailboxes.list(request.principal().workspaceId()).stream().map(this::view).toList()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(view(mailboxes.get(request.principal().workspaceId(), request.pathParameter("id"))));
    }

    private ApiResponse getWarmup(ApiRequest request) {
        return ApiResponse.ok(warmup(mailboxes.get(request.principal().workspaceId(), request.pathParameter("id"))));
    }

    private ApiResponse pause(ApiRequest request) {
        return ApiResponse.ok(warmup(mailboxes.pause(request.caller(), request.pathParameter("id"),
                RequestBodies.readOptional(request, ReasonRequest.class).reason())));
    }

    private ApiResponse resume(ApiRequest request) {
        return ApiResponse.ok(warmup(mailboxes.resume(request.caller(), request.pathParameter("id"),
                RequestBodies.readOptional(request, ReasonRequest.class).reason())));
    }

    private MailboxView view(Mailbox m) {
        MailboxService.Usage usage = mailboxes.usageToday(m);
        SendingWindow w = m.window();
        return new MailboxView(m.id(), m.email(), m.aliases(), m.name(), SmtpView.of(m.smtp()), ServerView.of(m.imap()), w.zone().getId(),
                new WorkingHoursView(w.start(), w.end(), w.dayNames()), m.plan(), m.warmupEnabled(), m.replyRate(),
                status(m), m.warmup().pauseReason(), usage.warmupCap(), usage.warmupUsed(), usage.coldEmailCap(), usage.coldEmailsSent(),
                m.createdAt());
    }

    private WarmupView warmup(Mailbox m) {
        MailboxService.Usage usage = mailboxes.usageToday(m);
        MailboxService.Health health = mailboxes.health(m);
        var c = health.counts();
        return new WarmupView(m.id(), status(m), m.warmup().pauseReason(), m.warmup().step(), m.plan().stepCount(),
                usage.warmupCap(), usage.warmupUsed(), usage.repliesSent(), usage.coldEmailCap(), usage.coldEmailsSent(), m.plan(),
                new HealthView(health.from(), health.to(), c.sent(), c.hardBounces(), c.softBounces(), c.complaints(),
                        Percent.format(c.hardBounceRate()) + " %", Percent.format(c.complaintRate()) + " %"),
                m.warmup().history());
    }

    private static String status(Mailbox m) {
        return m.warmup().status().name().toLowerCase(Locale.ROOT);
    }
}
