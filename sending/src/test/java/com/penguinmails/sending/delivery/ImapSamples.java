package com.penguinmails.sending.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bounce report samples under the repository's {@code events/imap/}, placeholders filled in. */
public final class ImapSamples {

    private ImapSamples() {
    }

    public static String sample(String name, String messageId, String workspaceId, String recipient, String mailboxAddress, String sendingDomain) {
        try {
            return Files.readString(Path.of("..", "events", "imap", name)).replace("MAILBOX_ADDRESS", mailboxAddress)
                    .replace("SENDING_DOMAIN", sendingDomain).replace("MESSAGE_ID", messageId).replace("WORKSPACE_ID", workspaceId)
                    .replace("RECIPIENT", recipient);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
