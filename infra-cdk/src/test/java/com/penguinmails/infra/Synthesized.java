package com.penguinmails.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.catalog.FunctionCatalog;
import com.penguinmails.catalog.FunctionJar;
import com.penguinmails.catalog.JarSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * A stack synthesized the way {@code npx cdk synth} does it (same entry point, cdk-nag, and cdk.json context),
 * with a dummy jar as the functions' code. Synthesis boots jsii and takes seconds, so the stacks built from the
 * real catalog are shared by every test class. {@link Template#fromStack} also refuses a template whose resources
 * refer to each other in a loop ("Template is undeployable ... dependency cycle"), which synthesis alone lets
 * through.
 */
record Synthesized(PenguinMailsStack stack, Template template) {

    private static final Map<DeploymentStage, Synthesized> FROM_CATALOG = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dummyJars;

    /** The stack for {@code stage}, built from the real catalog. */
    static Synthesized of(DeploymentStage stage) {
        return FROM_CATALOG.computeIfAbsent(stage, s -> synthesize(s, FunctionCatalog.load()));
    }

    static Synthesized synthesize(DeploymentStage stage, FunctionCatalog catalog) {
        App app = App.Builder.create().context(cdkJsonContext()).build();
        PenguinMailsStack stack = PenguinMailsApp.define(app,
                new PenguinMailsStack.Props(stage, catalog, dummyJars(catalog)));
        return new Synthesized(stack, Template.fromStack(stack));
    }

    /** A catalog written in a test. */
    static FunctionCatalog parseCatalog(String yaml) {
        try {
            return FunctionCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The logical id CloudFormation knows a construct's main resource by. */
    String logicalId(IConstruct construct) {
        return stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }

    /** The Properties of the {@code type} resource called {@code logicalId}. */
    Map<String, Object> properties(String type, String logicalId) {
        Map<String, Object> resource = template.findResources(type).get(logicalId);
        if (resource == null) {
            throw new AssertionError("no " + type + " named " + logicalId);
        }
        return map(resource.get("Properties"));
    }

    /** The Properties of every {@code type} resource. */
    List<Map<String, Object>> allProperties(String type) {
        return template.findResources(type).values().stream().map(r -> map(r.get("Properties"))).toList();
    }

    /** The one inline policy attached to the role of the catalog function called {@code function}. */
    Map<String, Object> functionPolicy(String function) {
        String role = logicalId(stack.functions().function(function).role());
        List<Map<String, Object>> policies = allProperties("AWS::IAM::Policy").stream()
                .filter(properties -> properties.get("Roles").equals(List.of(Map.of("Ref", role))))
                .toList();
        if (policies.size() != 1) {
            throw new AssertionError(function + " has " + policies.size() + " policies, expected exactly one");
        }
        return policies.get(0);
    }

    /** The statements of {@link #functionPolicy}. */
    List<Map<String, Object>> functionStatements(String function) {
        List<?> statements = (List<?>) map(functionPolicy(function).get("PolicyDocument")).get("Statement");
        return statements.stream().map(Synthesized::map).toList();
    }

    /** Every IAM action the function's role is allowed. */
    Set<String> functionActions(String function) {
        Set<String> actions = new TreeSet<>();
        functionStatements(function).forEach(statement -> actions.addAll(strings(statement.get("Action"))));
        return actions;
    }

    /** The environment variables of the catalog function called {@code function}. */
    Map<String, Object> functionVariables(String function) {
        Map<String, Object> properties = properties("AWS::Lambda::Function",
                logicalId(stack.functions().function(function).function()));
        return map(map(properties.get("Environment")).get("Variables"));
    }

    /** A JSON value that is either one string or a list of them, such as an IAM statement's Action. */
    static List<String> strings(Object stringOrList) {
        if (stringOrList == null) {
            return List.of();
        }
        return stringOrList instanceof List<?> list ? list.stream().map(Object::toString).toList()
                : List.of(stringOrList.toString());
    }

    /** A JSON object from the template, such as a property value. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object jsonObject) {
        return (Map<String, Object>) jsonObject;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cdkJsonContext() {
        try {
            return (Map<String, Object>) JSON.readValue(Path.of("cdk.json").toFile(), Map.class).get("context");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory with a stand-in for each shaded jar, each with its own content so each is its own asset. */
    private static synchronized Path dummyJars(FunctionCatalog catalog) {
        if (dummyJars == null) {
            try {
                Path dir = Files.createTempDirectory("infra-cdk-test");
                dir.toFile().deleteOnExit();
                for (JarSpec spec : catalog.jars()) {
                    FunctionJar jar = spec.name();
                    Path file = dir.resolve(spec.path());
                    Files.createDirectories(file.getParent());
                    try (OutputStream out = Files.newOutputStream(file);
                         ZipOutputStream zip = new ZipOutputStream(out)) {
                        zip.putNextEntry(new ZipEntry("placeholder.txt"));
                        zip.write(("stands in for " + jar.fileName()).getBytes());
                        zip.closeEntry();
                    }
                    file.toFile().deleteOnExit();
                }
                dummyJars = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dummyJars;
    }
}
