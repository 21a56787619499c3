package org.originhub.registry.gateways.entity;

/** Whether a gateway may send or receive a document type. */
public enum Direction {
    SEND, RECEIVE
}
