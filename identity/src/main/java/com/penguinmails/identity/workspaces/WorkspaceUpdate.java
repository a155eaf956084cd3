package com.penguinmails.identity.workspaces;

/**
 * The fields a PATCH of the workspace names: a field it leaves out stays as it is, so each value comes with whether
 * it was given at all ({@code null} given means "remove" or "back to the default").
 */
public record WorkspaceUpdate(boolean changesPostalAddress, String postalAddress,
                              boolean changesEventRetentionDays, Integer eventRetentionDays) {
}
