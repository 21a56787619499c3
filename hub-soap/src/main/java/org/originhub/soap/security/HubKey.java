package org.originhub.soap.security;

import java.io.IOException;
import java.io.InputStream;
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
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.security.auth.callback.CallbackHandler;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.eclipse.microprofile.config.Config;

/**
 * The hub's signing key: what it signs its responses and faults with, and what gateways pin as the hub's identity.
 *
 * <p>Production names a PKCS#12 keystore with {@code HUB_KEYSTORE} and {@code HUB_KEYSTORE_PASSWORD} (environment or
 * any MicroProfile Config source); it must hold exactly one private key (RSA, at least 2048 bits) with its
 * certificate, protected by the store password. In development, when no keystore is named, a key is generated on
 * first start under {@code HUB_DATA_DIR/keys/} (default {@code ./var}) with the JDK's {@code keytool}, with a random
 * password in a file beside it, both readable by the owner only; later starts reuse it. Neither ever goes into git
 * or the WAR.
 */
public final class HubKey {

    public static final String KEYSTORE = "HUB_KEYSTORE";
    public static final String KEYSTORE_PASSWORD = "HUB_KEYSTORE_PASSWORD";
    public static final String DATA_DIR = "HUB_DATA_DIR";
    /** The algorithm of {@link #sign(byte[])}. */
    public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    static final String DEFAULT_DATA_DIR = "./var";
    static final String DEVELOPMENT_KEYSTORE = "hub-development-key.p12";
    static final String DEVELOPMENT_PASSWORD = "hub-development-key.password";
    static final String DEVELOPMENT_SUBJECT = "CN=Origin Hub development key";

    private static final Logger LOG = Logger.getLogger(HubKey.class.getName());
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private final KeyStore keyStore;
    private final String alias;
    private final char[] password;
    private final X509Certificate certificate;
    private final String fingerprint;
    private final PrivateKey privateKey;
    private final Crypto crypto;

    private HubKey(KeyStore keyStore, String alias, char[] password, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.alias = alias;
        this.password = password;
        this.certificate = certificate;
        this.fingerprint = SecurityProfile.fingerprint(certificate);
        // Unlocked once: a PKCS#12 key is protected by PBKDF2, and unlocking it for every signature cost 15% of the
        // hub's CPU under load (./hub bench profile).
        try {
            this.privateKey = (PrivateKey) keyStore.getKey(alias, password);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("The hub key " + alias + " cannot be unlocked", e);
        }
        this.crypto = new UnlockedCrypto();
    }

    /** The key named by the hub's configuration, or the development key when none is named. */
    public static HubKey fromConfig(Config config) {
        return resolve(config.getOptionalValue(KEYSTORE, String.class),
                config.getOptionalValue(KEYSTORE_PASSWORD, String.class),
                config.getOptionalValue(DATA_DIR, String.class));
    }

    static HubKey resolve(Optional<String> keystore, Optional<String> password, Optional<String> dataDir) {
        Optional<String> named = keystore.filter(s -> !s.isBlank());
        if (named.isPresent()) {
            String secret = password.orElseThrow(() -> new IllegalStateException(
                    KEYSTORE + " is set but " + KEYSTORE_PASSWORD + " is not: the hub cannot open its signing key"));
            HubKey key = load(Path.of(named.get()), secret.toCharArray());
            LOG.info(() -> "Hub signing key loaded from " + named.get() + ", certificate " + key.subject()
                    + ", SHA-256 fingerprint " + key.fingerprint());
            return key;
        }
        return development(Path.of(dataDir.filter(s -> !s.isBlank()).orElse(DEFAULT_DATA_DIR)));
    }

