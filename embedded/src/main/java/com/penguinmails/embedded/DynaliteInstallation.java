package com.penguinmails.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the pinned dynalite that {@link DynaliteServer} runs, in this order: the directory named by
 * {@code PM_DYNALITE_HOME}; the one the Maven build installed it into (recorded in
 * {@code penguinmails-embedded.properties}); otherwise {@code ~/.cache/penguinmails/dynalite-VERSION}, installing it
 * there with {@code npm ci} from the package.json and lock file shipped in this jar. Each directory holds
 * {@code node_modules/dynalite/cli.js}.
 */
final class DynaliteInstallation {

    static final String HOME_ENV = "PM_DYNALITE_HOME";

    private static final String BUILD_PROPERTIES = "/penguinmails-embedded.properties";
    private static final String BUNDLED_PACKAGE = "/com/penguinmails/embedded/dynalite/";
    private static final Pattern PINNED_VERSION = Pattern.compile("\"dynalite\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

    private static Path cli;

    private DynaliteInstallation() {
    }

    /** dynalite's {@code cli.js}, installed first if needed. */
    static synchronized Path cli() {
        if (cli == null) {
            cli = locate();
        }
        return cli;
    }

    private static Path locate() {
        String fromEnv = System.getenv(HOME_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path candidate = cliIn(Path.of(fromEnv).toAbsolutePath());
            if (!Files.isRegularFile(candidate)) {
                throw new IllegalStateException(HOME_ENV + " is " + fromEnv + " but " + candidate
                        + " does not exist: run 'npm ci' there or unset " + HOME_ENV + ".");
            }
            return candidate;
        }
        return buildHome().map(DynaliteInstallation::cliIn).filter(Files::isRegularFile)
                .orElseGet(DynaliteInstallation::installIntoCache);
    }

    private static Optional<Path> buildHome() {
        try (InputStream in = DynaliteInstallation.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return Optional.ofNullable(properties.getProperty("dynalite.home")).map(Path::of);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BUILD_PROPERTIES, e);
        }
    }

    private static Path installIntoCache() {
        String packageJson = bundled("package.json");
        String packageLock = bundled("package-lock.json");
        Path cacheRoot = Path.of(System.getProperty("user.home"), ".cache", "penguinmails");
        Path home = cacheRoot.resolve("dynalite-" + pinnedVersion(packageJson));
        if (Files.isRegularFile(cliIn(home))) {
            return cliIn(home);
        }
        try {
            Files.createDirectories(cacheRoot);
            // Test JVMs of parallel module builds may all get here at once; only one of them installs.
            try (FileChannel channel = FileChannel.open(cacheRoot.resolve(".install.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (!Files.isRegularFile(cliIn(home))) {
                    npmCi(packageJson, packageLock, home);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install dynalite into " + home, e);
        }
        return cliIn(home);
    }

    /** Installs into a staging directory first, so a failed or interrupted install never looks complete. */
    private static void npmCi(String packageJson, String packageLock, Path home) throws IOException {
        Path staging = Files.createTempDirectory(home.getParent(), home.getFileName() + ".staging-");
        try {
            Files.writeString(staging.resolve("package.json"), packageJson);
            Files.writeString(staging.resolve("package-lock.json"), packageLock);
            try (ManagedProcess npm = startNpmCi(staging, home)) {
                int exitCode = npm.awaitExit(NPM_TIMEOUT);
                if (exitCode != 0) {
                    throw new IllegalStateException("'npm ci' for dynalite failed with exit code " + exitCode
                            + " (it needs the npm registry the first time).\n" + npm.output());
                }
            }
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(staging);
            throw e;
        }
    }

    private static ManagedProcess startNpmCi(Path directory, Path home) {
        try {
            // Same command as the Maven build (see pom.xml for why install scripts are skipped).
            return ManagedProcess.start("npm-ci-dynalite",
                    List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), directory);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("dynalite is not installed: the Maven build's copy is missing and "
                    + HOME_ENV + " is not set, so it must be installed into " + home + " with npm. "
                    + e.getMessage(), e);
        }
    }

    private static String bundled(String fileName) {
        try (InputStream in = DynaliteInstallation.class.getResourceAsStream(BUNDLED_PACKAGE + fileName)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_PACKAGE + fileName + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BUNDLED_PACKAGE + fileName, e);
        }
    }

    private static String pinnedVersion(String packageJson) {
        Matcher matcher = PINNED_VERSION.matcher(packageJson);
        if (!matcher.find()) {
            throw new IllegalStateException("The bundled package.json does not pin dynalite");
        }
        return matcher.group(1);
    }

    private static Path cliIn(Path home) {
        return home.resolve("node_modules").resolve("dynalite").resolve("cli.js");
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
