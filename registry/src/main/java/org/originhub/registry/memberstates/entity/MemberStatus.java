package org.originhub.registry.memberstates.entity;

/** ACTIVE members exchange; SUSPENDED ones may come back; WITHDRAWN is final. */
public enum MemberStatus {
    ACTIVE, SUSPENDED, WITHDRAWN
}
