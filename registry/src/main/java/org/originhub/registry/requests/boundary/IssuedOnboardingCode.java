package org.originhub.registry.requests.boundary;

import java.time.Instant;

/** A freshly issued onboarding code: shown once to the secretariat, then only its hash exists. */
public record IssuedOnboardingCode(String memberCode, String code, Instant expiresAt) {
}
