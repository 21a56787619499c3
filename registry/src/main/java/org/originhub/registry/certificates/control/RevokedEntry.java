package org.originhub.registry.certificates.control;

import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.X509CRLEntry;
import java.time.Instant;
import java.util.Objects;

/**
 * One revoked serial number of an anchor's CRL, as imported and as handed back in {@link TrustMaterial}.
 *
 * @param serialHex serial number in hex; normalised to lowercase without leading zeros, so that {@code 0A1B} from
 *        openssl and {@code a1b} from the JDK name the same certificate
 * @param revokedAt when the CA revoked it
 * @param reason the CRL entry's reason code, or null when the entry carries none
 */
public record RevokedEntry(String serialHex, Instant revokedAt, CRLReason reason) {

    public RevokedEntry {
        Objects.requireNonNull(serialHex, "serialHex");
        Objects.requireNonNull(revokedAt, "revokedAt");
        try {
            serialHex = CertificateFacts.serialHex(new BigInteger(serialHex, 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a hex serial number: " + serialHex, e);
        }
    }

    static RevokedEntry of(X509CRLEntry entry) {
        return new RevokedEntry(CertificateFacts.serialHex(entry.getSerialNumber()),
                entry.getRevocationDate().toInstant(), entry.getRevocationReason());
    }

    public BigInteger serialNumber() {
        return new BigInteger(serialHex, 16);
    }
}
