package com.penguinmails.identity.testing;

import com.penguinmails.identity.workspaces.Member;
import com.penguinmails.identity.workspaces.MemberStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Members in memory; a member id is stored once, as in DynamoDB. */
public final class InMemoryMemberStore implements MemberStore {

    private final Map<String, Member> members = new LinkedHashMap<>();

    @Override
    public synchronized void add(Member member) {
        if (members.putIfAbsent(member.workspaceId() + "#" + member.id(), member) != null) {
            throw new IllegalStateException("member " + member.id() + " exists");
        }
    }

    public synchronized List<Member> all() {
        return new ArrayList<>(members.values());
    }
}
