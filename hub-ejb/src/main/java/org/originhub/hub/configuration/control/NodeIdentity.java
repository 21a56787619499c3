package org.originhub.hub.configuration.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.originhub.hub.configuration.entity.NodeIncarnation;
import org.originhub.hub.configuration.entity.NodeName;

/**
 * Who this hub node is: its name ({@code HUB_NODE_NAME}, validated, or a digest of the process when unset; see
 * {@link NodeName}) and this start of it ({@link NodeIncarnation}), the same for the life of the process. Read when
 * the application starts, so that a malformed {@code HUB_NODE_NAME} stops the deployment instead of being published.
 */
@ApplicationScoped
public class NodeIdentity {

    /** This process on its host ({@code pid@host}): for the operators' records, never shown to callers. */
    public static final String PROCESS = ManagementFactory.getRuntimeMXBean().getName();

    @Inject
    @ConfigProperty(name = "HUB_NODE_NAME")
    Optional<String> configured;

    private NodeName name;
    private NodeIncarnation incarnation;
    private boolean named;

    NodeIdentity() {
    }

    /** An identity outside the container (tests): {@code name}, or the process digest when null. */
    public static NodeIdentity of(String name) {
        NodeIdentity identity = new NodeIdentity();
        identity.configured = Optional.ofNullable(name);
        identity.resolve();
        return identity;
    }

    @PostConstruct
    void resolve() {
        Optional<String> given = configured.filter(s -> !s.isBlank());
        named = given.isPresent();
        name = given.map(NodeName::of).orElseGet(() -> NodeName.digestOf(PROCESS));
        incarnation = NodeIncarnation.startOf(name);
    }

    /** Resolves the identity when the application starts (a bad HUB_NODE_NAME fails the deployment). */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        name();
    }

    /** The name this node answers under. */
    public NodeName name() {
        return name;
    }

    /** This start of the node. */
    public NodeIncarnation incarnation() {
        return incarnation;
    }

    /** Whether the name was configured ({@code HUB_NODE_NAME}) rather than digested from the process. */
    public boolean named() {
        return named;
    }

    /**
     * The node as the {@code hub_start} record names it: the configured name, or the process ({@code pid@host})
     * when none was configured (its digest is the public name).
     */
    public String recordName() {
        return named ? name.value() : PROCESS;
    }
}
