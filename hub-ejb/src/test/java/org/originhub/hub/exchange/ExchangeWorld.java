package org.originhub.hub.exchange;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.originhub.hub.alerts.boundary.Alerts;
import org.originhub.hub.alerts.entity.Alert;
import org.originhub.hub.audit.boundary.AuditTrail;
import org.originhub.hub.audit.entity.AuditHead;
import org.originhub.hub.audit.entity.AuditRecord;
import org.originhub.hub.configuration.control.NodeIdentity;
import org.originhub.hub.configuration.entity.NodeIncarnation;
import org.originhub.hub.delivery.boundary.Deliveries;
import org.originhub.hub.delivery.boundary.DeliveryClaims;
import org.originhub.hub.delivery.boundary.DeliveryTimer;
import org.originhub.hub.delivery.boundary.PushTransport;
import org.originhub.hub.delivery.control.BackoffPolicy;
import org.originhub.hub.delivery.control.DeliveryJob;
import org.originhub.hub.delivery.control.DeliveryQueue;
import org.originhub.hub.delivery.entity.PushOutcome;
import org.originhub.hub.exchange.boundary.ExchangeRefusedException;
import org.originhub.hub.exchange.boundary.ExchangeStatistics;
import org.originhub.hub.exchange.boundary.Exchanges;
import org.originhub.hub.exchange.boundary.Intake;
import org.originhub.hub.exchange.boundary.Receipt;
import org.originhub.hub.exchange.boundary.Sender;
import org.originhub.hub.exchange.boundary.Submission;
import org.originhub.hub.exchange.entity.DeliveryAttempt;
import org.originhub.hub.exchange.entity.ExchangeMessage;
import org.originhub.hub.exchange.entity.MessagePayload;
import org.originhub.hub.exchange.entity.StoredReference;
import org.originhub.hub.lifecycle.entity.CoRecord;
import org.originhub.hub.lifecycle.entity.CoStatusChange;
import org.originhub.hub.messagelog.boundary.MessageLog;
import org.originhub.hub.retention.boundary.LegalHolds;
import org.originhub.hub.retention.boundary.Retention;
import org.originhub.hub.retention.control.PayloadPurge;
import org.originhub.hub.retention.entity.LegalHold;
import org.originhub.registry.agreements.entity.Agreement;
import org.originhub.registry.authorities.entity.AuthorisedSigner;
import org.originhub.registry.authorities.entity.IssuingAuthority;
import org.originhub.registry.certificates.entity.RevocationList;
import org.originhub.registry.certificates.entity.RevokedSerial;
import org.originhub.registry.certificates.entity.StoredCertificate;
import org.originhub.registry.certificates.entity.TrustAnchor;
import org.originhub.registry.directory.entity.RegistrySerial;
import org.originhub.registry.events.Actor;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.gateways.entity.DocumentPermission;
import org.originhub.registry.gateways.entity.Gateway;
import org.originhub.registry.gateways.entity.GatewayCertificate;
import org.originhub.registry.memberstates.entity.MemberState;
import org.originhub.registry.requests.boundary.RequestView;
import org.originhub.registry.requests.entity.OnboardingCode;
import org.originhub.registry.requests.entity.RegistrationRequest;
import org.originhub.registry.requests.entity.SubmissionChannel;
import org.originhub.registry.cache.boundary.RegistryReads;
import org.originhub.registry.cache.control.RegistryCache;
import org.originhub.registry.testing.MutableClock;
import org.originhub.registry.testing.RecordingEvent;
import org.originhub.registry.testing.RegistryHarness;
import org.originhub.registry.testing.TestPersistence;
import org.originhub.registry.testing.TestPki;

/**
 * The exchange wired by hand on the embedded MariaDB, as the container would wire it: one "hub node" per instance
 * (its own boundary objects, so two instances on two threads behave like two nodes sharing the database), with the
 * transaction attributes emulated: {@code Intake.accept} and the delivery queue's claim and record each run in a
 * transaction of their own; {@link #tx} runs a REQUIRED boundary call. As in the container, an
 * {@link ExchangeRefusedException} (or any other application exception with rollback = false) commits the
 * transaction it leaves (its audit record).
 */
public final class ExchangeWorld {

