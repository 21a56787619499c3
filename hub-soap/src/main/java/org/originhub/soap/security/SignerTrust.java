package org.originhub.soap.security;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Does the signer's certificate chain to one of the community's current trust anchors? A PKIX check of the one
 * certificate the message carries, at the hub's time. Revocation is the registry's business (a revoked certificate
 * has its status there), so no CRL or OCSP is fetched here.
 */
final class SignerTrust {

    private static final Logger LOG = Logger.getLogger(SignerTrust.class.getName());

    private SignerTrust() {
    }

    static void verify(X509Certificate signer, Collection<X509Certificate> anchors, Instant at) {
        Set<TrustAnchor> trustAnchors = new HashSet<>();
        for (X509Certificate anchor : anchors) {
            trustAnchors.add(new TrustAnchor(anchor, null));
        }
        if (trustAnchors.isEmpty()) {
            throw new UnknownSenderException(FaultCode.CERTIFICATE_NOT_TRUSTED);
        }
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(signer));
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        } catch (CertPathValidatorException e) {
            if (e.getReason() == BasicReason.EXPIRED) {
                throw new SenderNotActiveException(FaultCode.CERTIFICATE_EXPIRED);
            }
            if (e.getReason() == BasicReason.NOT_YET_VALID) {
                throw new SenderNotActiveException(FaultCode.CERTIFICATE_NOT_YET_VALID);
            }
            LOG.log(Level.FINE, "Signer certificate does not chain to a trust anchor", e);
            throw new UnknownSenderException(FaultCode.CERTIFICATE_NOT_TRUSTED);
        } catch (GeneralSecurityException e) {
            LOG.log(Level.FINE, "Signer certificate could not be checked", e);
            throw new UnknownSenderException(FaultCode.CERTIFICATE_NOT_TRUSTED);
        }
    }
}
