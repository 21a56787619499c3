package org.originhub.hub.audit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import org.originhub.hub.audit.boundary.CheckpointSigner;
import org.originhub.hub.audit.control.AuditCheckpointForm;
import org.originhub.registry.testing.TestPki;

/**
 * A hub key for tests (RSA, self-signed). {@link #HUB} is shared by every test class of the run, because they share
 * one database: checkpoints one class takes must verify in another. Public for the benchmarks (src/bench).
 */
public final class TestCheckpointSigner implements CheckpointSigner {

    public static final TestCheckpointSigner HUB = new TestCheckpointSigner("CN=Test hub key");

    private final TestPki.Issued key;

    TestCheckpointSigner(String subject) {
        this.key = TestPki.selfSigned(subject).keys(TestPki.rsa(2048)).build();
    }

    @Override
    public String algorithm() {
        return "SHA256withRSA";
    }

    @Override
    public byte[] sign(byte[] data) {
        return sign(key.keys(), data);
    }

    @Override
    public X509Certificate certificate() {
        return key.certificate();
    }

    String fingerprint() {
        return AuditCheckpointForm.fingerprint(key.der());
    }

    byte[] der() {
        return key.der();
    }

    static byte[] sign(KeyPair keys, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
