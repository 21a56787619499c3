package org.originhub.gatewaykit.simulator;

/** The simulated gateway refuses deliveries for now; answered with the fault ServiceUnavailable. */
class GatewayUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    GatewayUnavailableException() {
        super("The gateway cannot take documents now (simulated outage); retry later");
    }
}
