package org.originhub.gatewaykit.client;

import javax.xml.namespace.QName;

/**
 * The hub refused a request with a SOAP fault, signed by the hub. Branch on {@link #code()} (stable, listed in the
 * header comment of {@code exchange.wsdl}: {@code SchemaInvalid}, {@code NotParty}, {@code Duplicate}, ...); show
 * {@link #reason()} to people (it says what to fix).
 */
public class HubFaultException extends RuntimeException {

    /** Namespace of the hub's fault codes. */
    public static final String FAULT_NAMESPACE = "urn:originhub:faults:v1";

    private static final long serialVersionUID = 1L;

    private final QName faultCode;
    private final String reason;

    public HubFaultException(QName faultCode, String reason) {
        super(faultCode.getLocalPart() + ": " + reason);
        this.faultCode = faultCode;
        this.reason = reason;
    }

    /** The fault code's local part, e.g. {@code SchemaInvalid}. */
    public String code() {
        return faultCode.getLocalPart();
    }

    /** The full fault code; its namespace is {@value #FAULT_NAMESPACE} for the hub's own codes. */
    public QName faultCode() {
        return faultCode;
    }

    /** True when the code is one of the hub's ({@value #FAULT_NAMESPACE}), not a generic SOAP code. */
    public boolean isHubCode() {
        return FAULT_NAMESPACE.equals(faultCode.getNamespaceURI());
    }

    /** The fault string: what the hub says to fix. */
    public String reason() {
        return reason;
    }
}
