package org.originhub.hub.audit.boundary;

import java.util.List;

/** Checkpoints newest first; {@code next} is the {@code after} value for the following page, null on the last. */
public record CheckpointPage(List<CheckpointView> checkpoints, Long next) {
}
