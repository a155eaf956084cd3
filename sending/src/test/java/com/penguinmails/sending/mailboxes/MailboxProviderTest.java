package com.penguinmails.sending.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxProviderTest {

    @ParameterizedTest
    @CsvSource({
        "ann@gmail.com, GMAIL",
        "ann@googlemail.com, GMAIL",
        "Ann@GMail.COM, GMAIL",
        "gmail.com, GMAIL",
        "bob@outlook.com, MICROSOFT",
        "bob@hotmail.com, MICROSOFT",
        "bob@hotmail.co.uk, MICROSOFT",
        "bob@live.com, MICROSOFT",
        "bob@msn.com, MICROSOFT",
        "bob@office365.com, MICROSOFT",
        "cy@yahoo.com, YAHOO",
        "cy@yahoo.fr, YAHOO",
        "cy@ymail.com, YAHOO",
        "cy@aol.com, YAHOO",
        "di@icloud.com, APPLE",
        "di@me.com, APPLE",
        "di@mac.com, APPLE",
        "ed@example.com, OTHER",
        "ed@mail.gmail.example, OTHER",
        "ed@gmail.com., GMAIL",
        "ed@me.example.org, OTHER",
        "ed@live.example.com, OTHER",
        "ed@yahoo.co.jp, YAHOO"
    })
    void tellsTheProviderFromTheDomain(String address, MailboxProvider expected) {
        assertThat(MailboxProvider.of(address)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "nobody@", "localhost"})
    void oddInputIsOtherNotAnError(String address) {
        assertThat(MailboxProvider.of(address)).isEqualTo(MailboxProvider.OTHER);
    }

    @ParameterizedTest
    @CsvSource({"GMAIL, gmail", "MICROSOFT, microsoft", "YAHOO, yahoo", "APPLE, apple", "OTHER, other"})
    void wireNamesMatchTheContract(MailboxProvider provider, String wireName) {
        assertThat(provider.wireName()).isEqualTo(wireName);
    }
}
