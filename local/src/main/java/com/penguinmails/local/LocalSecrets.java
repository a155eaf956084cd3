package com.penguinmails.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.penguinmails.core.platform.Ids;
import com.penguinmails.core.platform.Json;
import com.penguinmails.sending.mailboxes.internal.LocalSecretCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The secrets a local run makes up for itself: the platform-operator key, the key that encrypts mailbox passwords
 * ({@code PM_LOCAL_SECRET_KEY}), the HMAC secret of tracking links, and the bootstrap workspace with its owner's API
 * key. Without a data directory they are new on every start. With one they are made on the first start and kept in
 * {@code <data-dir>/bootstrap.json}, readable only by its owner, because DynamoDB holds only hashes and ciphertexts:
 * without the secrets themselves a restart could neither print the keys again nor read stored mailbox passwords, and
 * links in mail sent before it would stop working.
 */
final class LocalSecrets {

    static final String FILE_NAME = "bootstrap.json";

    /** The file's content; the workspace and owner key are absent until a bootstrap has run with this directory. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Kept(String operatorKey, String mailboxPasswordKey, String trackingSecret, String workspaceId, String ownerApiKey) {

        static Kept generate() {
            return new Kept(OperatorKey.generate().secret(), LocalSecretCipher.newBase64Key(), Ids.randomBase62(43), null, null);
        }

        /** Fills in what an older or hand-edited file lacks. */
        Kept completed() {
            Kept fresh = generate();
            return new Kept(orElse(operatorKey, fresh.operatorKey), orElse(mailboxPasswordKey, fresh.mailboxPasswordKey),
                    orElse(trackingSecret, fresh.trackingSecret), workspaceId, ownerApiKey);
        }

        private static String orElse(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    private final Path file;
    private Kept kept;

    private LocalSecrets(Path file, Kept kept) {
        this.file = file;
        this.kept = kept;
    }

    /** New secrets for this run only if {@code dataDir} is null; otherwise the ones kept there, made on first use. */
    static LocalSecrets load(Path dataDir) {
        if (dataDir == null) {
            return new LocalSecrets(null, Kept.generate());
        }
        Path file = dataDir.resolve(FILE_NAME);
        Kept stored = null;
        if (Files.exists(file)) {
            try {
                stored = Json.STORAGE.readValue(file.toFile(), Kept.class);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + file + " (the keys a data directory keeps): fix or delete it", e);
            }
        }
        Kept complete = stored == null ? Kept.generate() : stored.completed();
        LocalSecrets secrets = new LocalSecrets(file, complete);
        if (!complete.equals(stored)) {
            secrets.write();
        }
        return secrets;
    }

    OperatorKey operatorKey() {
        return new OperatorKey(kept.operatorKey());
    }

    String mailboxPasswordKey() {
        return kept.mailboxPasswordKey();
    }

    String trackingSecret() {
        return kept.trackingSecret();
    }

    /** The workspace an earlier start with this data directory bootstrapped, if any. */
    Optional<Bootstrap.Result> bootstrap() {
        return kept.workspaceId() == null || kept.ownerApiKey() == null ? Optional.empty()
                : Optional.of(new Bootstrap.Result(kept.workspaceId(), kept.ownerApiKey()));
    }

    /** Keeps a new bootstrap workspace and owner key for the next start (nothing to keep without a data directory). */
    void rememberBootstrap(Bootstrap.Result result) {
        kept = new Kept(kept.operatorKey(), kept.mailboxPasswordKey(), kept.trackingSecret(), result.workspaceId(),
                result.ownerApiKey());
        if (file != null) {
            write();
        }
    }

    /** Where the secrets are kept; empty without a data directory. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Written to a private temporary file that then replaces the old one, so a crash never leaves half a file. */
    private void write() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
            Files.deleteIfExists(temporary);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(temporary, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(kept));
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
