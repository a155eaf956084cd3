package com.penguinmails.functions.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginEntry;
import org.junit.jupiter.api.Test;

/**
 * The function jars carry a trimmed log4j plugin index instead of the merged one. Log4j loads the class of every
 * plugin its index lists when it starts (about 250 of them: JDBC, Kafka, JMS, rolling files...), which was a visible
 * part of a cold start; the functions need only the console appender, the JSON template layout Powertools uses, and
 * what log4j's configuration machinery itself relies on.
 *
 * <p>This test derives the index from the plugin indexes of the log4j jars on the class path and {@link #KEEP}, and
 * fails when the committed file differs (e.g. after a log4j upgrade). To write it anew:
 * {@code mvn -pl functions -am test -Dtest=Log4jPluginIndexTest -Dsurefire.failIfNoSpecifiedTests=false -Dpenguinmails.writePluginIndex=true}.
 */
class Log4jPluginIndexTest {

    static final String INDEX = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";
    private static final Path COMMITTED = Path.of("src/main/resources").resolve(INDEX);

    /** Keeps every plugin of a category. */
    private static final Set<String> ALL = Set.of("*");
    /** Category -> plugin keys kept ({@link #ALL}: the whole category). Keys are log4j's lower-case plugin names. */
    static final Map<String, Set<String>> KEEP = Map.of(
            // log4j2.properties is the only configuration the jars carry; the JSON and XML factories would probe
            // for Jackson and the JDK's XML parser on every start.
            "configurationfactory", Set.of("propertiesconfigurationfactory"),
            "core", Set.of("appender-ref", "appenderref", "appenders", "console", "filters", "logger", "loggers",
                    "root", "properties", "property", "customlevel", "customlevels", "thresholdfilter",
                    "levelrangefilter", "jsontemplatelayout", "eventtemplateadditionalfield", "patternlayout"),
            // Pattern converters for a PatternLayout given with -Dlog4j2.configurationFile (readable local logs).
            "converter", Set.of("datepatternconverter", "levelpatternconverter", "loggerpatternconverter",
                    "messagepatternconverter", "threadpatternconverter", "lineseparatorpatternconverter",
                    "throwablepatternconverter", "extendedthrowablepatternconverter", "rootthrowablepatternconverter",
                    "mdcpatternconverter", "classnamepatternconverter", "highlight", "style", "encode", "maxlength",
                    "notempty", "replace"),
            // The resolvers Powertools' LambdaJsonLayout.json uses, plus the usual ones for a custom template.
            "jsontemplateresolverfactory", Set.of("exceptionresolverfactory", "exceptionrootcauseresolverfactory",
                    "levelresolverfactory", "loggerresolverfactory", "messageresolverfactory",
                    "powertoolsresolverfactory", "threadcontextdataresolverfactory", "threadresolverfactory",
                    "timestampresolverfactory"),
            "jsontemplateresolverinterceptor", ALL,
            "lookup", Set.of("ctx", "date", "env", "java", "main", "sys"),
            "typeconverter", ALL);

    @Test
    void committedIndexIsTheTrimmedIndexOfTheLog4jJarsOnTheClassPath() throws IOException {
        byte[] expected = trimmedIndex();
        if (Boolean.getBoolean("penguinmails.writePluginIndex")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.write(COMMITTED, expected);
        }
        assertThat(Files.exists(COMMITTED)).as("%s exists; see this test's comment to write it", COMMITTED).isTrue();
        assertThat(Files.readAllBytes(COMMITTED))
                .as("%s is out of date with the log4j jars; see this test's comment to write it anew", COMMITTED)
                .isEqualTo(expected);
    }

    @Test
    void everyKeptPluginExistsSoATypoCannotSilentlyDropOne() throws IOException {
        Map<String, Map<String, PluginEntry>> all = jarIndexes().getAllCategories();
        KEEP.forEach((category, keys) -> {
            assertThat(all).as("plugin category %s", category).containsKey(category);
            if (keys != ALL) {
                assertThat(all.get(category).keySet()).as("plugins of category %s", category).containsAll(keys);
            }
        });
    }

    private static byte[] trimmedIndex() throws IOException {
        PluginCache cache = jarIndexes();
        Map<String, Map<String, PluginEntry>> categories = cache.getAllCategories();
        categories.keySet().retainAll(KEEP.keySet());
        categories.forEach((category, entries) -> {
            Set<String> keep = KEEP.get(category);
            if (keep != ALL) {
                entries.keySet().retainAll(keep);
            }
        });
        // Sorted, so the file does not depend on the order jars appear on the class path.
        Map<String, Map<String, PluginEntry>> sorted = new TreeMap<>();
        categories.forEach((category, entries) -> sorted.put(category, new TreeMap<>(entries)));
        categories.clear();
        categories.putAll(sorted);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cache.writeCache(out);
        return out.toByteArray();
    }

    /** The plugin indexes of the jars (log4j-core, the JSON template layout, Powertools), not our own trimmed one. */
    private static PluginCache jarIndexes() throws IOException {
        List<URL> fromJars = new ArrayList<>();
        for (URL url : Collections.list(Log4jPluginIndexTest.class.getClassLoader().getResources(INDEX))) {
            if ("jar".equals(url.getProtocol())) {
                fromJars.add(url);
            }
        }
        assertThat(fromJars).as("log4j plugin indexes in jars on the class path").hasSizeGreaterThanOrEqualTo(3);
        PluginCache cache = new PluginCache();
        cache.loadCacheFiles(Collections.enumeration(fromJars));
        return cache;
    }
}
