package com.penguinmails.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns catalog names into construct ids, so logical ids read {@code TablesApiKeys...} rather than {@code Tablesapikeys...}. */
final class Names {

    private Names() {
    }

    /** {@code api-key-secrets} becomes {@code ApiKeySecrets}. */
    static String pascalCase(String catalogName) {
        return Arrays.stream(catalogName.split("[^A-Za-z0-9]+"))
                .filter(part -> !part.isEmpty())
                .map(part -> part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1))
                .collect(Collectors.joining());
    }
}
