package com.penguinmails.identity.workspaces;

/** Members of a workspace with their roles. */
public interface MemberStore {

    void add(Member member);
}
