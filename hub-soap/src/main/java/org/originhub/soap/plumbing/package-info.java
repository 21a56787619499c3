/**
 * How SOAP reaches the hub: Payara Micro has no JAX-WS implementation, so the WAR bundles Apache CXF and publishes
 * every endpoint from one {@code CXFNonSpringServlet} at {@code /services/*}. Endpoints are contract first: each is
 * published with its WSDL from {@code src/main/resources/wsdl}, never one generated from Java.
 */
package org.originhub.soap.plumbing;
