package com.penguinmails.sending.mailboxes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.sending.mailboxes.SecretCipher;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LocalSecretCipherTest {

    private final LocalSecretCipher cipher = LocalSecretCipher.fromBase64(LocalSecretCipher.newBase64Key());

    @Test
    void roundTripsAndNeverShowsThePlaintext() {
        String sealed = cipher.encrypt("ws_a", "app-password ünïcode 🔑");

        assertThat(sealed).startsWith(LocalSecretCipher.PREFIX).doesNotContain("app-password");
        assertThat(cipher.decrypt("ws_a", sealed)).isEqualTo("app-password ünïcode 🔑");
    }

    @Test
    void aFreshIvEveryTimeSoEqualPasswordsDoNotLookEqual() {
        assertThat(cipher.encrypt("ws_a", "same")).isNotEqualTo(cipher.encrypt("ws_a", "same"));
    }

    @Test
    void aTamperedCiphertextDoesNotDecrypt() {
        String sealed = cipher.encrypt("ws_a", "secret");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(LocalSecretCipher.PREFIX.length()));
        raw[raw.length - 5] ^= 0x01;
        String tampered = LocalSecretCipher.PREFIX + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.decrypt("ws_a", tampered)).isInstanceOf(SecretCipher.SecretCipherException.class);
        assertThatThrownBy(() -> cipher.decrypt("ws_a", "local-v1:AAAA")).isInstanceOf(SecretCipher.SecretCipherException.class);
        assertThatThrownBy(() -> cipher.decrypt("ws_a", "secret")).isInstanceOf(SecretCipher.SecretCipherException.class);
    }

    @Test
    void anotherWorkspacesContextDoesNotDecrypt() {
        String sealed = cipher.encrypt("ws_a", "secret");

        assertThatThrownBy(() -> cipher.decrypt("ws_b", sealed))
                .isInstanceOf(SecretCipher.SecretCipherException.class).hasMessageContaining("another workspace");
    }

    @Test
    void anotherKeyDoesNotDecrypt() {
        String sealed = cipher.encrypt("ws_a", "secret");
        LocalSecretCipher other = LocalSecretCipher.fromBase64(LocalSecretCipher.newBase64Key());

        assertThatThrownBy(() -> other.decrypt("ws_a", sealed)).isInstanceOf(SecretCipher.SecretCipherException.class);
    }

    @Test
    void theKeyMustBe32Bytes() {
        assertThatThrownBy(() -> LocalSecretCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> LocalSecretCipher.fromBase64("not base64!")).hasMessageContaining("PM_LOCAL_SECRET_KEY");
    }
}
