package org.originhub.hub.alerts.entity;

/** How urgent an alert is. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
