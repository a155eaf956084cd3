package com.penguinmails.sending.messages;

import java.util.Map;

/**
 * What a submission sends, shared by all its recipients and stored once: sender, subject and body templates,
 * extra headers, tracking choices, and the workspace's postal address as it was when the mail was accepted (the
 * footer CAN-SPAM asks for). Per-recipient variables live on each message.
 */
public record Content(String id, String workspaceId, String from, String replyTo, String subject, String html, String text,
                      Map<String, String> headers, boolean trackOpens, boolean trackClicks, String postalAddress) {

    public Content {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
