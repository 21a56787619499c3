package org.originhub.hub.configuration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The hub's identity: a single row created on first start and never changed afterwards. Its instance id stays the
 * same across restarts, which is how an operator (and the launcher's tests) see that the data survived.
 */
@Entity
@Table(name = "hub_instance")
public class HubInstance {

    /** The only row's key: the table has a check constraint {@code id = 1}. */
    public static final byte SINGLE_ROW = 1;

    @Id
    private byte id;

    @Column(name = "instance_id", nullable = false, updatable = false, length = 36)
    private String instanceId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected HubInstance() {
    }

    public static HubInstance createNow() {
        HubInstance instance = new HubInstance();
        instance.id = SINGLE_ROW;
        instance.instanceId = UUID.randomUUID().toString();
        instance.createdAt = Instant.now();
        return instance;
    }

    public String instanceId() {
        return instanceId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
