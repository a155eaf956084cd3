package com.penguinmails.sending.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.core.auth.Principal;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.core.testing.TestClock;
import com.penguinmails.identity.audit.Caller;
import com.penguinmails.sending.ledger.SendLedger;
import com.penguinmails.sending.mailboxes.internal.LocalSecretCipher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What MailboxService does on any mailbox store: run on DynamoDB (MailboxServiceTest) and on the in-memory fake. */
public abstract class MailboxServiceContract {

    protected static final String PASSWORD = "s3cret-app-password";

    protected final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));

    /** A fresh service on empty stores, reading {@link #clock}. */
    protected abstract MailboxService newService();

    /** The ledger the service counts on. */
    protected abstract SendLedger ledger();

    /** Everything the store holds, as text: to show no password is kept in clear. */
    protected abstract List<String> storedItems();

    /** Puts {@code pacing} on the mailbox's row as the code before pacing moved to an item of its own wrote it there. */
    protected abstract void storeOldRowPacing(String workspaceId, String mailboxId, Pacing pacing);

    @Test
    void storesOnlyCiphertextAndAppliesTheDefaults() {
        MailboxService service = newService();
        Caller caller = caller("ws_1");

        Mailbox mailbox = service.create(caller, request("ann@acme.test", true));

        assertThat(mailbox.window()).isEqualTo(SendingWindow.workingHours(java.time.ZoneId.of("UTC")));
        assertThat(mailbox.replyRate()).isEqualTo(0.3);
        assertThat(mailbox.warmupEnabled()).as("on by default with IMAP").isTrue();
        assertThat(mailbox.imap().username()).as("IMAP login defaults to SMTP's").isEqualTo("ann@acme.test");
        List<String> items = storedItems();
        assertThat(items).hasSize(1);
        assertThat(items.get(0)).doesNotContain(PASSWORD).contains(LocalSecretCipher.PREFIX);
        assertThat(service.smtpSettings(service.get("ws_1", mailbox.id())).password()).isEqualTo(PASSWORD);
        assertThat(service.imapSettings(mailbox).orElseThrow().password()).isEqualTo(PASSWORD);
        assertThatThrownBy(() -> service.get("ws_2", mailbox.id())).isInstanceOf(ApiProblem.class).hasMessageContaining("No mailbox");
        assertThatThrownBy(() -> service.create(caller, request("ANN@acme.test", true)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(409));
    }

    @Test
    void theTimeZoneIsShownAsUtcByDefaultOrAsTheIdTheUserGave() {
        MailboxService service = newService();
        Caller caller = caller("ws_1");

        Mailbox byDefault = service.create(caller, request("ann@acme.test", false));
        Mailbox berlin = service.create(caller, new NewMailbox("bob@acme.test", null, server(PASSWORD), null, " Europe/Berlin ",
                null, null, false, null, null));
        Mailbox offset = service.create(caller, new NewMailbox("cid@acme.test", null, server(PASSWORD), null, "+02:00",
                null, null, false, null, null));

        // What the view shows (MailboxesHandler writes window().zone().getId()), also after a round trip through DynamoDB.
        assertThat(service.get("ws_1", byDefault.id()).window().zone().getId()).isEqualTo("UTC");
        assertThat(service.get("ws_1", berlin.id()).window().zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(service.get("ws_1", offset.id()).window().zone().getId()).isEqualTo("+02:00");
    }

    @Test
    void refusesIncompleteOrInconsistentSettingsNamingTheField() {
        MailboxService service = newService();
        Caller caller = caller("ws_1");

        assertField(() -> service.create(caller, new NewMailbox("not-an-address", null, server(PASSWORD), null, null, null, null, null, null, null)), "email");
        assertField(() -> service.create(caller, new NewMailbox("a@acme.test", null, null, null, null, null, null, null, null, null)), "smtp");
        assertField(() -> service.create(caller, new NewMailbox("a@acme.test", null, server(null), null, null, null, null, null, null, null)), "smtp.password");
        assertField(() -> service.create(caller, new NewMailbox("a@acme.test", null,
                new NewMailbox.Smtp("smtp.acme.test", 70_000, "u", "p", null, null), null, null, null, null, null, null, null)), "smtp.port");
        assertField(() -> service.create(caller, new NewMailbox("a@acme.test", null, server(PASSWORD), null, "Mars/Olympus", null, null, null, null, null)), "timezone");
        assertField(() -> service.create(caller, new NewMailbox("a@acme.test", null, server(PASSWORD), null, null,
                new NewMailbox.WorkingHours("18:00", "08:00", null), null, null, null, null)), "workingHours");
        assertField(() -> service.create(caller, new NewMailbox("a@acme.test", null, server(PASSWORD), null, null, null,
                new NewMailbox.Warmup(9, null, null, null), null, null, null)), "warmup");
        assertField(() -> service.create(caller, new NewMailbox("a@acme.test", null, server(PASSWORD), null, null, null, null, true, null, null)), "warmupEnabled");
        assertField(() -> service.create(caller, new NewMailbox("a@acme.test", null, server(PASSWORD), null, null, null, null, false, 1.5, null)), "replyRate");
    }

    @Test
    void pauseZeroesBothCapsAndResumeRestoresThem() {
        MailboxService service = newService();
        Caller caller = caller("ws_1");
        Mailbox mailbox = service.create(caller, request("ann@acme.test", true));
        assertThat(service.warmupCap(mailbox)).isEqualTo(2);
        assertThat(service.coldEmailCap(mailbox)).isEqualTo(40);

        Mailbox paused = service.pause(caller, mailbox.id(), "prospect complained");

        assertThat(service.warmupCap(paused)).isZero();
        assertThat(service.coldEmailCap(paused)).isZero();
        assertThat(paused.warmup().pauseReason()).isEqualTo("prospect complained");
        Mailbox resumed = service.resume(caller, mailbox.id(), null);
        assertThat(service.coldEmailCap(resumed)).isEqualTo(40);
    }

    @Test
    void theDailyStepRunsOncePerLocalDayOnTheMailboxesOwnTraffic() {
        MailboxService service = newService();
        Mailbox mailbox = service.create(caller("ws_1"), request("ann@acme.test", true));
        var ledger = ledger();
        ledger.reserve(MailboxService.warmupLedgerId(mailbox.id()), service.today(mailbox), 2);
        ledger.reserve(MailboxService.warmupLedgerId(mailbox.id()), service.today(mailbox), 2);

        assertThat(service.advanceDay(mailbox)).as("same day: nothing").isEqualTo(mailbox);
        clock.advance(Duration.ofDays(1));
        Mailbox stepped = service.advanceDay(service.get("ws_1", mailbox.id()));

        assertThat(stepped.warmup().step()).as("2 of 2 sent, healthy: one step up").isEqualTo(1);
        assertThat(service.warmupCap(stepped)).isEqualTo(4);
        assertThat(service.advanceDay(service.get("ws_1", mailbox.id())).warmup().history()).hasSize(1);
    }

    @Test
    void pacingIsAConditionalWriteSoOnlyOneSenderTakesASlot() {
        MailboxService service = newService();
        Mailbox mailbox = service.create(caller("ws_1"), request("ann@acme.test", false));
        Pacing taken = new Pacing(clock.instant().plusSeconds(90), null, null);

        assertThat(service.updatePacing(mailbox, taken)).isTrue();
        assertThat(service.updatePacing(mailbox, new Pacing(clock.instant().plusSeconds(60), null, null)))
                .as("a second sender that read the old pacing").isFalse();
        Mailbox reread = service.withCurrentPacing(service.get("ws_1", mailbox.id()));
        assertThat(reread.pacing()).isEqualTo(taken);
        assertThat(service.withCurrentPacing(service.pause(caller("ws_1"), mailbox.id(), "x")).pacing())
                .as("settings writes leave pacing alone").isEqualTo(taken);
        assertThat(service.withCurrentPacing(service.get("ws_1", mailbox.id())).pacing()).isEqualTo(taken);
    }

    @Test
    void aPacingStillOnlyOnTheMailboxsOldRowHoldsUntilTheFirstSendMovesIt() {
        MailboxService service = newService();
        Mailbox created = service.create(caller("ws_1"), request("ann@acme.test", false));
        Pacing old = new Pacing(clock.instant().plusSeconds(200), clock.instant().plusSeconds(400), null);
        storeOldRowPacing("ws_1", created.id(), old);

        Mailbox first = service.withCurrentPacing(service.get("ws_1", created.id()));
        Mailbox second = service.withCurrentPacing(service.get("ws_1", created.id()));
        assertThat(first.pacing()).as("no pacing item yet: the old row's").isEqualTo(old);
        Pacing moved = old.withCursor(clock.instant().plusSeconds(500));
        assertThat(service.updatePacing(first, moved)).as("the first send creates the item").isTrue();
        assertThat(service.updatePacing(second, old.withCursor(clock.instant().plusSeconds(460))))
                .as("a second sender that read the old row too").isFalse();

        assertThat(service.withCurrentPacing(service.get("ws_1", created.id())).pacing()).isEqualTo(moved);
        assertThat(service.get("ws_1", created.id()).pacing()).as("the old row itself is left as it was").isEqualTo(old);
        assertThat(service.updatePacing(service.get("ws_1", created.id()), moved.withGate(clock.instant().plusSeconds(900))))
                .as("nor does the old row's pacing count once the item exists").isFalse();
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.extensions()).containsEntry("field", field);
        });
    }

    private static NewMailbox request(String email, boolean imap) {
        return new NewMailbox(email, "Ann", new NewMailbox.Smtp("smtp.acme.test", 587, email, PASSWORD, null, null),
                imap ? new NewMailbox.Server("imap.acme.test", 993, null, null, null) : null, null, null, null, null, null, null);
    }

    private static NewMailbox.Smtp server(String password) {
        return new NewMailbox.Smtp("smtp.acme.test", 587, "user", password, null, null);
    }

    private static Caller caller(String workspaceId) {
        return new Caller(new Principal(workspaceId, "key_1", "apikey:key_1", List.of("full"), 100), "127.0.0.1");
    }
}