    public static final Actor ADMIN = Actor.user("admin");
    public static final List<String> ALL_PERMISSIONS = List.of("SEND:CERTIFICATE_OF_ORIGIN",
            "RECEIVE:CERTIFICATE_OF_ORIGIN", "SEND:BUSINESS_RESPONSE", "RECEIVE:BUSINESS_RESPONSE",
            "SEND:VERIFICATION_REQUEST", "RECEIVE:VERIFICATION_REQUEST", "SEND:VERIFICATION_RESPONSE",
            "RECEIVE:VERIFICATION_RESPONSE");
    private static final AtomicInteger NEXT_CODE = new AtomicInteger();
    private static TestPersistence shared;
    private static TestPki.Issued ca;

    public final TestPersistence persistence;
    public final Exchanges exchanges = new Exchanges();
    public final Intake intake = new TxIntake();
    public final AuditTrail audit = new AuditTrail();
    public final Alerts alerts = new Alerts();
    public final Deliveries deliveries = new Deliveries();
    public final DeliveryQueue queue = new TxQueue();
    public final MessageLog messageLog = new MessageLog();
    public final LegalHolds legalHolds = new LegalHolds();
    public final Retention retention = new Retention();
    public final PayloadPurge purge = new TxPurge();
    public final ExchangeStatistics statistics = new ExchangeStatistics();
    /** This "node's" registry read cache: registry changes reach it through the registry version only. */
    public final RegistryReads registryReads = new RegistryReads();
    /** Releases of claims of node starts that are gone; its delivery rounds run in the caller. */
    public final DeliveryClaims claims = new DeliveryClaims();
    private final DeliveryTimer timer = new DeliveryTimer();
    public final MutableClock clock;
    /** What the intake told delivery after a commit (PUSH documents due now). */
    public final RecordingEvent<org.originhub.hub.exchange.boundary.PushDue> pushDue = new RecordingEvent<>();

    /** The persistence unit of every entity the exchange touches, made once per test JVM. */
    public static synchronized TestPersistence persistence(DataSource dataSource) {
        if (shared == null) {
            shared = unit(dataSource);
            ca = TestPki.ca("CN=Exchange Test CA " + System.nanoTime());
            new RegistryHarness(shared).run(h -> h.trustAnchors.importAnchor(ADMIN, "Exchange Test CA", ca.der()));
        }
        return shared;
    }

    /**
     * A persistence unit of its own on {@code dataSource}, a database migrated apart from the shared one (for tests
     * of hub-wide figures, which other test classes' documents would change), with the community CA imported.
     */
    public static synchronized TestPersistence isolated(DataSource shared, DataSource own) {
        persistence(shared);
        TestPersistence unit = unit(own);
        new RegistryHarness(unit).run(h -> h.trustAnchors.importAnchor(ADMIN, "Exchange Test CA", ca.der()));
        return unit;
    }

    private static TestPersistence unit(DataSource dataSource) {
        return TestPersistence.of(dataSource, MemberState.class, StoredCertificate.class, Agreement.class,
                TrustAnchor.class, RevocationList.class, RevokedSerial.class, Gateway.class,
                GatewayCertificate.class, DocumentPermission.class, IssuingAuthority.class,
                AuthorisedSigner.class, RegistrationRequest.class, OnboardingCode.class, RegistrySerial.class,
                AuditRecord.class, AuditHead.class, Alert.class, ExchangeMessage.class, StoredReference.class,
                MessagePayload.class, DeliveryAttempt.class, CoRecord.class, CoStatusChange.class, LegalHold.class);
    }

    public ExchangeWorld(TestPersistence persistence, MutableClock clock) {
        this.persistence = persistence;
        this.clock = clock;
        set(exchanges, "intake", intake);
        set(exchanges, "audit", audit);
        set(exchanges, "clock", clock);
        set(intake, "audit", audit);
        set(intake, "clock", clock);
        set(intake, "pushDue", pushDue);
        set(intake, "registry", registryReads);
        set(registryReads, "cache", new RegistryCache());
        set(deliveries, "queue", queue);
        set(deliveries, "audit", audit);
        set(deliveries, "clock", clock);
        set(queue, "audit", audit);
        set(queue, "registryReads", registryReads);
        set(timer, "deliveries", deliveries);
        set(timer, "executor", (java.util.concurrent.Executor) Runnable::run);
        set(claims, "queue", queue);
        set(claims, "timer", timer);
        set(queue, "alerts", alerts);
        set(alerts, "clock", clock);
        // The audit trail keeps the real clock: its record times never go backwards along the chain, so records
        // written at a test clock's future dates would pin the times of every later test's records (CheckpointsIT).
        set(messageLog, "trail", audit);
        set(legalHolds, "audit", audit);
        set(legalHolds, "clock", clock);
        set(purge, "audit", audit);
        set(retention, "purge", purge);
        set(retention, "clock", clock);
        set(statistics, "clock", clock);
        retention("P10Y", 100);
        transport(null);
        node(NodeIdentity.of(null));
    }

