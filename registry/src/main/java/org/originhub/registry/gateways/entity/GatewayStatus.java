package org.originhub.registry.gateways.entity;

/** ACTIVE gateways exchange; SUSPENDED ones are refused until reactivated; RETIRED is final. */
public enum GatewayStatus {
    ACTIVE, SUSPENDED, RETIRED
}
