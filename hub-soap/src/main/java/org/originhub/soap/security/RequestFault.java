package org.originhub.soap.security;

import java.util.Objects;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;

/**
 * A business refusal an endpoint reports to the caller: a stable code in {@value FaultCode#NAMESPACE} (for example
 * {@code InvalidOnboardingCode}, {@code CertificateExpired}, {@code UnknownGateway}) and a reason written for the
 * member's integrator. Endpoints translate their domain exceptions into this, once per edge; the fault mapping sends
 * it as it is, while every other failure is reduced to the catalogue of {@link FaultCode}.
 */
public class RequestFault extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Za-z0-9]{1,63}");

    private final String code;
    private final boolean audited;

    public RequestFault(String code, String reason) {
        this(code, reason, false);
    }

    /**
     * @param audited true when the domain already wrote the refusal's audit record (in its own transaction), so the
     *     edge's {@link RejectionLog} does not record it twice
     */
    public RequestFault(String code, String reason, boolean audited) {
        super(Objects.requireNonNull(reason, "reason"), null, false, false);
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a fault code is a CamelCase word, not " + code);
        }
        this.code = code;
        this.audited = audited;
    }

    /** Whether the refusal is already in the audit log. */
    public boolean audited() {
        return audited;
    }

    public String code() {
        return code;
    }

    public QName qname() {
        return new QName(FaultCode.NAMESPACE, code, "hub");
    }
}
