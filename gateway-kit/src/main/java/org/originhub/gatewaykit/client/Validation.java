package org.originhub.gatewaykit.client;

import java.util.List;

/** The answer of ValidateDocument: valid when no finding is an ERROR. */
public record Validation(boolean valid, List<Finding> findings) {

    public Validation {
        findings = List.copyOf(findings);
    }
}
