package com.penguinmails.identity.apikeys;

import java.util.List;
import java.util.Optional;

/**
 * What the keys need to know about the members who made them, without depending on members: the scopes a member's
 * key may use now (the member's role caps them; nothing once the member is removed), and whether one member may act
 * on what another made (a key may not rotate or revoke the key of someone whose role ranks higher).
 */
public interface KeyHolders {

    /** Of {@code keyScopes}, those the member's current role allows; empty when the member is no longer active. */
    Optional<List<String>> usableScopes(String workspaceId, String memberId, List<String> keyScopes);

    /** Whether {@code actorMemberId} ranks at least as high as {@code targetMemberId} in the workspace. */
    boolean mayActOn(String workspaceId, String actorMemberId, String targetMemberId);

    /** For keys without members (tests of the keys alone): every key keeps its scopes, nobody outranks anybody. */
    KeyHolders NONE = new KeyHolders() {
        @Override
        public Optional<List<String>> usableScopes(String workspaceId, String memberId, List<String> keyScopes) {
            return Optional.of(keyScopes);
        }

        @Override
        public boolean mayActOn(String workspaceId, String actorMemberId, String targetMemberId) {
            return true;
        }
    };
}
