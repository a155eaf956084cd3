package com.penguinmails.identity.members;

import com.penguinmails.core.auth.Scopes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A member's role, and the one table of what each may do: the scopes a role holds. A member's API keys never hold
 * more than the member's role (the authorizer caps them on every request, from the member's current role), and a
 * member acts only on members and keys whose role ranks no higher than their own.
 *
 * <ul>
 *   <li>owner: everything, including owners and the workspace itself;</li>
 *   <li>admin: everything but owners: sending infrastructure, members up to admin, keys, settings;</li>
 *   <li>member: runs the mail (contacts, campaigns, messages, suppressions, workflows, channel events), decides
 *       approvals a policy gives to members, and reads everything; makes keys within that;</li>
 *   <li>viewer: reads everything, changes nothing.</li>
 * </ul>
 */
public enum Role {
    VIEWER(1), MEMBER(2), ADMIN(3), OWNER(4);

    /** What a member may change besides reading everything. */
    private static final List<String> MEMBER_MANAGES = List.of("contacts:manage", "campaigns:manage", "messages:send",
            "suppressions:manage", "workflows:manage", "channel-events:manage", "api-keys:manage", "approvals:manage", "events:read");

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(value)).findFirst();
    }

    /** Whether this role ranks at least as high as {@code other}: who may act on a member or key of that role. */
    public boolean atLeast(Role other) {
        return rank >= other.rank;
    }

    /** The scopes this role holds, as {@link Scopes} spells them. */
    public List<String> scopes() {
        return switch (this) {
            case OWNER, ADMIN -> List.of(Scopes.FULL);
            case MEMBER -> {
                List<String> scopes = new ArrayList<>(reads());
                MEMBER_MANAGES.forEach(scope -> {
                    if (!scopes.contains(scope)) {
                        scopes.add(scope);
                    }
                });
                yield List.copyOf(scopes);
            }
            case VIEWER -> reads();
        };
    }

    /** Whether a holder of this role may do what {@code scope} guards. */
    public boolean allows(String scope) {
        return Scopes.allows(scopes(), scope);
    }

    /** Of {@code requested}, the scopes this role lets a key use (the rest are dropped, never granted). */
    public List<String> cap(List<String> requested) {
        if (this == OWNER || this == ADMIN) {
            return List.copyOf(requested);
        }
        if (requested.contains(Scopes.FULL)) {
            return scopes();
        }
        return requested.stream().filter(this::allows).toList();
    }

    private static List<String> reads() {
        return Scopes.GRANTABLE.stream().filter(s -> s.endsWith(":read")).toList();
    }
}
