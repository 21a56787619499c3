package org.originhub.hub.configuration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One start of a hub node, recorded once its schema is ready: the node's configured name (or its process,
 * {@code pid@host}, when it has none) and the start id of this incarnation, which its delivery claims carry.
 */
@Entity
@Table(name = "hub_start")
public class HubStart {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "node_name", nullable = false, updatable = false, length = 100)
    private String nodeName;

    @Column(name = "start_id", updatable = false, length = 32)
    private String startId;

    @Column(name = "hub_version", nullable = false, updatable = false, length = 40)
    private String hubVersion;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    protected HubStart() {
    }

    public HubStart(String nodeName, String startId, String hubVersion, Instant startedAt) {
        this.nodeName = nodeName;
        this.startId = startId;
        this.hubVersion = hubVersion;
        this.startedAt = startedAt;
    }

    public String nodeName() {
        return nodeName;
    }

    public String startId() {
        return startId;
    }

    public Instant startedAt() {
        return startedAt;
    }
}
