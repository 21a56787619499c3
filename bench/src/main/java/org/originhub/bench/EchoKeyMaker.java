package org.originhub.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import org.originhub.bench.echo.EchoKeys;

/**
 * Makes the bare echo's keys for one bench run, before the hub (and the echo beside it) starts: the echo's key and the
 * bench client's, RSA-2048 from a throw-away CA ({@link BenchPki}), into the folder {@link EchoKeys} describes, with a
 * random password, readable by the owner only. Run by the launcher: {@code java ... EchoKeyMaker FOLDER}.
 */
final class EchoKeyMaker {

    private EchoKeyMaker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: EchoKeyMaker FOLDER");
        }
        make(Path.of(args[0]));
    }

    /** A fresh set of keys in {@code folder} (created, or emptied of an earlier set). */
    static EchoKeys make(Path folder) throws IOException, GeneralSecurityException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        write(folder.resolve(EchoKeys.PASSWORD), new String(password).getBytes(StandardCharsets.US_ASCII));
        BenchPki.Issued ca = BenchPki.ca("CN=Origin Hub bench echo CA");
        BenchPki.Issued server = BenchPki.leaf(ca, "CN=Origin Hub bench echo", BenchPki.rsa());
        BenchPki.Issued client = BenchPki.leaf(ca, "CN=Origin Hub bench echo client", BenchPki.rsa());
        keystore(folder.resolve(EchoKeys.SERVER_KEYSTORE), server, password);
        keystore(folder.resolve(EchoKeys.CLIENT_KEYSTORE), client, password);
        write(folder.resolve(EchoKeys.SERVER_CERTIFICATE), server.pem().getBytes(StandardCharsets.US_ASCII));
        write(folder.resolve(EchoKeys.CLIENT_CERTIFICATE), client.pem().getBytes(StandardCharsets.US_ASCII));
        return new EchoKeys(folder);
    }

    private static void keystore(Path file, BenchPki.Issued issued, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(EchoKeys.ALIAS, issued.keys().getPrivate(), password,
                new java.security.cert.X509Certificate[] {issued.certificate(), issued.issuer()});
        Files.deleteIfExists(file);
        try (OutputStream out = Files.newOutputStream(Files.createFile(file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))))) {
            store.store(out, password);
        }
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        Files.write(Files.createFile(file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), content);
    }
}
