package com.penguinmails.analytics.recommendations;

import java.util.function.Consumer;

/** Every workspace's id, page by page, for the scheduled evaluation. */
public interface WorkspaceDirectory {

    void forEachWorkspace(Consumer<String> action);
}
