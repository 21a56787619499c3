/**
 * Sample documents of co-document-v1.xsd (a CO, its replacement and cancellation, business responses, verification
 * request and response) for trying a gateway against a hub: used by the kit's command line, the hub's demo and
 * benchmark, and tests. Realistic in shape, fictitious in content.
 */
package org.originhub.gatewaykit.samples;
