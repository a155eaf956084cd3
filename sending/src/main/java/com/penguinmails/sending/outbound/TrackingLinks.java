package com.penguinmails.sending.outbound;

import com.penguinmails.sending.tracking.TrackingTokens.Claims;
import com.penguinmails.sending.tracking.TrackingTokens.Kind;
import com.penguinmails.sending.tracking.TrackingTokens;

/** Builds the public, signed tracking and unsubscribe URLs for one message. */
public final class TrackingLinks {

    private final String baseUrl;
    private final TrackingTokens tokens;

    /** {@code baseUrl}: where the tracking routes are served, e.g. https://track.example.com or the API URL. */
    public TrackingLinks(String baseUrl, TrackingTokens tokens) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.tokens = tokens;
    }

    public String open(String workspaceId, String messageId, String recipient) {
        return baseUrl + "/t/open/" + tokens.sign(new Claims(Kind.OPEN, workspaceId, messageId, recipient, null));
    }

    public String click(String workspaceId, String messageId, String recipient, String url) {
        return baseUrl + "/t/click/" + tokens.sign(new Claims(Kind.CLICK, workspaceId, messageId, recipient, url));
    }

    public String unsubscribe(String workspaceId, String messageId, String recipient) {
        return baseUrl + "/t/unsubscribe/" + tokens.sign(new Claims(Kind.UNSUBSCRIBE, workspaceId, messageId, recipient, null));
    }

    public String unsubscribeToken(String workspaceId, String messageId, String recipient) {
        return tokens.sign(new Claims(Kind.UNSUBSCRIBE, workspaceId, messageId, recipient, null));
    }
}
