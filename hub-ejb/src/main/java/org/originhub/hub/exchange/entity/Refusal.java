package org.originhub.hub.exchange.entity;

/** Why the hub refuses an exchange request; {@link #code()} is the stable fault code of the exchange contract. */
public enum Refusal {
    SCHEMA_INVALID("SchemaInvalid"),
    UNKNOWN_RECIPIENT("UnknownRecipient"),
    NOT_PARTY("NotParty"),
    TYPE_NOT_ALLOWED("TypeNotAllowed"),
    DUPLICATE("Duplicate"),
    UNKNOWN_REFERENCE("UnknownReference"),
    TOO_LARGE("TooLarge"),
    SENDER_MISMATCH("SenderMismatch"),
    INVALID_REQUEST("InvalidRequest"),
    SERVICE_UNAVAILABLE("ServiceUnavailable");

    private final String code;

    Refusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
