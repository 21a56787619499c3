package org.originhub.hub.configuration.control;

/** Whether the database answers with an up-to-date schema; when not, why. */
public record DatabaseState(boolean up, String schemaVersion, String problem) {

    static DatabaseState up(String schemaVersion) {
        return new DatabaseState(true, schemaVersion, null);
    }

    static DatabaseState down(String problem) {
        return new DatabaseState(false, null, problem);
    }
}
