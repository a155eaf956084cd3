package com.penguinmails.sending.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.core.problems.ApiProblem;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"From", "to", "CC", "Bcc", "Sender", "Reply-To", "Return-Path", "Message-ID", "List-Unsubscribe",
            "List-Unsubscribe-Post", "DKIM-Signature", "Received", "X-PM-Message-Id", "x-pm-workspace-id"})
    void platformOwnedHeadersAreRefusedByName(String name) {
        assertRefused(Map.of(name, "ceo@bank.test"), "headers." + name, "set by the platform");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Subject", "Date", "Content-Type", "MIME-Version", "Authentication-Results", "List-Id", "X-", "Resent-From"})
    void anythingOutsideTheAllowlistIsRefused(String name) {
        assertRefused(Map.of(name, "v"), "headers." + name, "X-");
    }

    @Test
    void crOrLfInANameOrValueIsRefused() {
        assertRefused(Map.of("X-A\r\nX-Injected", "yes"), "headers.X-A\r\nX-Injected", "no spaces, CR or LF");
        assertRefused(Map.of("X-A", "ok\r\nBcc: victim@example.org"), "headers.X-A", "no CR or LF");
        assertRefused(Map.of("X-A", "ok\nX-Injected: yes"), "headers.X-A", "no CR or LF");
        assertRefused(Map.of("X-A B", "v"), "headers.X-A B", "no spaces");
        assertRefused(Map.of("X-A:B", "v"), "headers.X-A:B", "other than ':'");
    }

    @Test
    void nullValuesLongValuesAndNonAsciiAreRefused() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("X-Custom", null);
        assertRefused(withNull, "headers.X-Custom", "not null");
        assertRefused(Map.of("X-Long", "v".repeat(CustomHeaders.MAX_VALUE_LENGTH + 1)), "headers.X-Long", "at most");
        assertRefused(Map.of("X-" + "n".repeat(CustomHeaders.MAX_NAME_LENGTH), "v"), null, "at most");
        assertRefused(Map.of("X-Name", "caf\u00e9"), "headers.X-Name", "printable ASCII");
    }

    @Test
    void theSameNameTwiceIgnoringCaseIsRefused() {
        Map<String, String> twice = new LinkedHashMap<>();
        twice.put("X-Campaign", "a");
        twice.put("x-campaign", "b");
        assertRefused(twice, "headers.x-campaign", "twice");
    }

    @Test
    void tooManyHeadersAreRefused() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= CustomHeaders.MAX_HEADERS; i++) {
            many.put("X-H" + i, "v");
        }
        assertRefused(many, "headers", "At most");
    }

    @Test
    void xHeadersAndTheStandardOnesPassUnchanged() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Campaign-Ref", "spring-2027 \t(a; b)");
        headers.put("In-Reply-To", "<abc@acme.test>");
        headers.put("references", "<abc@acme.test> <def@acme.test>");
        headers.put("Keywords", "news");
        headers.put("X-Empty", "");

        assertThat(CustomHeaders.validated(headers)).containsExactlyEntriesOf(headers);
        assertThat(CustomHeaders.validated(null)).isEmpty();
    }

    @Test
    void deliverableDropsWhateverValidatedWouldRefuse() {
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put("X-Keep", "yes");
        stored.put("From", "ceo@bank.test");
        stored.put("X-PM-Campaign-Id", "forged");
        stored.put("X-Bad", "a\r\nBcc: x@example.org");

        assertThat(CustomHeaders.deliverable(stored)).containsExactly(Map.entry("X-Keep", "yes"));
    }

    private static void assertRefused(Map<String, String> headers, String field, String detailPart) {
        assertThatThrownBy(() -> CustomHeaders.validated(headers)).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.type()).endsWith("/invalid-field");
            if (field != null) {
                assertThat(p.extensions()).containsEntry("field", field);
            }
            assertThat(p.detail()).contains(detailPart);
        });
    }
}
