package org.originhub.gatewaykit.client;

import org.originhub.gatewaykit.contract.exchange.Severity;

/**
 * One finding of ValidateDocument.
 *
 * @param code the rule broken, as the fault code SubmitDocument would return (SchemaInvalid, NotParty, ...)
 * @param field where, e.g. {@code CertificateOfOrigin/GoodsItem[2]/HsCode}; may be null
 */
public record Finding(Severity severity, String code, String field, String message) {
}
