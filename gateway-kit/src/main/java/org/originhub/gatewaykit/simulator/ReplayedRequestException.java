package org.originhub.gatewaykit.simulator;

/** A signed request the simulator has already received (same signature value). */
class ReplayedRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ReplayedRequestException() {
        super("This exact signed message was already received; sign a new one");
    }
}
