package org.originhub.hub.exchange.entity;

/**
 * One finding of {@code Exchanges.validate}: {@code code} is the fault code SubmitDocument would answer with
 * (SchemaInvalid, NotParty, ...), {@code field} the envelope or payload field concerned (an XPath-like name).
 */
public record Finding(Severity severity, String code, String field, String message) {

    public enum Severity { ERROR, WARNING, INFO }

    public static Finding error(String code, String field, String message) {
        return new Finding(Severity.ERROR, code, field, message);
    }
}
