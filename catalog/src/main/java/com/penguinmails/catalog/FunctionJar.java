package com.penguinmails.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of the shaded jar a function is deployed with, as a function's {@code jar:} writes it ({@code api},
 * {@code mail}). The catalog's {@code jars:} section says which Maven module builds each ({@link JarSpec}); what a jar
 * holds follows from that module's dependencies, so a function's jar carries only the capabilities its handlers need.
 */
public record FunctionJar(String name) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public FunctionJar {
        Objects.requireNonNull(name, "jar");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("catalog: jar name '" + name + "' must be lower-case letters, digits and dashes");
        }
    }

    @JsonCreator
    public static FunctionJar fromCatalog(String value) {
        return new FunctionJar(value);
    }

    /** {@code functions-<name>.jar}, under the building module's {@code target/}. */
    public String fileName() {
        return "functions-" + name + ".jar";
    }
}
