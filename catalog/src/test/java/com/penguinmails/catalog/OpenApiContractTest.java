package com.penguinmails.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the catalog must describe the same routes: neither may gain one alone. */
class OpenApiContractTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void openApiDocumentsExactlyTheCatalogsRoutes() throws Exception {
        JsonNode document;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("penguinmails/openapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Set<String> documented = new TreeSet<>();
        Iterator<String> paths = document.get("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            document.get("paths").get(path).fieldNames().forEachRemaining(method -> {
                if (HTTP_METHODS.contains(method)) {
                    documented.add(method.toUpperCase() + " " + path);
                }
            });
        }
        Set<String> served = FunctionCatalog.load().routes().stream()
                .map(r -> r.route().routeKey()).collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented).isEqualTo(served);
    }

    @Test
    void everyOperationDocumentsItsProblemResponses() throws Exception {
        JsonNode document;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("penguinmails/openapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        document.get("paths").forEach(pathItem -> pathItem.fields().forEachRemaining(operation -> {
            if (HTTP_METHODS.contains(operation.getKey())) {
                assertThat(operation.getValue().at("/responses/default/$ref").asText())
                        .as(operation.getKey() + " " + operation.getValue().get("operationId"))
                        .isEqualTo("#/components/responses/Problem");
            }
        }));
    }
}
