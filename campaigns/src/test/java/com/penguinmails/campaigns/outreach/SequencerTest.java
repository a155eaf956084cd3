package com.penguinmails.campaigns.outreach;

import static com.penguinmails.campaigns.testing.CampaignWorld.WORKSPACE;
import static com.penguinmails.campaigns.testing.CampaignWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.campaigns.contacts.Contact;
import com.penguinmails.campaigns.contacts.ContactStatus;
import com.penguinmails.campaigns.definition.Campaign;
import com.penguinmails.campaigns.testing.CampaignWorld;
import com.penguinmails.campaigns.testing.InMemoryEnrollmentStore;
import com.penguinmails.campaigns.testing.RecordingStepSender;
import com.penguinmails.core.events.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The sequencer and the events that move contacts, on in-memory stores; time is a fixed anchor the test moves. */
class SequencerTest {

    private static final Instant START = Instant.parse("2030-03-06T10:00:00Z");
    private static final String EVERY_HOUR = "\"schedule\": {\"days\": [\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"], \"start\": \"00:00\", \"end\": \"24:00\"}";

    private final CampaignWorld world = new CampaignWorld(START);

    @Test
    void followUpsGoOutOnScheduleAsRepliesInTheFirstEmailsThread() {
        contacts("ann@example.org");
        Campaign campaign = launch("""
                [{"variants": [{"subject": "Hi {{firstName}}", "text": "One"}]},
                 {"delayDays": 2, "variants": [{"text": "Two"}]},
                 {"delayDays": 3, "variants": [{"subject": "A new subject", "text": "Three"}]}]""");

        assertThat(world.sequencer().run().sent()).isEqualTo(1);
        RecordingStepSender.Sent first = world.sender.sent.get(0);
        assertThat(first.submission().subject()).isEqualTo("Hi {{firstName}}");
        assertThat(first.submission().headers()).isEmpty();
        assertThat(first.submission().campaignId()).isEqualTo(campaign.id());
        assertThat(first.submission().recipients().get(0).variables()).containsEntry("firstName", "Ann");

        world.clock.advance(Duration.ofDays(2).minusMinutes(1));
        assertThat(world.sequencer().run().sent()).as("a minute early").isZero();
        world.clock.advance(Duration.ofMinutes(1));
        assertThat(world.sequencer().run().sent()).isEqualTo(1);
        RecordingStepSender.Sent second = world.sender.sent.get(1);
        assertThat(second.submission().subject()).isEqualTo("Re: Hi {{firstName}}");
        assertThat(second.submission().headers()).containsEntry("In-Reply-To", first.email().messageIdHeader())
                .containsEntry("References", first.email().messageIdHeader());

        world.clock.advance(Duration.ofDays(3));
        assertThat(world.sequencer().run().sent()).isEqualTo(1);
        RecordingStepSender.Sent third = world.sender.sent.get(2);
        assertThat(third.submission().subject()).as("a step's own subject wins, still threaded").isEqualTo("A new subject");
        assertThat(third.submission().headers()).containsEntry("In-Reply-To", second.email().messageIdHeader())
                .containsEntry("References", first.email().messageIdHeader() + " " + second.email().messageIdHeader());

        Enrollment done = enrollment(campaign, "ann@example.org");
        assertThat(done.status()).isEqualTo(EnrollmentStatus.FINISHED);
        assertThat(done.outcomes()).containsEntry(1, "a").containsEntry(2, "a").containsEntry(3, "a");
        assertThat(world.due().due(START, START.plus(Duration.ofDays(30)), 100)).isEmpty();
        world.clock.advance(Duration.ofDays(30));
        assertThat(world.sequencer().run().sent()).isZero();
    }

    @Test
    void aNotOpenedFollowUpIsSkippedForAHumanOpenerButNotForAMachineOpen() {
        contacts("ann@example.org", "bo@example.org");
        Campaign campaign = launch("""
                [{"variants": [{"subject": "Hi", "text": "One"}]},
                 {"delayDays": 1, "condition": "not-opened", "variants": [{"text": "Did you see this?"}]},
                 {"delayDays": 1, "variants": [{"text": "Three"}]}]""");
        world.sequencer().run();
        opened(campaign, "ann@example.org", false);
        opened(campaign, "bo@example.org", true);

        world.clock.advance(Duration.ofDays(1));
        Sequencer.Summary summary = world.sequencer().run();
        assertThat(summary.sent()).isEqualTo(1);
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(world.sender.to("bo@example.org")).hasSize(2);
        assertThat(enrollment(campaign, "ann@example.org").outcomes()).containsEntry(2, "skipped");

        // ann's third step counts its day from when the skipped step was due.
        world.clock.advance(Duration.ofDays(1));
        world.sequencer().run();
        assertThat(world.sender.to("ann@example.org")).extracting(s -> s.submission().text()).containsExactly("One", "Three");
        assertThat(world.campaigns.progress(campaign).steps().get(1).outcomes()).containsEntry("a", 1).containsEntry("skipped", 1);
    }

    @Test
    void aPausedCampaignHoldsItsDueStepsAndResumingSendsThem() {
        contacts("ann@example.org");
        Campaign campaign = launch("[{\"variants\": [{\"subject\": \"Hi\", \"text\": \"One\"}]}]");
        world.campaigns.pause(world.owner(), campaign.id());

        Sequencer.Summary paused = world.sequencer().run();
        assertThat(paused.held()).isEqualTo(1);
        assertThat(world.sender.sent).isEmpty();
        world.clock.advance(Duration.ofHours(5));
        assertThat(world.sequencer().run().due()).as("held steps are off the calendar").isZero();

        world.campaigns.resume(world.owner(), campaign.id());
        assertThat(world.sequencer().run().sent()).isEqualTo(1);
        assertThat(world.calendar.held).isEmpty();
    }

    @Test
    void anUnsubscribeOrAHardBounceStopsTheContactEverywhereASoftBounceDoesNot() {
        contacts("ann@example.org", "bo@example.org", "cy@example.org");
        String steps = """
                [{"variants": [{"subject": "Hi", "text": "One"}]}, {"delayDays": 1, "variants": [{"text": "Two"}]}]""";
        Campaign campaign = launch(steps);
        world.sequencer().run();
        world.events.apply(List.of(
                world.event(EventType.MESSAGE_UNSUBSCRIBED, "{\"recipient\": \"ann@example.org\", \"campaignId\": \"" + campaign.id() + "\"}"),
                world.event(EventType.MESSAGE_BOUNCED, "{\"recipient\": \"bo@example.org\", \"campaignId\": \"" + campaign.id() + "\", \"bounceType\": \"hard\"}"),
                world.event(EventType.MESSAGE_BOUNCED, "{\"recipient\": \"cy@example.org\", \"campaignId\": \"" + campaign.id() + "\", \"bounceType\": \"soft\"}")));

        assertThat(enrollment(campaign, "ann@example.org").stopReason()).isEqualTo(StopReason.UNSUBSCRIBED);
        assertThat(enrollment(campaign, "bo@example.org").stopReason()).isEqualTo(StopReason.BOUNCED);
        assertThat(enrollment(campaign, "cy@example.org").status()).isEqualTo(EnrollmentStatus.ACTIVE);
        assertThat(world.contacts.get(WORKSPACE, Contact.idOf("ann@example.org")).status()).isEqualTo(ContactStatus.UNSUBSCRIBED);

        world.clock.advance(Duration.ofDays(1));
        world.sequencer().run();
        assertThat(world.sender.sent).extracting(s -> s.submission().recipients().get(0).to())
                .containsExactlyInAnyOrder("ann@example.org", "bo@example.org", "cy@example.org", "cy@example.org");

        // A later campaign leaves them out at launch.
        CampaignService.Launch next = world.campaigns.launch(world.owner(), create(steps).id());
        assertThat(next.enrolled()).isEqualTo(1);
        assertThat(next.notMailable()).isEqualTo(2);
    }

    @Test
    void aReplyStopsTheSequenceAnAutoReplyOnlyWhenTheCampaignSaysSo() {
        contacts("ann@example.org", "bo@example.org");
        Campaign campaign = launch("""
                [{"variants": [{"subject": "Hi", "text": "One"}]}, {"delayDays": 1, "variants": [{"text": "Two"}]}]""");
        world.sequencer().run();
        world.events.apply(List.of(
                world.event(EventType.CHANNEL_ACTIVITY, "{\"channel\": \"email\", \"type\": \"replied\", \"contact\": \"ann@example.org\", \"campaignId\": \""
                        + campaign.id() + "\"}"),
                world.event(EventType.CHANNEL_ACTIVITY, "{\"channel\": \"email\", \"type\": \"replied\", \"contact\": \"bo@example.org\", \"campaignId\": \""
                        + campaign.id() + "\", \"properties\": {\"autoReply\": \"true\"}}")));
        assertThat(enrollment(campaign, "ann@example.org").stopReason()).isEqualTo(StopReason.REPLIED);
        assertThat(enrollment(campaign, "bo@example.org").status()).as("an out-of-office does not stop it").isEqualTo(EnrollmentStatus.ACTIVE);

        world.clock.advance(Duration.ofDays(1));
        world.sequencer().run();
        assertThat(world.sender.to("ann@example.org")).hasSize(1);
        assertThat(world.sender.to("bo@example.org")).hasSize(2);
        assertThat(world.campaigns.progress(campaign).stopped()).containsEntry("replied", 1);
    }

    @Test
    void aTaskStepWaitsForItsChannelsActivityThenTheSequenceGoesOn() {
        contacts("ann@example.org");
        Campaign campaign = launch("""
                [{"variants": [{"subject": "Hi", "text": "One"}]},
                 {"type": "task", "channel": "linkedin", "task": "Visit their profile", "delayDays": 1},
                 {"delayDays": 2, "variants": [{"text": "Saw you on LinkedIn"}]}]""");
        world.sequencer().run();
        world.clock.advance(Duration.ofDays(1));
        assertThat(world.sequencer().run().tasks()).isEqualTo(1);
        assertThat(enrollment(campaign, "ann@example.org").status()).isEqualTo(EnrollmentStatus.WAITING);

        world.clock.advance(Duration.ofDays(5));
        assertThat(world.sequencer().run().sent()).as("nothing before the task is done").isZero();
        world.events.apply(List.of(world.event(EventType.CHANNEL_ACTIVITY,
                "{\"channel\": \"linkedin\", \"type\": \"connected\", \"contact\": \"ann@example.org\", \"campaignId\": \"" + campaign.id() + "\"}")));
        assertThat(enrollment(campaign, "ann@example.org").status()).isEqualTo(EnrollmentStatus.ACTIVE);
        world.clock.advance(Duration.ofDays(2));
        assertThat(world.sequencer().run().sent()).isEqualTo(1);
        assertThat(world.sender.to("ann@example.org")).extracting(s -> s.submission().text()).containsExactly("One", "Saw you on LinkedIn");
    }

    @Test
    void aRunThatDiesBetweenSendingAndRecordingIsRepeatedWithoutASecondEmail() {
        AtomicBoolean failNextWrite = new AtomicBoolean(false);
        InMemoryEnrollmentStore store = new InMemoryEnrollmentStore() {
            @Override
            public synchronized boolean write(Enrollment enrollment, long expectedVersion) {
                if (failNextWrite.getAndSet(false)) {
                    throw new IllegalStateException("the function timed out");
                }
                return super.write(enrollment, expectedVersion);
            }
        };
        CampaignWorld crashing = new CampaignWorld(START, store);
        crashing.contacts.save(WORKSPACE, json("{\"email\": \"ann@example.org\", \"firstName\": \"Ann\"}"));
        Campaign campaign = crashing.campaigns.create(crashing.owner(), json(definition("[{\"variants\": [{\"subject\": \"Hi\", \"text\": \"One\"}]},"
                + " {\"delayDays\": 1, \"variants\": [{\"text\": \"Two\"}]}]")));
        crashing.campaigns.launch(crashing.owner(), campaign.id());

        failNextWrite.set(true);
        assertThat(crashing.sequencer().run().failed()).isEqualTo(1);
        assertThat(crashing.sender.sent).hasSize(1);
        Sequencer.Summary again = crashing.sequencer().run();
        assertThat(again.sent()).isEqualTo(1);
        assertThat(crashing.sender.sent).as("the step's key answered the first email").hasSize(1);
        assertThat(crashing.enrollments().find(WORKSPACE, campaign.id(), Contact.idOf("ann@example.org")).orElseThrow().nextStep()).isEqualTo(2);
        crashing.clock.advance(Duration.ofDays(1));
        crashing.sequencer().run();
        assertThat(crashing.sender.sent).hasSize(2);
    }

    @Test
    void aSuppressedRecipientStopsItsSequenceInsteadOfRetryingForever() {
        contacts("ann@example.org");
        world.sender.suppressed.add("ann@example.org");
        Campaign campaign = launch("[{\"variants\": [{\"subject\": \"Hi\", \"text\": \"One\"}]}]");
        assertThat(world.sequencer().run().stopped()).isEqualTo(1);
        assertThat(enrollment(campaign, "ann@example.org").stopReason()).isEqualTo(StopReason.SUPPRESSED);
        assertThat(world.sequencer().run().due()).isZero();
    }

    @Test
    void mailboxCampaignsSendFromTheMailboxAndKeepItForTheThread() {
        contacts("ann@example.org");
        Campaign campaign = world.campaigns.create(world.owner(), json("""
                {"name": "boxes", "audience": {"tags": []}, "sending": {"mailboxes": ["mbx_test"]}, %s,
                 "steps": [{"variants": [{"subject": "Hi", "text": "One"}]}]}""".formatted(EVERY_HOUR)));
        world.campaigns.launch(world.owner(), campaign.id());
        world.sequencer().run();
        assertThat(world.sender.sent.get(0).submission().mailbox()).isEqualTo("mbx_test");
        assertThat(world.sender.sent.get(0).submission().from()).isEqualTo("sam@acme.test");
        assertThat(world.sender.sent.get(0).submission().ipPool()).isNull();
    }

    private void contacts(String... emails) {
        StringBuilder body = new StringBuilder("{\"contacts\": [");
        for (int i = 0; i < emails.length; i++) {
            String name = emails[i].substring(0, 1).toUpperCase() + emails[i].substring(1, emails[i].indexOf('@'));
            body.append(i == 0 ? "" : ",").append("{\"email\": \"").append(emails[i]).append("\", \"firstName\": \"").append(name).append("\"}");
        }
        assertThat(world.contacts.save(WORKSPACE, json(body + "]}")).created()).isEqualTo(emails.length);
    }

    private static String definition(String steps) {
        return "{\"name\": \"test\", \"audience\": {\"tags\": []}, \"sending\": {\"ipPool\": \"pool_test\", \"from\": \"sam@acme.test\"}, "
                + EVERY_HOUR + ", \"steps\": " + steps + "}";
    }

    private Campaign create(String steps) {
        return world.campaigns.create(world.owner(), json(definition(steps)));
    }

    private Campaign launch(String steps) {
        Campaign campaign = create(steps);
        world.campaigns.launch(world.owner(), campaign.id());
        return campaign;
    }

    private Enrollment enrollment(Campaign campaign, String email) {
        return world.enrollments().find(WORKSPACE, campaign.id(), Contact.idOf(email)).orElseThrow();
    }

    private void opened(Campaign campaign, String email, boolean machine) {
        SequenceEvents.Outcome outcome = world.events.apply(List.of(world.event(EventType.MESSAGE_OPENED,
                "{\"recipient\": \"" + email + "\", \"campaignId\": \"" + campaign.id() + "\", \"machine\": " + machine + "}")));
        assertThat(outcome.failed()).isEmpty();
    }
}
