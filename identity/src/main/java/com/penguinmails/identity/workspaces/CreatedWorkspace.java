package com.penguinmails.identity.workspaces;

import com.penguinmails.identity.members.Member;

import com.penguinmails.identity.apikeys.IssuedApiKey;

/** A new workspace, its owner, and the owner's first full-access key (secret shown once). */
public record CreatedWorkspace(Workspace workspace, Member owner, IssuedApiKey ownerKey) {
}
