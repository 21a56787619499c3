/** Console pages of the registry: member states and agreements, gateways, certificates and trust anchors, registration requests. */
package org.originhub.web.console.registry;
