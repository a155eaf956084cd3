package com.penguinmails.sending.messages;

import com.penguinmails.core.platform.Ids;
import java.time.Instant;

/** {@code msg_<11 base36 millis><10 random>}: sorts by creation time, so newest-first listing is a reverse query. */
final class MessageIds {

    private MessageIds() {
    }

    static String next(Instant now) {
        String millis = Long.toString(now.toEpochMilli(), 36);
        return "msg_" + "0".repeat(Math.max(0, 11 - millis.length())) + millis + Ids.randomBase62(10);
    }
}
