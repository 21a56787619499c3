package org.originhub.soap.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
 * certificate, protected by the store password. In development, when no keystore is named, the
 * {@link DevelopmentHubKey} under {@code HUB_DATA_DIR/keys/} (default {@code ./var}) is used, generated on first
 * start ({@code HUB_DEV_KEY_BITS} bits, 3072 unless set). Neither ever goes into git or the WAR.
 */
public final class HubKey {

    public static final String KEYSTORE = "HUB_KEYSTORE";
    public static final String KEYSTORE_PASSWORD = "HUB_KEYSTORE_PASSWORD";
    public static final String DATA_DIR = "HUB_DATA_DIR";
    /** The size of a development key when it is generated: 2048, 3072 (the default) or 4096 bits. */
    public static final String DEV_KEY_BITS = "HUB_DEV_KEY_BITS";
    /** The algorithm of {@link #sign(byte[])}. */
    public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    static final String DEFAULT_DATA_DIR = "./var";

    private static final Logger LOG = Logger.getLogger(HubKey.class.getName());
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
        // Unlocked once: a PKCS#12 key is protected by PBKDF2, which is slow on purpose; unlocking it for every
        // signature would cost more than the signature itself.
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
                config.getOptionalValue(DATA_DIR, String.class), config.getOptionalValue(DEV_KEY_BITS, String.class));
    }

    static HubKey resolve(Optional<String> keystore, Optional<String> password, Optional<String> dataDir) {
        return resolve(keystore, password, dataDir, Optional.empty());
    }

    static HubKey resolve(Optional<String> keystore, Optional<String> password, Optional<String> dataDir,
            Optional<String> devKeyBits) {
        Optional<String> named = keystore.filter(s -> !s.isBlank());
        if (named.isPresent()) {
            String secret = password.orElseThrow(() -> new IllegalStateException(
                    KEYSTORE + " is set but " + KEYSTORE_PASSWORD + " is not: the hub cannot open its signing key"));
            HubKey key = load(Path.of(named.get()), secret.toCharArray());
            LOG.info(() -> "Hub signing key loaded from " + named.get() + ", certificate " + key.subject()
                    + ", SHA-256 fingerprint " + key.fingerprint());
            return key;
        }
        return DevelopmentHubKey.openOrGenerate(Path.of(dataDir.filter(s -> !s.isBlank()).orElse(DEFAULT_DATA_DIR)),
                DevelopmentHubKey.bits(devKeyBits));
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

    private void warnIfExpiring() {
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isBefore(Instant.now().plus(EXPIRY_WARNING))) {
            LOG.warning(() -> "The hub's signing certificate " + subject() + " expires " + notAfter
                    + ": gateways must be given its successor before then");
        }
    }

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

    /** The hub's certificate, as gateways receive it to verify the hub's signatures. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the certificate's DER encoding, lowercase hex. */
    /** The size of the key's RSA modulus ({@link #load} accepts RSA keys only). */
    int bits() {
        return ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength();
    }

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
