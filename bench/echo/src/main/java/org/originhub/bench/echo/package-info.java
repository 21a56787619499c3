/**
 * The bare signed echo that {@code ./hub bench} deploys beside the hub on the same Payara Micro: one SOAP operation
 * that answers with what it received, on CXF and WSS4J as the hub bundles them and with the hub's WS-Security
 * profile, and nothing else (no database, no registry, no replay guard). The bench measures the hub's own signed
 * round trip against it: what the hub's pipeline costs over the stack it is built on. The keys are made by the bench
 * for each run ({@link org.originhub.bench.echo.EchoKeys}); none is in git or in the WAR.
 */
package org.originhub.bench.echo;
