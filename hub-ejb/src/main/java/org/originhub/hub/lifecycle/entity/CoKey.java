package org.originhub.hub.lifecycle.entity;

import java.io.Serializable;
import java.util.Objects;

/** The identity of a CO: its issuing member state and the number its issuer gave it. */
public class CoKey implements Serializable {

    private static final long serialVersionUID = 1L;

    private String issuerMember;
    private String coNumber;

    public CoKey() {
    }

    public CoKey(String issuerMember, String coNumber) {
        this.issuerMember = Objects.requireNonNull(issuerMember);
        this.coNumber = Objects.requireNonNull(coNumber);
    }

    public String issuerMember() {
        return issuerMember;
    }

    public String coNumber() {
        return coNumber;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoKey k && k.issuerMember.equals(issuerMember) && k.coNumber.equals(coNumber);
    }

    @Override
    public int hashCode() {
        return Objects.hash(issuerMember, coNumber);
    }

    @Override
    public String toString() {
        return issuerMember + "/" + coNumber;
    }
}
