package org.originhub.hub.exchange.entity;

/** WCO DM 017 message function; REPLACE and CANCEL apply to CERTIFICATE_OF_ORIGIN only. */
public enum DocumentFunction {
    NEW, REPLACE, CANCEL
}
