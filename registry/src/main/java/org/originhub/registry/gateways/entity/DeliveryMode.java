package org.originhub.registry.gateways.entity;

/** PUSH: the hub calls the gateway's endpoint. PULL: the gateway lists and pulls its inbox. */
public enum DeliveryMode {
    PUSH, PULL
}
