package com.penguinmails.campaigns.contacts;

import static com.penguinmails.campaigns.testing.CampaignWorld.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.campaigns.testing.InMemoryContactStore;
import com.penguinmails.core.problems.ApiProblem;
import com.penguinmails.core.problems.FieldError;
import com.penguinmails.core.testing.TestClock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContactServiceTest {

    private static final String WS = "ws_test";
    private final TestClock clock = new TestClock(Instant.parse("2030-03-06T10:00:00Z"));
    private final InMemoryContactStore store = new InMemoryContactStore();
    private final ContactService contacts = new ContactService(store, clock);

    @Test
    void aBatchKeepsTheGoodItemsAndNamesEveryProblemOfTheBadOnesByPath() {
        ContactBatch batch = contacts.save(WS, json("""
                {"contacts": [
                  {"email": "ann@example.org", "firstName": "Ann", "tags": ["lead"], "fields": {"plan": "pro"}},
                  {"email": "nope", "timeZone": "Mars/Olympus", "tags": ["a b"], "fields": {"email": "x", "9lives": "y"}, "colour": "red"},
                  {"email": "bo@example.org", "consent": {"source": "https://acme.test/form", "collectedAt": "2031-01-01T00:00:00Z", "text": "ok"}}
                ]}"""));
        assertThat(batch.created()).isEqualTo(1);
        assertThat(batch.rejected()).isEqualTo(2);
        assertThat(batch.results().get(1).errors()).extracting(FieldError::path)
                .contains("email", "timeZone", "tags[0]", "fields.email", "fields.9lives", "colour");
        assertThat(batch.results().get(2).errors()).extracting(FieldError::path).containsExactly("consent.collectedAt");
    }

    @Test
    void theSameAddressTwiceIsOneContactUpdatedWithTheFieldsGivenAndEveryConsentKept() {
        contacts.save(WS, json("""
                {"email": "Ann@Example.org", "firstName": "Ann", "company": "Acme",
                 "consent": {"source": "webinar", "collectedAt": "2030-01-01T00:00:00Z", "text": "Send me the recording"}}"""));
        ContactBatch again = contacts.save(WS, json("""
                {"email": "ann@example.org", "company": "Acme GmbH",
                 "consent": {"source": "newsletter form", "collectedAt": "2030-02-01T00:00:00Z", "text": "Email me news"}}"""));

        assertThat(again.results().get(0).status()).isEqualTo(ContactResult.Status.updated);
        Contact ann = contacts.get(WS, Contact.idOf("ANN@example.org"));
        assertThat(ann.firstName()).as("kept").isEqualTo("Ann");
        assertThat(ann.company()).isEqualTo("Acme GmbH");
        assertThat(ann.consents()).extracting(Consent::source).containsExactly("webinar", "newsletter form");
        assertThat(contacts.list(WS, ContactFilter.ALL, null, 10).items()).hasSize(1);
    }

    @Test
    void aCsvImportReadsQuotedValuesAndReportsEachRowByNumber() {
        ContactBatch batch = contacts.importCsv(WS, """
                email,firstName,company,tags,plan,consentSource,consentAt,consentText
                ann@example.org,Ann,"Acme, Inc.",lead;vip,pro,import:crm,2030-01-01T00:00:00Z,"She said ""yes""\"
                not-an-address,Bo,,lead,,,,
                cy@example.org,Cy,,,,,,
                """);
        assertThat(batch.created()).isEqualTo(2);
        assertThat(batch.results()).extracting(ContactResult::index).containsExactly(2, 3, 4);
        assertThat(batch.results().get(1).status()).isEqualTo(ContactResult.Status.rejected);
        Contact ann = contacts.get(WS, Contact.idOf("ann@example.org"));
        assertThat(ann.company()).isEqualTo("Acme, Inc.");
        assertThat(ann.tags()).containsExactlyInAnyOrder("lead", "vip");
        assertThat(ann.fields()).isEqualTo(Map.of("plan", "pro"));
        assertThat(ann.consents().get(0).text()).isEqualTo("She said \"yes\"");

        assertThatThrownBy(() -> contacts.importCsv(WS, "firstName\nAnn\n")).isInstanceOf(ApiProblem.class).hasMessageContaining("'email' column");
    }

    @Test
    void segmentsSelectByEveryTagAndFieldValue() {
        contacts.save(WS, json("""
                {"contacts": [{"email": "a@x.org", "tags": ["lead", "vip"], "fields": {"plan": "pro"}},
                              {"email": "b@x.org", "tags": ["lead"], "fields": {"plan": "pro"}},
                              {"email": "c@x.org", "tags": ["lead", "vip"], "fields": {"plan": "free"}}]}"""));
        assertThat(contacts.list(WS, new ContactFilter(Set.of("lead", "vip"), Map.of("plan", "pro"), false), null, 10).items())
                .extracting(Contact::email).containsExactly("a@x.org");
        assertThat(contacts.list(WS, new ContactFilter(Set.of("lead"), Map.of(), false), null, 10).items()).hasSize(3);
    }

    @Test
    void aContactThatLeftNeverComesBackByAnImport() {
        contacts.save(WS, json("{\"email\": \"ann@example.org\"}"));
        assertThat(contacts.markStatus(WS, "ann@example.org", ContactStatus.UNSUBSCRIBED)).isTrue();
        assertThat(contacts.markStatus(WS, "ann@example.org", ContactStatus.BOUNCED)).isFalse();
        contacts.save(WS, json("{\"email\": \"ann@example.org\", \"firstName\": \"Ann\"}"));
        assertThat(contacts.get(WS, Contact.idOf("ann@example.org")).status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
    }
}
