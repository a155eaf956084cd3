package com.penguinmails.core.platform;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an id or a ledger row names, told by a typed value instead of by string prefixes scattered through the code
 * ({@code startsWith("ip_")}). The prefixes themselves are the wire and storage format and stay as they are:
 * {@code ip_...}, {@code pool_...}, {@code mbx_...} are ids made by {@link Ids#newId}; a sending domain's ledger
 * rows are keyed {@code domain:<name>}.
 */
public enum ResourceKind {

    IP("ip_"),
    POOL("pool_"),
    MAILBOX("mbx_"),
    /** Not an id: the key of a sending domain's rows in the send ledger ({@code domain:acme.test}). */
    SENDING_DOMAIN("domain:");

    private final String prefix;

    ResourceKind(String prefix) {
        this.prefix = prefix;
    }

    /** The kind {@code id} names, if any. */
    public static Optional<ResourceKind> of(String id) {
        return id == null ? Optional.empty() : Arrays.stream(values()).filter(kind -> id.startsWith(kind.prefix)).findFirst();
    }

    /** Whether {@code id} names a resource of this kind (it carries this kind's prefix). */
    public boolean names(String id) {
        return id != null && id.startsWith(prefix);
    }

    /** A new random id of this kind ({@code ip_3kTMd9...}); a sending domain is named, never given an id. */
    public String newId() {
        if (this == SENDING_DOMAIN) {
            throw new IllegalStateException("a sending domain is keyed by its name: use key(name)");
        }
        return Ids.newId(idPrefix());
    }

    /**
     * Whether {@code value} could be an id of this kind as {@link #newId} makes them (prefix, then base62 only):
     * anything else names nothing of ours and is turned away before a store is asked.
     */
    public boolean looksLike(String value) {
        return this != SENDING_DOMAIN && Ids.looksLike(idPrefix(), value);
    }

    /** The key of something of this kind named {@code name}: {@code domain:acme.test} for a sending domain. */
    public String key(String name) {
        return prefix + name;
    }

    private String idPrefix() {
        return prefix.substring(0, prefix.length() - 1);
    }
}
