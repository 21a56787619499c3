package org.originhub.hub.configuration.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.configuration.control.DatabaseState;
import org.originhub.hub.configuration.control.HubDatabase;
import org.originhub.hub.configuration.control.HubVersion;
import org.originhub.hub.configuration.control.NodeIdentity;
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
    NodeIdentity node;

    @Inject
    @ConfigProperty(name = "HUB_NAME", defaultValue = "Origin Hub")
    String hubName;

    /** Records this node's start and creates the hub identity on the very first start. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void onSchemaReady(@Observes SchemaReady ready) {
        HubInstance instance = instance();
        em.persist(new HubStart(node.recordName(), node.incarnation().startId(), HubVersion.current(),
                Instant.now()));
        LOG.info(() -> "Origin Hub " + HubVersion.current() + " instance " + instance.instanceId()
                + " started on node " + node.name() + " (process " + NodeIdentity.PROCESS + ", incarnation "
                + node.incarnation() + ", schema " + ready.schemaVersion() + ")");
    }

    public HubDescription describe() {
        HubInstance instance = instance();
        return new HubDescription(hubName, HubVersion.current(), instance.instanceId(), instance.createdAt(),
                node.name().value(), Instant.now());
    }

    /** The name this node answers under (GetHubInfo's node id, the {@code Origin-Hub-Node} header). */
    public String nodeName() {
        return node.name().value();
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
}
