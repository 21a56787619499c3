/**
 * Alerts for the secretariat's console: certificates about to expire (raised by the registry's expiry scan), later
 * failed deliveries and stuck messages. One alert per cause (a deduplication key), acknowledged by an operator.
 */
package org.originhub.hub.alerts;
