package com.penguinmails.sending.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.sending.tracking.TrackingTokens.Claims;
import com.penguinmails.sending.tracking.TrackingTokens.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signed tracking tokens: what is signed verifies to the same claims; anything forged, altered or foreign does not. */
class TrackingTokensTest {

    private static final String SECRET = "test-tracking-secret-0123456789-0123456789";
    private final TrackingTokens tokens = new TrackingTokens(SECRET);

    @Test
    void aSignedTokenVerifiesToItsClaims() {
        Claims click = new Claims(Kind.CLICK, "ws_1", "msg_1", "ada@example.org", "https://acme.test/a?b=c&d=é");
        Claims open = new Claims(Kind.OPEN, "ws_1", "msg_1", null, null);

        assertThat(tokens.verify(tokens.sign(click))).hasValue(click);
        assertThat(tokens.verify(tokens.sign(open))).as("absent values stay absent").hasValue(open);
        assertThat(tokens.sign(click)).as("URL-safe").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void anAlteredForgedOrForeignTokenIsRefused() {
        String token = tokens.sign(new Claims(Kind.CLICK, "ws_1", "msg_1", "ada@example.org", "https://acme.test/"));
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        String evilPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).replace("https://acme.test/", "https://evil.test/")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify(evilPayload + "." + signature)).as("another URL under the old signature").isEmpty();
        assertThat(tokens.verify(payload + "." + signature.substring(1))).isEmpty();
        assertThat(new TrackingTokens(SECRET.replace('0', '1')).verify(token)).as("another secret").isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("no-dot")).isEmpty();
        assertThat(tokens.verify(".x")).isEmpty();
        assertThat(tokens.verify("!!!.???")).as("not base64").isEmpty();
        assertThat(tokens.verify("a".repeat(9000) + ".b")).as("too long to bother").isEmpty();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new TrackingTokens("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrackingTokens(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
