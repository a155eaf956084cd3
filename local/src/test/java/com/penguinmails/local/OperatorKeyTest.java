package com.penguinmails.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OperatorKeyTest {

    @Test
    void keysLookLikeApiKeySecretsAndDiffer() {
        OperatorKey first = OperatorKey.generate();
        OperatorKey second = OperatorKey.generate();

        assertThat(first.secret()).matches("pm_live_[0-9A-Za-z]{43}");
        assertThat(first.secret()).isNotEqualTo(second.secret());
        assertThat(first.toString()).doesNotContain(first.secret());
    }

    @Test
    void theHashIsLowerCaseHexSha256OfTheSecret() {
        // sha256("abc"), the FIPS 180-2 test vector
        assertThat(new OperatorKey("abc").sha256Hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void base62KeepsLeadingZerosAsFixedWidth() {
        byte[] zeros = new byte[32];
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);

        assertThat(OperatorKey.base62(zeros)).isEqualTo("0".repeat(43));
        assertThat(OperatorKey.base62(ones)).hasSize(43).matches("[0-9A-Za-z]+");
    }
}