    /** Where pushes run, as the container's managed executor would; null (the default): in the caller. */
    public void pushExecutor(java.util.concurrent.Executor executor) {
        set(deliveries, "executor", executor);
    }

    /** The push transport the SOAP edge would provide; null: none deployed. */
    public void transport(PushTransport transport) {
        set(deliveries, "transports", new FixedInstance<>(transport));
    }

    /** The payload retention policy and purge batch size, as HUB_PAYLOAD_RETENTION and HUB_PAYLOAD_PURGE_BATCH. */
    public void retention(String policy, int batch) {
        set(retention, "retention", policy);
        set(retention, "batch", batch);
        set(retention, "policy", null);
    }

    public void policy(BackoffPolicy policy) {
        set(deliveries, "policy", policy);
    }

    /** This world's node: a new start of the node {@code name}. */
    public void node(String name) {
        node(NodeIdentity.of(name));
    }

    /** This world's node and its start, as the container would get them from HUB_NODE_NAME. */
    public void node(NodeIdentity identity) {
        set(deliveries, "incarnation", identity.incarnation());
        set(claims, "node", identity);
    }

    /** The node start this world's deliveries claim as. */
    public NodeIncarnation incarnation() {
        return get(deliveries, "incarnation");
    }

    public void batch(int size) {
        set(deliveries, "batch", size);
    }

    /** Runs a REQUIRED boundary call in one transaction. */
    public <T> T tx(Function<ExchangeWorld, T> work) {
        return inTransaction(em -> work.apply(this));
    }

    public Receipt submit(Sender sender, Submission submission) {
        return exchanges.submit(sender, submission);
    }

    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = persistence.entityManager();
        EntityTransaction tx = em.getTransaction();
        tx.begin();
        try {
            for (Object bean : new Object[] {exchanges, intake, audit, alerts, deliveries, queue, messageLog,
                legalHolds, purge, statistics, registryReads}) {
                set(bean, "em", em);
            }
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            jakarta.ejb.ApplicationException declared = e.getClass()
                    .getAnnotation(jakarta.ejb.ApplicationException.class);
            if (declared != null && !declared.rollback() && tx.isActive()) {
                tx.commit(); // as the container does: the refusal's audit record commits with it
                throw e;
            }
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }

    private final class TxIntake extends Intake {
        @Override
        public Receipt accept(Sender sender, Submission submission, DuplicateCheck duplicates) {
            return inTransaction(em -> super.accept(sender, submission, duplicates));
        }
    }

    private final class TxPurge extends PayloadPurge {
        @Override
        public Batch purgeBatch(Instant cutoff, int size, Instant now, Actor actor, String why) {
            return inTransaction(em -> super.purgeBatch(cutoff, size, now, actor, why));
        }

        @Override
        public long heldBack(Instant cutoff) {
            return inTransaction(em -> super.heldBack(cutoff));
        }

        @Override
        public void record(org.originhub.hub.audit.entity.AuditEntry entry) {
            inTransaction(em -> {
                super.record(entry);
                return null;
            });
        }
    }

    private final class TxQueue extends DeliveryQueue {
        @Override
        public List<DeliveryJob> claim(int batch, String token, Instant now, Duration lease,
                java.util.Set<String> skip, NodeIncarnation holder) {
            return inTransaction(em -> super.claim(batch, token, now, lease, skip, holder));
        }

        @Override
        public int releaseHeldBy(NodeIncarnation gone, String why, NodeIncarnation by) {
            return inTransaction(em -> super.releaseHeldBy(gone, why, by));
        }

        @Override
        public int releaseEarlier(NodeIncarnation current) {
            return inTransaction(em -> super.releaseEarlier(current));
        }

        @Override
        public void record(DeliveryJob job, PushOutcome outcome, Instant at, BackoffPolicy policy, String node) {
            inTransaction(em -> {
                super.record(job, outcome, at, policy, node);
                return null;
            });
        }

