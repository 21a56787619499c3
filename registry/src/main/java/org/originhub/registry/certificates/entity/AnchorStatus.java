package org.originhub.registry.certificates.entity;

/** ACTIVE anchors are trusted; RETIRED ones no longer (certificates that chain only to them stop being accepted). */
public enum AnchorStatus {
    ACTIVE, RETIRED
}
