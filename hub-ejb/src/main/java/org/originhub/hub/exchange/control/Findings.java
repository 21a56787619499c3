package org.originhub.hub.exchange.control;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.originhub.hub.exchange.entity.Finding;
import org.originhub.hub.exchange.entity.Refusal;

/** Findings keyed by the refusal a SubmitDocument would answer with, and back. */
public final class Findings {

    private Findings() {
    }

    public static Finding error(Refusal refusal, String field, String message) {
        return Finding.error(refusal.code(), field, message);
    }

    public static Finding info(Refusal refusal, String field, String message) {
        return new Finding(Finding.Severity.INFO, refusal.code(), field, message);
    }

    public static boolean hasError(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR);
    }

    public static Optional<Finding> firstError(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).findFirst();
    }

    /** The refusal a finding's code stands for. */
    public static Refusal refusalOf(Finding finding) {
        return Arrays.stream(Refusal.values()).filter(r -> r.code().equals(finding.code())).findFirst()
                .orElse(Refusal.INVALID_REQUEST);
    }

    /** The reason of a refusal: the field first, so an integrator sees at once where to look. */
    public static String reason(Finding finding) {
        return finding.field() == null ? finding.message() : finding.field() + ": " + finding.message();
    }
}
