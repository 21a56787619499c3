package org.originhub.soap.security;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The hub's development signing key, for a hub started without {@code HUB_KEYSTORE}: a PKCS#12 keystore generated on
 * first start under {@code HUB_DATA_DIR/keys/} with the JDK's {@code keytool} (RSA 3072, or the size
 * {@code HUB_DEV_KEY_BITS} names; SHA256withRSA, valid two years), with a random password in a file beside it. The
 * folder is readable by the owner only, the keystore readable and writable by the owner, the password file readable
 * by the owner (on file systems with POSIX permissions). Later starts reuse both. Not for production: {@link HubKey}
 * loads a configured keystore instead.
 */
final class DevelopmentHubKey {

    static final String KEYSTORE_FILE = "hub-development-key.p12";
    static final String PASSWORD_FILE = "hub-development-key.password";
    static final String SUBJECT = "CN=Origin Hub development key";
    /** The size of a generated key unless {@link HubKey#DEV_KEY_BITS} names another. */
    static final int DEFAULT_BITS = 3072;
    /** The sizes a development key may have: what an operator would choose between for a production key. */
    static final List<Integer> SIZES = List.of(2048, 3072, 4096);

    private static final Logger LOG = Logger.getLogger(DevelopmentHubKey.class.getName());
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofMinutes(2);

    private DevelopmentHubKey() {
    }

    /**
     * The key size {@link HubKey#DEV_KEY_BITS} names, {@link #DEFAULT_BITS} when unset or blank; anything but one of
     * {@link #SIZES} stops the start.
     */
    static int bits(Optional<String> configured) {
        String value = configured.map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (value == null) {
            return DEFAULT_BITS;
        }
        if (!value.matches("[0-9]{4}") || !SIZES.contains(Integer.parseInt(value))) {
            throw new IllegalStateException(HubKey.DEV_KEY_BITS + " must be one of " + SIZES + ", not '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    /** {@link #openOrGenerate(Path, int)} with a key of {@link #DEFAULT_BITS} when one is generated. */
    static HubKey openOrGenerate(Path dataDir) {
        return openOrGenerate(dataDir, DEFAULT_BITS);
    }

    /**
     * The development key under {@code dataDir/keys/}, generated on first use as an RSA key of {@code bits} (a key
     * there already is used as it is, whatever its size). Several nodes started on one machine with the same data
     * folder share it (a file lock keeps them from generating two).
     */
    static HubKey openOrGenerate(Path dataDir, int bits) {
        Path keys = dataDir.resolve("keys").toAbsolutePath();
        Path keystore = keys.resolve(KEYSTORE_FILE);
        Path passwordFile = keys.resolve(PASSWORD_FILE);
        try {
            createPrivateDirectory(keys);
            try (FileChannel lockFile = FileChannel.open(keys.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                boolean generated = false;
                if (!Files.exists(keystore) || !Files.exists(passwordFile)) {
                    generate(keys, keystore, passwordFile, bits);
                    generated = true;
                }
                HubKey key = HubKey.load(keystore, Files.readString(passwordFile, StandardCharsets.US_ASCII).trim()
                        .toCharArray());
                if (generated) {
                    LOG.warning(() -> "Generated a DEVELOPMENT signing key for the hub at " + keystore + " (RSA "
                            + key.bits() + ", SHA-256 fingerprint " + key.fingerprint() + "). Not for production: set "
                            + HubKey.KEYSTORE + " and " + HubKey.KEYSTORE_PASSWORD + ".");
                } else {
                    LOG.info(() -> "Using the hub's development signing key " + keystore + " (RSA " + key.bits()
                            + ", SHA-256 fingerprint " + key.fingerprint() + ")");
                }
                return key;
            }
        } catch (IOException e) {
            throw new IllegalStateException("The hub's development key under " + keys + " cannot be prepared", e);
        }
    }

    private static void generate(Path keys, Path keystore, Path passwordFile, int bits) throws IOException {
        Path passwordTemp = keys.resolve(PASSWORD_FILE + ".tmp");
        Path keystoreTemp = keys.resolve(KEYSTORE_FILE + ".tmp");
        Files.deleteIfExists(passwordTemp);
        Files.deleteIfExists(keystoreTemp);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        writeOwnerOnly(passwordTemp, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        // The password reaches keytool through the file, never on the command line (visible in the process list).
        List<String> command = List.of(keytool().toString(), "-genkeypair", "-noprompt",
                "-alias", "origin-hub", "-keyalg", "RSA", "-keysize", Integer.toString(bits),
                "-sigalg", "SHA256withRSA",
                "-validity", "730", "-dname", SUBJECT, "-storetype", "PKCS12",
                "-keystore", keystoreTemp.toString(), "-storepass:file", passwordTemp.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool could not generate the hub's development key: "
                        + new String(output, StandardCharsets.UTF_8).trim());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while generating the hub's development key", e);
        }
        restrictToOwner(keystoreTemp, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        restrictToOwner(passwordTemp, PosixFilePermission.OWNER_READ);
        Files.move(passwordTemp, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(keystoreTemp, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path keytool() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path keytool = bin.resolve(System.getProperty("os.name", "").startsWith("Windows") ? "keytool.exe"
                : "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IllegalStateException("No keytool in " + bin + " to generate the hub's development key: "
                    + "set " + HubKey.KEYSTORE + " and " + HubKey.KEYSTORE_PASSWORD + " instead");
        }
        return keytool;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(directory.getParent());
            Files.createDirectory(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void restrictToOwner(Path file, PosixFilePermission... permissions) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(file, Set.of(permissions));
        }
    }
}
