package org.originhub.hub.configuration.control;

/** Fired once per node when the schema has been migrated and the database may be used. */
public record SchemaReady(String schemaVersion) {
}
