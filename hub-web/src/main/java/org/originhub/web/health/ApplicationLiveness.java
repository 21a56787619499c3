package org.originhub.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the hub application is deployed; the database does not affect liveness (a restart would not help). */
@Liveness
@ApplicationScoped
public class ApplicationLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        // No version here: health is for probes; gateways read the version from GetHubInfo, part of the contract.
        return HealthCheckResponse.named("origin-hub").up().build();
    }
}
