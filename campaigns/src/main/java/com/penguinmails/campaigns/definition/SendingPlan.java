package com.penguinmails.campaigns.definition;

import java.util.List;

/**
 * What a campaign sends through: an IP pool (then {@code from} is required) or mailboxes in rotation (each contact
 * keeps the mailbox of its first email, so a thread never changes sender; the mailbox's own address is the From).
 */
public record SendingPlan(String ipPool, List<String> mailboxes, String from) {

    public SendingPlan {
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
    }

    /** The mailbox a contact is given: spread evenly, the same for the same contact. */
    public String mailboxFor(String contactId) {
        return mailboxes.get(Math.floorMod(contactId.hashCode(), mailboxes.size()));
    }
}
