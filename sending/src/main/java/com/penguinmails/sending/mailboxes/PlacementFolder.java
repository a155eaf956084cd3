package com.penguinmails.sending.mailboxes;

/** Where a receiving mailbox's provider filed a message: what inbox placement is measured in. */
public enum PlacementFolder {
    INBOX("inbox"),
    /** A spam or junk folder (found by its {@code \Junk} attribute or its name). */
    SPAM("spam"),
    /** Any other folder (promotions, archive, a rule's folder). */
    OTHER("other");

    private final String wireName;

    PlacementFolder(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in events and the API. */
    public String wireName() {
        return wireName;
    }
}