        @Override
        public void release(DeliveryJob job) {
            inTransaction(em -> {
                super.release(job);
                return null;
            });
        }
    }

    // ---------------------------------------------------------------- the community

    /** A member state with one gateway, ready to exchange. */
    public record Member(String code, long gatewayId, String fingerprint, Sender sender) {
    }

    /** A fresh two-letter member code, unique in this test JVM. */
    public static String newCode() {
        int n = NEXT_CODE.getAndIncrement();
        return "" + (char) ('Q' + (n / 26) % 10) + (char) ('A' + n % 26);
    }

    public Member member(DeliveryMode mode, List<String> permissions) {
        return member(mode, permissions, code -> TestPki.leaf(ca, "CN=gw." + code.toLowerCase() + ",O=Test").build(),
                null);
    }

    /** The community CA that issues the members' gateway certificates (a registered trust anchor). */
    public static TestPki.Issued ca() {
        return ca;
    }

    /**
     * A member whose gateway certificate the caller makes (to sign real requests with its key), registered at the
     * time of {@code registryClock} (null: now), e.g. a year ago for a certificate that has expired since.
     */
    public Member member(DeliveryMode mode, List<String> permissions, Function<String, TestPki.Issued> certificates,
            Clock registryClock) {
        String code = newCode();
        RegistryHarness registry = new RegistryHarness(persistence);
        if (registryClock != null) {
            registry.clock(registryClock);
        }
        registry.run(h -> h.memberStates.register(ADMIN, code, "Member " + code));
        TestPki.Issued certificate = certificates.apply(code);
        String endpoint = mode == DeliveryMode.PUSH ? "https://gw." + code.toLowerCase() + ".example/push" : null;
        RequestView request = registry.tx(h -> h.requests.submitGatewayRegistration(ADMIN, SubmissionChannel.API,
                code, "gw", mode, endpoint, permissions, certificate.pem().getBytes(), null));
        long gatewayId = registry.tx(h -> h.requests.approve(ADMIN, request.id(), "test")).gatewayId();
        String fingerprint = org.originhub.registry.certificates.entity.CertificateFingerprint
                .of(certificate.certificate()).hex();
        return new Member(code, gatewayId, fingerprint, new Sender(code, gatewayId, fingerprint));
    }

    public Member member(DeliveryMode mode) {
        return member(mode, ALL_PERMISSIONS);
    }

    /** An agreement in force since last year between the given members. */
    public String agreement(Member... parties) {
        return agreement(LocalDate.now(ZoneOffset.UTC).minusYears(1), parties);
    }

    /** An agreement in force since {@code from} between the given members. */
    public String agreement(LocalDate from, Member... parties) {
        String code = "FTA-" + newCode() + "-" + System.nanoTime() % 100000;
        List<String> codes = new ArrayList<>();
        for (Member m : parties) {
            codes.add(m.code());
        }
        new RegistryHarness(persistence).run(h -> h.agreements.create(ADMIN, code, "Agreement " + code,
                from, null, codes));
        return code;
    }

    /** Audit records of an action, for one tracking number or member. */
    public List<AuditRecord> audits(String action, String memberOrTracking) {
        return inTransaction(em -> em.createQuery("SELECT r FROM AuditRecord r WHERE r.action = :action "
                + "AND (r.trackingNumber = :key OR r.actorMember = :key OR r.senderMember = :key) "
                + "ORDER BY r.seq", AuditRecord.class).setParameter("action", action)
                .setParameter("key", memberOrTracking).getResultList());
    }

    public ExchangeMessage message(String tracking) {
        return inTransaction(em -> em.createNamedQuery(ExchangeMessage.BY_TRACKING, ExchangeMessage.class)
                .setParameter("tracking", tracking).getSingleResult());
    }

    @SuppressWarnings("unchecked")
    static <T> T get(Object target, String name) {
        Class<?> type = target.getClass();
        while (type != null) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return (T) field.get(target);
            } catch (NoSuchFieldException e) {
                type = type.getSuperclass();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException(target.getClass().getSimpleName() + " has no field " + name);
    }

    static void set(Object target, String name, Object value) {
        Class<?> type = target.getClass();
        while (type != null) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                field.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                type = type.getSuperclass();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException(target.getClass().getSimpleName() + " has no field " + name);
    }
}
