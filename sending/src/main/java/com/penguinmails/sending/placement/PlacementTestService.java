package com.penguinmails.sending.placement;

import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.sending.mail.MailTransport;
import com.penguinmails.sending.mailboxes.Mailbox;
import com.penguinmails.sending.mailboxes.MailboxProvider;
import com.penguinmails.sending.mailboxes.MailboxService;
import com.penguinmails.sending.mailboxes.WarmupEmails;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Placement tests: a content sent from one mailbox to each seed mailbox at once (not paced: a handful of copies to
 * our own mailboxes), and read back by the warmup run, which records the folder each copy was found in.
 */
public final class PlacementTestService {

    private static final Logger LOG = LoggerFactory.getLogger(PlacementTestService.class);

    public static final int MAX_SEEDS = 25;
    public static final int MAX_SUBJECT = 200;
    public static final int MAX_BODY_CHARS = 100_000;
    public static final int MAX_LISTED = 100;

    private final PlacementTestStore store;
    private final MailboxService mailboxes;
    private final MailTransport smtp;
    private final Clock clock;

    public PlacementTestService(PlacementTestStore store, MailboxService mailboxes, MailTransport smtp, Clock clock) {
        this.store = store;
        this.mailboxes = mailboxes;
        this.smtp = smtp;
        this.clock = clock;
    }

    /** What to send, and from which of the workspace's mailboxes. */
    public record NewPlacementTest(String fromMailboxId, String subject, String text, String html) {}

    public PlacementTest create(String workspaceId, NewPlacementTest request) {
        if (request.fromMailboxId() == null || request.fromMailboxId().isBlank()) {
            throw ApiProblem.invalidField("fromMailboxId", "fromMailboxId names the mailbox to test, e.g. \"mbx_...\".");
        }
        if (request.subject() == null || request.subject().isBlank() || request.subject().length() > MAX_SUBJECT) {
            throw ApiProblem.invalidField("subject", "subject is 1 to " + MAX_SUBJECT + " characters.");
        }
        if (blank(request.text()) && blank(request.html())) {
            throw ApiProblem.invalidField("text", "Give text, html or both: the content whose placement is tested.");
        }
        if (length(request.text()) + length(request.html()) > MAX_BODY_CHARS) {
            throw ApiProblem.invalidField("html", "text and html together are at most " + MAX_BODY_CHARS + " characters.");
        }
        if (!Ids.looksLike("mbx", request.fromMailboxId())) {
            throw ApiProblem.notFound("No mailbox " + request.fromMailboxId() + " in this workspace.");
        }
        Mailbox from = mailboxes.get(workspaceId, request.fromMailboxId());
        List<Mailbox> seeds = mailboxes.list(workspaceId).stream()
                .filter(m -> m.enrolled() && !m.id().equals(from.id()) && !m.email().equalsIgnoreCase(from.email()))
                .limit(MAX_SEEDS).toList();
        if (seeds.isEmpty()) {
            throw ApiProblem.unprocessable("no-seed-mailboxes", "This workspace has no seed mailbox besides " + from.email()
                    + ": a seed is another mailbox enrolled in warmup (warmupEnabled with IMAP), whose folders the warmup run reads.");
        }
        List<PlacementTest.SeedCopy> copies = new ArrayList<>();
        for (Mailbox seed : seeds) {
            copies.add(new PlacementTest.SeedCopy(seed.id(), seed.email(), MailboxProvider.ofMailbox(seed.email(),
                    seed.imap() == null ? null : seed.imap().host()), null, null, null));
        }
        PlacementTest test = new PlacementTest(newTestId(clock.instant()), workspaceId, from.id(), request.subject().strip(), clock.instant(), copies);
        // Stored before anything is sent, so a copy seen early always finds its test.
        store.create(test);
        List<PlacementTest.SeedCopy> sent = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            Mailbox seed = seeds.get(i);
            PlacementTest.SeedCopy copy = copies.get(i);
            try {
                smtp.send(WarmupEmails.placementCopy(from, seed, test.id(), test.subject(), request.text(), request.html()),
                        new MailTransport.SendingIdentity(workspaceId, from.id(), null, mailboxes.smtpSettings(from)));
                sent.add(copy);
            } catch (RuntimeException e) {
                String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                LOG.warn("placement test {}: copy to seed {} not sent: {}", test.id(), seed.id(), error);
                store.recordSendError(workspaceId, test.id(), seed.id(), error);
                sent.add(copy.failed(error));
            }
        }
        LOG.info("placement test {} from mailbox {}: {} copies sent to seeds", test.id(), from.id(),
                sent.stream().filter(c -> c.sendError() == null).count());
        return new PlacementTest(test.id(), workspaceId, from.id(), test.subject(), test.createdAt(), sent);
    }

    /** Another workspace's test is not found, as an unknown id. */
    public PlacementTest get(String workspaceId, String testId) {
        Optional<PlacementTest> test = Ids.looksLike("plt", testId) ? store.find(workspaceId, testId) : Optional.empty();
        return test.orElseThrow(() -> ApiProblem.notFound("No placement test " + testId + " in this workspace."));
    }

    public List<PlacementTest> recent(String workspaceId, int limit) {
        if (limit < 1 || limit > MAX_LISTED) {
            throw ApiProblem.invalidField("limit", "limit is 1 to " + MAX_LISTED + ".");
        }
        return store.recent(workspaceId, limit);
    }

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /**
     * {@code plt_} then the creation time (8 base62 digits of epoch milliseconds, enough until the year 8000) and 12
     * random characters: ids sort by creation, so a query lists the newest tests first without an index.
     */
    static String newTestId(Instant at) {
        char[] time = new char[8];
        long millis = at.toEpochMilli();
        for (int i = time.length - 1; i >= 0; i--) {
            time[i] = BASE62.charAt((int) (millis % 62));
            millis /= 62;
        }
        return "plt_" + new String(time) + Ids.randomBase62(12);
    }

    public Clock clock() {
        return clock;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static int length(String value) {
        return value == null ? 0 : value.length();
    }
}
