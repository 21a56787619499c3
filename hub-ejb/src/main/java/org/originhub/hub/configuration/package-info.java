/**
 * The hub's runtime configuration and identity: the database connection (defined from the environment, never built
 * into the WAR), schema migration at start, the hub's instance identity and start log, and the readiness state that
 * the health endpoint reports.
 */
package org.originhub.hub.configuration;
