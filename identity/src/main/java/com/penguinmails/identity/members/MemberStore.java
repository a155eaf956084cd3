package com.penguinmails.identity.members;

import java.util.List;
import java.util.Optional;

/** Members of a workspace with their roles. */
public interface MemberStore {

    void add(Member member);

    Optional<Member> find(String workspaceId, String memberId);

    /** Every member of the workspace, removed ones too (a workspace has tens, not thousands). */
    List<Member> all(String workspaceId);

    /** Writes {@code member} if the stored one still has {@code expectedVersion}; its version becomes one higher. */
    boolean write(Member member, long expectedVersion);
}
