package org.originhub.registry.certificates.control;

import java.util.Objects;
import java.util.Optional;

/**
 * A certificate did not pass the registry's rules. {@link #refusal()} says which rule, {@link #getMessage()} says
 * exactly why in words a secretariat officer can pass on to the member, and {@link #facts()} identifies the refused
 * certificate (by fingerprint) for the audit record when it could be parsed at all.
 */
public class CertificateRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Refusal refusal;
    private final transient CertificateFacts facts;

    public CertificateRejectedException(Refusal refusal, CertificateFacts facts, String message) {
        super(message);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
        this.facts = facts;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** What the refused certificate is; empty when it could not be parsed. */
    public Optional<CertificateFacts> facts() {
        return Optional.ofNullable(facts);
    }
}