    /** Loads a PKCS#12 keystore holding exactly one private key, protected by {@code password}. */
    public static HubKey load(Path keystore, char[] password) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            // The exception text may name the file but never holds the password.
            throw new IllegalStateException("The hub keystore " + keystore + " cannot be opened (missing file, not "
                    + "PKCS#12, or wrong " + KEYSTORE_PASSWORD + ")", e);
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.size() != 1) {
                throw new IllegalStateException("The hub keystore " + keystore + " must hold exactly one private key, "
                        + "it holds " + keyAliases.size());
            }
            String alias = keyAliases.get(0);
            Certificate certificate = store.getCertificate(alias);
            if (!(certificate instanceof X509Certificate x509)
                    || !(store.getKey(alias, password) instanceof PrivateKey)) {
                throw new IllegalStateException("The hub keystore " + keystore + " has no usable key and X.509 "
                        + "certificate under '" + alias + "'");
            }
            if (!(x509.getPublicKey() instanceof RSAPublicKey rsa)
                    || rsa.getModulus().bitLength() < SecurityProfile.MIN_RSA_BITS) {
                throw new IllegalStateException("The hub key must be RSA of at least " + SecurityProfile.MIN_RSA_BITS
                        + " bits (the profile signs with RSA-SHA256)");
            }
            HubKey key = new HubKey(store, alias, password.clone(), x509);
            key.warnIfExpiring();
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The hub keystore " + keystore + " cannot be read", e);
        }
    }

    /**
     * The development key under {@code dataDir/keys/}, generated on first use. Several nodes started on one machine
     * with the same data folder share it (a file lock keeps them from generating two).
     */
    public static HubKey development(Path dataDir) {
        Path keys = dataDir.resolve("keys").toAbsolutePath();
        Path keystore = keys.resolve(DEVELOPMENT_KEYSTORE);
        Path passwordFile = keys.resolve(DEVELOPMENT_PASSWORD);
        try {
            createPrivateDirectory(keys);
            try (FileChannel lockFile = FileChannel.open(keys.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                boolean generated = false;
                if (!Files.exists(keystore) || !Files.exists(passwordFile)) {
                    generate(keys, keystore, passwordFile);
                    generated = true;
                }
                HubKey key = load(keystore, Files.readString(passwordFile, StandardCharsets.US_ASCII).trim()
                        .toCharArray());
                if (generated) {
                    LOG.warning(() -> "Generated a DEVELOPMENT signing key for the hub at " + keystore
                            + " (SHA-256 fingerprint " + key.fingerprint() + "). Not for production: set "
                            + KEYSTORE + " and " + KEYSTORE_PASSWORD + ".");
                } else {
                    LOG.info(() -> "Using the hub's development signing key " + keystore + " (SHA-256 fingerprint "
                            + key.fingerprint() + ")");
                }
                return key;
            }
        } catch (IOException e) {
            throw new IllegalStateException("The hub's development key under " + keys + " cannot be prepared", e);
        }
    }

    private static void generate(Path keys, Path keystore, Path passwordFile) throws IOException {
        Path passwordTemp = keys.resolve(DEVELOPMENT_PASSWORD + ".tmp");
        Path keystoreTemp = keys.resolve(DEVELOPMENT_KEYSTORE + ".tmp");
        Files.deleteIfExists(passwordTemp);
        Files.deleteIfExists(keystoreTemp);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        writeOwnerOnly(passwordTemp, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        // The password reaches keytool through the file, never on the command line (visible in the process list).
        List<String> command = List.of(keytool().toString(), "-genkeypair", "-noprompt",
                "-alias", "origin-hub", "-keyalg", "RSA", "-keysize", "3072", "-sigalg", "SHA256withRSA",
                "-validity", "730", "-dname", DEVELOPMENT_SUBJECT, "-storetype", "PKCS12",
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
                    + "set " + KEYSTORE + " and " + KEYSTORE_PASSWORD + " instead");
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

    private void warnIfExpiring() {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isBefore(Instant.now().plus(EXPIRY_WARNING))) {
            LOG.warning(() -> "The hub's signing certificate " + subject() + " expires " + notAfter
                    + ": gateways must be given its successor before then");
        }
    }

    /** The hub's certificate, as gateways receive it to verify the hub's signatures. */
    /**
     * Signs {@code data} with the hub's key (SHA256withRSA): for documents that must stay verifiable after the SOAP
     * exchange, such as the directory a gateway caches. The key itself never leaves this class.
     */
    public byte[] sign(byte[] data) {
        try {
            java.security.Signature signature = java.security.Signature.getInstance(SIGNATURE_ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("The hub key could not sign a document", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the certificate's DER encoding, lowercase hex. */
    public String fingerprint() {
        return fingerprint;
    }

    String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    String alias() {
        return alias;
    }

    /** A WSS4J crypto holding the key, for signing only; one for the hub's life, with the key already unlocked. */
    Crypto crypto() {
        return crypto;
    }

    /** Merlin over the hub's keystore that hands out the unlocked key instead of unlocking it on every signature. */
    private final class UnlockedCrypto extends Merlin {

        UnlockedCrypto() {
            setKeyStore(keyStore);
        }

        @Override
        public PrivateKey getPrivateKey(String identifier, String keyPassword)
                throws org.apache.wss4j.common.ext.WSSecurityException {
            return alias.equals(identifier) ? privateKey : super.getPrivateKey(identifier, keyPassword);
        }

        @Override
        public PrivateKey getPrivateKey(X509Certificate x509, CallbackHandler callbackHandler)
                throws org.apache.wss4j.common.ext.WSSecurityException {
            return certificate.equals(x509) ? privateKey : super.getPrivateKey(x509, callbackHandler);
        }
    }

    /** Hands WSS4J the key's password when it asks for the hub's alias, and nothing else. */
    CallbackHandler passwordCallback() {
        return callbacks -> {
            for (javax.security.auth.callback.Callback callback : callbacks) {
                if (callback instanceof WSPasswordCallback passwordCallback
                        && alias.equals(passwordCallback.getIdentifier())) {
                    passwordCallback.setPassword(new String(password));
                }
            }
        };
    }

    @Override
    public String toString() {
        return "HubKey[" + subject() + ", sha256=" + fingerprint + "]";
    }
}
