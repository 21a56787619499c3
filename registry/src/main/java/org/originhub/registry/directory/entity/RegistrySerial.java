package org.originhub.registry.directory.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The directory serial (one row): increases with every registry change that gateways must see. */
@Entity
@Table(name = "registry_serial")
public class RegistrySerial {

    public static final byte SINGLE_ROW = 1;

    @Id
    private byte id;

    @Column(name = "serial", nullable = false)
    private long serial;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected RegistrySerial() {
    }

    public void advance(Instant now) {
        serial++;
        changedAt = now;
    }

    public long serial() {
        return serial;
    }

    public Instant changedAt() {
        return changedAt;
    }
}
