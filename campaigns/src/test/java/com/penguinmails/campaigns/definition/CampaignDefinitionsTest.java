package com.penguinmails.campaigns.definition;

import static com.penguinmails.campaigns.testing.CampaignWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.core.problems.FieldError;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CampaignDefinitionsTest {

    private static final Instant NOW = Instant.parse("2030-03-06T10:00:00Z");

    @Test
    void everyProblemIsReportedWithItsJsonPath() {
        CampaignDefinitions.Reading reading = CampaignDefinitions.read("ws", "cmp_x", json("""
                {"name": "", "audience": {"contactIds": ["ct_nothex"], "tags": ["x"]},
                 "sending": {"ipPool": "pool_a", "mailboxes": ["mbx_a"]},
                 "schedule": {"days": ["someday"], "timeZone": "Mars/Olympus"},
                 "steps": [
                   {"condition": "not-opened", "variants": [{"html": "<p>{{#unclosed}}</p>"}]},
                   {"delayDays": 400, "condition": "sometimes", "variants": [{"text": "a", "id": "a"}, {"text": "b", "id": "a"}]},
                   {"type": "task", "variants": [{"text": "x"}]},
                   {"variants": []}
                 ],
                 "colour": "red"}"""), NOW);
        assertThat(reading).isInstanceOf(CampaignDefinitions.Invalid.class);
        assertThat(((CampaignDefinitions.Invalid) reading).errors()).extracting(FieldError::path).contains(
                "name", "audience", "sending", "schedule.days[0]", "schedule.timeZone",
                "steps[0].condition", "steps[0].variants[0].subject", "steps[0].variants[0].html",
                "steps[1].delayDays", "steps[1].condition", "steps[1].variants",
                "steps[2].channel", "steps[2].task", "steps[2].variants", "steps[3].variants", "colour");
    }

    @Test
    void aValidDefinitionReadsWithItsDefaults() {
        CampaignDefinitions.Reading reading = CampaignDefinitions.read("ws", "cmp_x", json("""
                {"name": "Q1", "audience": {"tags": ["lead"]}, "sending": {"ipPool": "pool_a", "from": "sam@acme.test"},
                 "steps": [{"variants": [{"subject": "Hi {{firstName}}", "text": "{{company}}", "weight": 3}, {"subject": "Hey", "text": "b"}]},
                           {"businessDays": true, "condition": "not-opened", "variants": [{"text": "bump"}]}]}"""), NOW);
        Campaign campaign = ((CampaignDefinitions.Valid) reading).campaign();
        assertThat(campaign.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(campaign.steps().get(0).variants()).extracting(Variant::id).containsExactly("a", "b");
        assertThat(campaign.step(2).delay().days()).as("a follow-up waits a day unless told").isEqualTo(1);
        assertThat(campaign.step(2).delay().businessDays()).isTrue();
        assertThat(campaign.step(2).condition()).isEqualTo(StepCondition.NOT_OPENED);
        assertThat(campaign.schedule().windowFor(null).zone().getId()).isEqualTo("UTC");
        assertThat(campaign.variables()).containsExactly("company", "firstName");
    }

    @Test
    void variantsSplitContactsByWeightAndAContactAlwaysGetsTheSameOne() {
        Step step = new Step(1, StepKind.EMAIL, new com.penguinmails.campaigns.sequences.StepDelay(0, false), StepCondition.ALWAYS,
                java.util.List.of(new Variant("a", "A", null, "a", 3), new Variant("b", "B", null, "b", 1)), null, null);
        int a = 0;
        for (int i = 0; i < 4000; i++) {
            String contact = com.penguinmails.campaigns.contacts.Contact.idOf("c" + i + "@example.org");
            assertThat(step.variantFor(contact)).isEqualTo(step.variantFor(contact));
            a += step.variantFor(contact).id().equals("a") ? 1 : 0;
        }
        assertThat(a).isBetween(2850, 3150);
    }
}
