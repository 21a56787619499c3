package org.originhub.hub.configuration.boundary;

import java.time.Instant;

/** What the hub says about itself: name, release, the database identity it runs on, and its clock. */
public record HubDescription(String name, String version, String instanceId, Instant instanceCreatedAt,
        String nodeName, Instant now) {
}
