package com.penguinmails.functions.http;

import com.penguinmails.core.platform.EmailAddresses;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.sending.domains.DomainService;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a path parameter can look like, known from the collection it follows in the route ({@code /v1/ips/{id}}: an
 * IP's id). A value of another shape cannot name anything of ours, so {@link ApiRequest#pathParameter} answers 404
 * before a store is asked: a 3,000-character id would otherwise reach DynamoDB's key size limit as a 500.
 */
final class PathShapes {

    record Shape(Predicate<String> fits, String example) {}

    private static final Map<String, Shape> BY_COLLECTION = Map.of(
            "api-keys", id("key"),
            "ips", id("ip"),
            "ip-pools", id("pool"),
            "mailboxes", id("mbx"),
            "messages", id("msg"),
            "contacts", new Shape(Pattern.compile("ct_[0-9a-f]{24}").asMatchPredicate(), "ct_000000000000000000000000"),
            "campaigns", id("cmp"),
            "members", id("mem"),
            "domains", new Shape(DomainService::isDomainName, "snapstart-priming.invalid"),
            "suppressions", new Shape(EmailAddresses::isValid, "snapstart-priming@snapstart.invalid"));
    /** Signed tracking tokens: base64url, a dot, base64url; TrackingTokens refuses longer ones. */
    private static final Shape TOKEN = new Shape(Pattern.compile("[A-Za-z0-9_-]{1,8192}(\\.[A-Za-z0-9_-]{1,100})?").asMatchPredicate(),
            "snapstart-priming");
    /** A route added without an entry above still gets a bounded, printable shape. */
    private static final Shape OTHER = new Shape(Pattern.compile("[A-Za-z0-9._@+-]{1,256}").asMatchPredicate(), "snapstart-priming");

    private PathShapes() {
    }

    static Shape of(String routeKey, String parameter) {
        if ("token".equals(parameter)) {
            return TOKEN;
        }
        String[] segments = routeKey.substring(routeKey.indexOf(' ') + 1).split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + parameter + "}")) {
                return BY_COLLECTION.getOrDefault(segments[i - 1], OTHER);
            }
        }
        return OTHER;
    }

    private static Shape id(String prefix) {
        return new Shape(value -> Ids.looksLike(prefix, value), prefix + "_snapstartpriming");
    }
}
