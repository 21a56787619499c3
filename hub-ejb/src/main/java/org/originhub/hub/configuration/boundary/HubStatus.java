package org.originhub.hub.configuration.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.configuration.control.DatabaseState;
import org.originhub.hub.configuration.control.HubDatabase;
import org.originhub.hub.configuration.control.HubVersion;
import org.originhub.hub.configuration.control.SchemaReady;
import org.originhub.hub.configuration.entity.HubInstance;
import org.originhub.hub.configuration.entity.HubStart;

/** The hub's identity and health, as the SOAP info operation and the health endpoint report them. */
@Stateless
public class HubStatus {

    private static final Logger LOG = Logger.getLogger(HubStatus.class.getName());
    /** This process on its host ({@code pid@host}), as the {@code hub_start} record names the node. */
    private static final String NODE_NAME = ManagementFactory.getRuntimeMXBean().getName();
    /** The node as anonymous callers see it; the same for the life of the process, so digested once. */
    private static final String PUBLIC_NODE_NAME = publicNameOf(NODE_NAME);

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    HubDatabase database;

    @Inject
    @ConfigProperty(name = "HUB_NAME", defaultValue = "Origin Hub")
    String hubName;

    /** Records this node's start and creates the hub identity on the very first start. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void onSchemaReady(@Observes SchemaReady ready) {
        HubInstance instance = instance();
        em.persist(new HubStart(NODE_NAME, HubVersion.current(), Instant.now()));
        LOG.info(() -> "Origin Hub " + HubVersion.current() + " instance " + instance.instanceId()
                + " started on node " + NODE_NAME + " (" + PUBLIC_NODE_NAME + ", schema " + ready.schemaVersion()
                + ")");
    }

    public HubDescription describe() {
        HubInstance instance = instance();
        return new HubDescription(hubName, HubVersion.current(), instance.instanceId(), instance.createdAt(),
                PUBLIC_NODE_NAME, Instant.now());
    }

    public DatabaseState databaseState() {
        return database.state();
    }

    private HubInstance instance() {
        HubInstance existing = em.find(HubInstance.class, HubInstance.SINGLE_ROW);
        if (existing != null) {
            return existing;
        }
        HubInstance created = HubInstance.createNow();
        em.persist(created);
        em.flush();
        return created;
    }

    /**
     * The node as anonymous callers see it (GetHubInfo): which node answered, without its process id and host name.
     * {@code node-} and 12 hex digits of the SHA-256 of the internal name; the start log line names both, and the
     * {@code hub_start} record's internal name digests to it.
     */
    static String publicNameOf(String nodeName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(nodeName.getBytes(StandardCharsets.UTF_8));
            return "node-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the Java runtime", e);
        }
    }
}
