package org.originhub.registry.certificates.control;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Reads one certificate or one CRL from what a member uploads: PEM (text around the block is allowed, as openssl
 * prints it) or DER. It is strict on purpose: exactly one object, nothing after it, so that what the registry stores
 * is exactly what the officer saw and approved, and a bundle is never half-read.
 */
public final class CertificateDecoder {

    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String CRL = "X509 CRL";
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END ([A-Z0-9 ]+)-----", Pattern.DOTALL);
    private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN ");
    private static final byte DER_SEQUENCE = 0x30;

    private CertificateDecoder() {
    }

    /**
     * One X.509 certificate from PEM or DER bytes.
     *
     * @throws CertificateRejectedException {@link Refusal#UNPARSEABLE} for empty input, garbage, several
     *         certificates, trailing data, or a PEM block that is not a certificate (a private key above all)
     */
    public static X509Certificate certificate(byte[] encoded) {
        try {
            byte[] der = der(encoded, CERTIFICATE, "certificate");
            ByteArrayInputStream in = new ByteArrayInputStream(der);
            X509Certificate certificate = (X509Certificate) factory().generateCertificate(in);
            requireNothingAfter(in, "certificate");
            return certificate;
        } catch (Unreadable | CertificateException | ClassCastException e) {
            throw new CertificateRejectedException(Refusal.UNPARSEABLE, null, reason(e, "certificate"));
        }
    }

    /**
     * One X.509 CRL from PEM ({@code X509 CRL} block) or DER bytes.
     *
     * @throws CrlRejectedException {@link CrlRefusal#UNPARSEABLE} for empty input, garbage, several CRLs or trailing
     *         data
     */
    public static X509CRL crl(byte[] encoded) {
        try {
            byte[] der = der(encoded, CRL, "CRL");
            ByteArrayInputStream in = new ByteArrayInputStream(der);
            X509CRL crl = (X509CRL) factory().generateCRL(in);
            requireNothingAfter(in, "CRL");
            return crl;
        } catch (Unreadable | CRLException | CertificateException | ClassCastException e) {
            throw new CrlRejectedException(CrlRefusal.UNPARSEABLE, reason(e, "CRL"));
        }
    }

    private static String reason(Exception e, String what) {
        return e instanceof Unreadable ? e.getMessage()
                : "The data is not a valid X.509 " + what + " (" + e.getMessage() + ").";
    }

    private static byte[] der(byte[] encoded, String label, String what) {
        if (encoded == null || encoded.length == 0) {
            throw new Unreadable("The " + what + " data is empty.");
        }
        if (encoded[0] == DER_SEQUENCE) {
            return encoded;
        }
        // ISO-8859-1 maps every byte to one char, so binary garbage cannot break the decoding itself.
        String text = new String(encoded, StandardCharsets.ISO_8859_1);
        List<MatchResult> blocks = PEM_BLOCK.matcher(text).results().toList();
        long begins = PEM_BEGIN.matcher(text).results().count();
        if (begins == 0) {
            throw new Unreadable("The data is neither a PEM nor a DER " + what + ".");
        }
        if (begins != blocks.size()) {
            throw new Unreadable("The PEM data is cut off: a -----BEGIN line has no matching -----END line.");
        }
        List<String> labels = new ArrayList<>();
        for (MatchResult block : blocks) {
            if (!block.group(1).equals(block.group(3))) {
                throw new Unreadable("The PEM block -----BEGIN " + block.group(1) + "----- ends with -----END "
                        + block.group(3) + "-----.");
            }
            labels.add(block.group(1));
        }
        if (labels.stream().anyMatch(l -> l.contains("PRIVATE KEY"))) {
            // Never echo the block: it is a secret that should not have left the member.
            throw new Unreadable("The data contains a private key. Submit only the " + what
                    + "; the private key has left its owner and should be replaced.");
        }
        long wanted = labels.stream().filter(label::equals).count();
        if (wanted == 0) {
            throw new Unreadable("The PEM data holds " + String.join(", ", labels) + " instead of a " + what
                    + " (-----BEGIN " + label + "-----).");
        }
        if (blocks.size() > 1) {
            String found = wanted == blocks.size() ? blocks.size() + " " + what + "s"
                    : blocks.size() + " blocks (" + String.join(", ", labels) + ")";
            throw new Unreadable("The PEM data holds " + found + "; submit exactly one " + what + ".");
        }
        String body = blocks.get(0).group(2).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new Unreadable("The PEM " + what + " is not valid base64 (" + e.getMessage() + ").");
        }
    }

    private static void requireNothingAfter(ByteArrayInputStream in, String what) {
        if (in.available() > 0) {
            throw new Unreadable("The data continues for " + in.available() + " bytes after the " + what
                    + "; submit exactly one " + what + ".");
        }
    }

    private static CertificateFactory factory() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }

    /** Carries a ready-made explanation out of the decoding steps. */
    private static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }
}
