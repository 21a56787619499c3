package org.originhub.hub.delivery.entity;

/** Delivery status of one envelope, owned by the hub; never a document status. */
public enum DeliveryStatus {
    PENDING_DELIVERY, DELIVERED, DELIVERED_WITH_WARNINGS, DELIVERED_NOT_READABLE, FAILED_DELIVERY
}
