package com.penguinmails.catalog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One function jar and the Maven module that shades it: {@code <module>/target/functions-<name>.jar}. A module's
 * dependencies decide which capabilities (and libraries) the jar carries; PackagedJarsTest checks that every function
 * can reach all it needs inside its jar.
 */
public record JarSpec(FunctionJar name, String module, String description) {

    public JarSpec {
        Objects.requireNonNull(name, "catalog: a jar needs a name");
        Objects.requireNonNull(module, "catalog: jar " + name.name() + " needs the module that builds it");
    }

    /** Relative to the repository root. */
    public Path path() {
        return Path.of(module, "target", name.fileName());
    }
}
