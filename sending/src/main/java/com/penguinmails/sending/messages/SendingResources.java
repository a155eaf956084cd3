package com.penguinmails.sending.messages;

import com.penguinmails.core.platform.EmailAddresses;
import java.util.List;
import java.util.Optional;

/** What submission needs to know about IP pools and mailboxes: whether the named one exists in the workspace. */
public interface SendingResources {

    boolean poolExists(String workspaceId, String poolId);

    /** The named mailbox's From addresses; empty when the workspace has no such mailbox. */
    Optional<MailboxAddresses> mailboxAddresses(String workspaceId, String mailboxId);

    /** A mailbox's own address and its aliases: the only From addresses mail through it may carry. */
    record MailboxAddresses(String address, List<String> aliases) {

        public MailboxAddresses {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }

        /** {@code from} is one of them: the local part exactly, the domain in any case. */
        public boolean allows(String from) {
            return EmailAddresses.same(address, from) || aliases.stream().anyMatch(alias -> EmailAddresses.same(alias, from));
        }
    }
}
