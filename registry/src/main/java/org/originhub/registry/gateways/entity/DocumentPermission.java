package org.originhub.registry.gateways.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Locale;
import java.util.Objects;
import org.originhub.registry.errors.InvalidInputException;

/** One permission of a gateway: send or receive one document type. Written "SEND:CERTIFICATE_OF_ORIGIN". */
@Embeddable
public class DocumentPermission {

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false, length = 8)
    private Direction direction;

    @Enumerated(EnumType.STRING)
    @Column(name = "document_type", nullable = false, length = 40)
    private DocumentType documentType;

    protected DocumentPermission() {
    }

    public DocumentPermission(Direction direction, DocumentType documentType) {
        this.direction = Objects.requireNonNull(direction);
        this.documentType = Objects.requireNonNull(documentType);
    }

    public static DocumentPermission parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().toUpperCase(Locale.ROOT).split(":");
        try {
            if (parts.length == 2) {
                return new DocumentPermission(Direction.valueOf(parts[0]), DocumentType.valueOf(parts[1]));
            }
        } catch (IllegalArgumentException e) {
            // fall through to the specific message below
        }
        throw new InvalidInputException("InvalidDocumentPermission", "A document permission is DIRECTION:TYPE with "
                + "DIRECTION SEND or RECEIVE and TYPE one of " + java.util.Arrays.toString(DocumentType.values())
                + ", not '" + text + "'");
    }

    public Direction direction() {
        return direction;
    }

    public DocumentType documentType() {
        return documentType;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DocumentPermission p && p.direction == direction && p.documentType == documentType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(direction, documentType);
    }

    @Override
    public String toString() {
        return direction + ":" + documentType;
    }
}
