package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static com.penguinmails.local.TestPlatforms.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recommendations as a new user meets them: a domain whose DKIM records are not published verifies as failed, the
 * hourly evaluation opens a high-impact DKIM recommendation (and nothing for SPF or DMARC, which are there); once the
 * records are published and the domain verified, the next evaluation marks it fixed with both times kept.
 */
class RecommendationsEndToEndTest {

    private static LocalPlatform platform;
    private static String auth;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
        auth = "Bearer " + platform.ownerApiKey().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void domainWithoutDkim_opensARecommendation_publishingItMarksItFixed() throws IOException {
        assertThat(post(platform, "/v1/domains", "{\"name\":\"recs.test\"}", "Authorization", auth, "Content-Type", "application/json")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> published = post(platform, "/_local/dns/recs.test/publish", "");
        assertThat(published.statusCode()).isEqualTo(200);
        // The user published everything but the DKIM CNAMEs.
        Path zone = Path.of(json(published).path("zoneFile").asText());
        List<String> withoutDkim = Files.readAllLines(zone).stream().filter(line -> !line.contains("._domainkey.")).collect(Collectors.toList());
        Files.write(zone, withoutDkim);
        assertThat(json(post(platform, "/v1/domains/recs.test/verify", "", "Authorization", auth)).path("status").asText()).isEqualTo("FAILED");

        assertThat(post(platform, "/_local/schedules/recommendations-evaluator/run", "").statusCode()).isEqualTo(200);

        JsonNode open = json(get(platform, "/v1/analytics/recommendations?status=open", "Authorization", auth)).path("items");
        assertThat(open).hasSize(1);
        JsonNode dkim = open.get(0);
        assertThat(dkim.path("type").asText()).isEqualTo("dkim");
        assertThat(dkim.path("impact").asText()).isEqualTo("high");
        assertThat(dkim.path("resource").asText()).isEqualTo("domain:recs.test");
        assertThat(dkim.path("evidence").path("metric").asText()).isEqualTo("dkimRecordsFound");
        assertThat(dkim.path("evidence").path("threshold").asDouble()).isEqualTo(3.0);
        assertThat(dkim.path("action").asText()).contains("DKIM CNAME");
        String createdAt = dkim.path("createdAt").asText();

        // Publishing again appends the records, DKIM included; the domain verifies.
        assertThat(post(platform, "/_local/dns/recs.test/publish", "").statusCode()).isEqualTo(200);
        assertThat(json(post(platform, "/v1/domains/recs.test/verify", "", "Authorization", auth)).path("status").asText()).isEqualTo("VERIFIED");
        assertThat(post(platform, "/_local/clock/advance", "{\"seconds\":3600}", "Content-Type", "application/json").statusCode()).isEqualTo(200);
        assertThat(post(platform, "/_local/schedules/recommendations-evaluator/run", "").statusCode()).isEqualTo(200);

        assertThat(json(get(platform, "/v1/analytics/recommendations?status=open", "Authorization", auth)).path("items")).isEmpty();
        JsonNode fixed = json(get(platform, "/v1/analytics/recommendations?status=fixed", "Authorization", auth)).path("items");
        assertThat(fixed).hasSize(1);
        assertThat(fixed.get(0).path("id").asText()).isEqualTo(dkim.path("id").asText());
        assertThat(fixed.get(0).path("createdAt").asText()).isEqualTo(createdAt);
        assertThat(fixed.get(0).path("fixedAt").asText()).isNotBlank();

        HttpResponse<String> bad = get(platform, "/v1/analytics/recommendations?status=closed", "Authorization", auth);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("detail").asText()).contains("open, fixed");
        HttpResponse<String> variants = get(platform, "/v1/analytics/variants?campaignId=cmp_none", "Authorization", auth);
        assertThat(variants.statusCode()).as(variants.body()).isEqualTo(200);
        assertThat(json(variants).path("arms")).isEmpty();
    }
}
