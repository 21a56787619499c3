package org.originhub.web.api.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.originhub.registry.errors.InvalidInputException;

/** A certificate or CRL sent in JSON: PEM text as it is, or the DER in base64. The registry parses both. */
final class CertificateText {

    private CertificateText() {
    }

    static byte[] bytes(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("MissingCertificate", "The request needs the " + what
                    + " as PEM text or base64 DER");
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("-----BEGIN")) {
            return trimmed.getBytes(StandardCharsets.US_ASCII);
        }
        try {
            return Base64.getMimeDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("UnparseableCertificate", "The " + what + " is neither PEM text nor "
                    + "base64 DER");
        }
    }
}
