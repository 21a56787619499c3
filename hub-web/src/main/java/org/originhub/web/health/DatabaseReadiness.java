package org.originhub.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.originhub.hub.configuration.boundary.HubStatus;
import org.originhub.hub.configuration.control.DatabaseState;

/** Ready when the database answers and the schema is fully migrated; otherwise DOWN with the reason. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    HubStatus status;

    @Override
    public HealthCheckResponse call() {
        DatabaseState state = status.databaseState();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        if (state.up()) {
            return response.up().withData("schemaVersion", state.schemaVersion()).build();
        }
        return response.down().withData("problem", state.problem()).build();
    }
}
