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

    public RequestFault(String code, String reason) {
        super(Objects.requireNonNull(reason, "reason"), null, false, false);
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a fault code is a CamelCase word, not " + code);
        }
        this.code = code;
    }

    public String code() {
        return code;
    }

    public QName qname() {
        return new QName(FaultCode.NAMESPACE, code, "hub");
    }
}
