/**
 * The load generator behind {@code ./hub bench}: seeds a bench community on a running hub (REST for the demo-style
 * members, SQL for the growth runs), plays member gateways with the gateway kit (HubClient for submissions, pulls,
 * acknowledgements and lookups; GatewaySimulator as the PUSH recipients), measures a signed round trip on the same
 * stack as the baseline, samples the hub process from /proc, profiles it with JFR, and writes the report. It is a
 * measuring tool, not part of the hub: nothing in the WAR depends on it.
 */
package org.originhub.bench;
