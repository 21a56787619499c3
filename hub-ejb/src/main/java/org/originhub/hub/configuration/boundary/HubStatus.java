package org.originhub.hub.configuration.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.management.ManagementFactory;
import java.time.Instant;
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
        em.persist(new HubStart(nodeName(), HubVersion.current(), Instant.now()));
        LOG.info(() -> "Origin Hub " + HubVersion.current() + " instance " + instance.instanceId()
                + " started on node " + nodeName() + " (" + publicNodeName() + ", schema " + ready.schemaVersion()
                + ")");
    }

    public HubDescription describe() {
        HubInstance instance = instance();
        return new HubDescription(hubName, HubVersion.current(), instance.instanceId(), instance.createdAt(),
                publicNodeName(), Instant.now());
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

    private static String nodeName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    /**
     * The node as anonymous callers see it (GetHubInfo): which node answered, without its process id and host name.
     * A digest of the internal name; the start log line and the {@code hub_start} record connect the two.
     */
    static String publicNodeName() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(nodeName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "node-" + java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the Java runtime", e);
        }
    }
}
