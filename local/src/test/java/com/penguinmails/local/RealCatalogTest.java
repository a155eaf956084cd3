package com.penguinmails.local;

import static com.penguinmails.local.TestPlatforms.get;
import static com.penguinmails.local.TestPlatforms.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code java -jar penguinmails-local.jar} does: the real catalog and functions start, the bootstrap creates
 * a workspace through the public API with the operator key, and the owner's key it got back works.
 */
class RealCatalogTest {

    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.builder().port(0).start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theBootstrappedOwnerKeyListsItself() {
        String ownerKey = platform.ownerApiKey().orElseThrow();

        HttpResponse<String> response = get(platform, "/v1/api-keys", "Authorization", "Bearer " + ownerKey);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("data")).hasSize(1);
        assertThat(ownerKey).startsWith(json(response).path("data").get(0).path("prefix").asText());
        assertThat(get(platform, "/v1/workspace", "Authorization", "Bearer " + ownerKey).body())
                .contains(platform.workspaceId().orElseThrow());
    }

    @Test
    void withoutAKeyTheRealAuthorizerRefuses() {
        assertThat(get(platform, "/v1/api-keys").statusCode()).isIn(401, 403);
    }
}
