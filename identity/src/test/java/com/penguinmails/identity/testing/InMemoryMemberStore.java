package com.penguinmails.identity.testing;

import com.penguinmails.identity.members.Member;
import com.penguinmails.identity.members.MemberStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Members in memory; a member id is stored once, as in DynamoDB. */
public final class InMemoryMemberStore implements MemberStore {

    private final Map<String, Member> members = new LinkedHashMap<>();

    @Override
    public synchronized void add(Member member) {
        if (members.putIfAbsent(member.workspaceId() + "#" + member.id(), member.withVersion(1)) != null) {
            throw new IllegalStateException("member " + member.id() + " exists");
        }
    }

    public synchronized List<Member> all() {
        return new ArrayList<>(members.values());
    }

    @Override
    public synchronized java.util.Optional<Member> find(String workspaceId, String memberId) {
        return java.util.Optional.ofNullable(members.get(workspaceId + "#" + memberId));
    }

    @Override
    public synchronized List<Member> all(String workspaceId) {
        return members.values().stream().filter(m -> m.workspaceId().equals(workspaceId)).toList();
    }

    @Override
    public synchronized boolean write(Member member, long expectedVersion) {
        Member stored = members.get(member.workspaceId() + "#" + member.id());
        if (stored == null || stored.version() != expectedVersion) {
            return false;
        }
        members.put(member.workspaceId() + "#" + member.id(), member.withVersion(expectedVersion + 1));
        return true;
    }
}
