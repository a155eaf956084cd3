package com.penguinmails.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The typed kinds keep the wire and storage formats they replace: the same prefixes, the same ledger keys. */
class ResourceKindTest {

    @Test
    void idsAndKeysKeepTheirFormats() {
        assertThat(ResourceKind.IP.newId()).matches("ip_[0-9A-Za-z]{20}");
        assertThat(ResourceKind.POOL.newId()).matches("pool_[0-9A-Za-z]{20}");
        assertThat(ResourceKind.MAILBOX.newId()).matches("mbx_[0-9A-Za-z]{20}");
        assertThat(ResourceKind.SENDING_DOMAIN.key("acme.test")).isEqualTo("domain:acme.test");
        assertThatThrownBy(ResourceKind.SENDING_DOMAIN::newId).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKindIsToldFromItsPrefix() {
        assertThat(ResourceKind.of("ip_ExactCounts01")).hasValue(ResourceKind.IP);
        assertThat(ResourceKind.of("mbx_1#warmup")).as("a mailbox's warmup row is still the mailbox's").hasValue(ResourceKind.MAILBOX);
        assertThat(ResourceKind.of("domain:acme.test")).hasValue(ResourceKind.SENDING_DOMAIN);
        assertThat(ResourceKind.of("pool_1")).hasValue(ResourceKind.POOL);
        assertThat(ResourceKind.of("ipx_1")).isEmpty();
        assertThat(ResourceKind.of(null)).isEmpty();
        assertThat(ResourceKind.IP.names("ip_1")).isTrue();
        assertThat(ResourceKind.IP.names("mbx_1")).isFalse();
        assertThat(ResourceKind.MAILBOX.names(null)).isFalse();
    }

    @Test
    void looksLikeTurnsAwayWhatNoIdOfTheKindCanBe() {
        assertThat(ResourceKind.POOL.looksLike("pool_A1b2")).isTrue();
        assertThat(ResourceKind.POOL.looksLike("ip_A1b2")).isFalse();
        assertThat(ResourceKind.MAILBOX.looksLike("mbx_../../etc")).isFalse();
        assertThat(ResourceKind.SENDING_DOMAIN.looksLike("domain:acme.test")).isFalse();
    }
}
