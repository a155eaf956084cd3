package com.penguinmails.identity.workspaces;

/** A request for a new tenant with its owner. */
public record NewWorkspace(String name, Owner owner) {

    public record Owner(String email, String name) {}
}
