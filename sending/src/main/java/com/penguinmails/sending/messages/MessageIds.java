package com.penguinmails.sending.messages;

import com.penguinmails.core.platform.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Message ids sort by creation time, so newest-first listing is a reverse query. The recipients of one submission
 * are given ids in groups, {@code msg_<11 base36 millis><9 random><2 digit index>}: a group shares everything but
 * its 26-character prefix's last two digits, which lets the store keep a group's queued recipients in one item (one
 * write for up to {@value #GROUP_SIZE} recipients instead of one each) and still find any of them by id.
 */
public final class MessageIds {

    /** Recipients per group: keeps a group's item small enough to be read for half a read unit. */
    public static final int GROUP_SIZE = 25;
    /** Bytes of recipient data (address and variables) per group, beyond which a new group starts. */
    static final int GROUP_BYTES = 3_000;
    /** Length of a grouped id: "msg_" + 11 + 9 + 2. */
    public static final int GROUPED_LENGTH = 26;
    private static final int PREFIX_LENGTH = GROUPED_LENGTH - 2;

    private MessageIds() {
    }

    /** Ids for recipients whose data take {@code recipientBytes} each, in order: grouped as they come. */
    static List<String> forSubmission(Instant now, List<Integer> recipientBytes) {
        String millis = Long.toString(now.toEpochMilli(), 36);
        String time = "msg_" + "0".repeat(Math.max(0, 11 - millis.length())) + millis;
        List<String> ids = new ArrayList<>(recipientBytes.size());
        String prefix = null;
        int inGroup = 0;
        int bytes = 0;
        for (int size : recipientBytes) {
            if (prefix == null || inGroup == GROUP_SIZE || (inGroup > 0 && bytes + size > GROUP_BYTES)) {
                prefix = time + Ids.randomBase62(9);
                inGroup = 0;
                bytes = 0;
            }
            ids.add(prefix + (inGroup < 10 ? "0" : "") + inGroup);
            inGroup++;
            bytes += size;
        }
        return ids;
    }

    /** The group an id belongs to (its prefix), or empty for an id made before groups (or by hand, in a test). */
    public static java.util.Optional<String> groupOf(String messageId) {
        if (messageId.length() != GROUPED_LENGTH || !messageId.startsWith("msg_")) {
            return java.util.Optional.empty();
        }
        char tens = messageId.charAt(PREFIX_LENGTH);
        char ones = messageId.charAt(PREFIX_LENGTH + 1);
        if (tens < '0' || tens > '9' || ones < '0' || ones > '9') {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(messageId.substring(0, PREFIX_LENGTH));
    }

    /** An id's place in its group (see {@link #groupOf}). */
    public static int indexInGroup(String messageId) {
        return Integer.parseInt(messageId.substring(PREFIX_LENGTH));
    }
}
