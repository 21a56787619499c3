package org.originhub.soap.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.originhub.hub.delivery.entity.AcknowledgementKind;
import org.originhub.hub.delivery.entity.DeliveryStatus;
import org.originhub.hub.exchange.ExchangeWorld;
import org.originhub.hub.exchange.ExchangeWorld.Member;
import org.originhub.hub.exchange.boundary.CoStatusView;
import org.originhub.hub.exchange.boundary.Exchanges;
import org.originhub.hub.exchange.boundary.Inbox;
import org.originhub.hub.exchange.boundary.PulledDocuments;
import org.originhub.hub.exchange.boundary.Receipt;
import org.originhub.hub.exchange.boundary.Sender;
import org.originhub.hub.exchange.boundary.Submission;
import org.originhub.hub.exchange.boundary.TrackingView;
import org.originhub.registry.gateways.entity.DocumentType;
import org.originhub.hub.exchange.entity.EnvelopeData;
import org.originhub.hub.exchange.entity.Finding;
import org.originhub.hub.exchange.entity.Reference;
import org.originhub.hub.replay.control.ReplayLedger;
import org.originhub.registry.gateways.entity.DeliveryMode;
import org.originhub.registry.testing.MutableClock;
import org.originhub.registry.testing.RegistryHarness;
import org.originhub.registry.testing.TestPki;
import org.originhub.soap.exchange.ExchangeEndpoint;
import org.originhub.soap.plumbing.PlumbingAccess;
import org.originhub.soap.registry.RegistrySenderDirectory;
import org.w3c.dom.Document;

/**
 * The hub's exchange service as the servlet publishes it, without a container: the real {@link SecurityPipeline}
 * in front of the real {@link ExchangeEndpoint} and {@link Exchanges} (hub-ejb's {@link ExchangeWorld}), with the
 * real registry as sender directory ({@link RegistrySenderDirectory}), the real database replay guard
 * ({@link ReplayLedger}) and the real rejection audit, on the embedded MariaDB with the real migrations, over CXF's
 * local transport. Each test can send exact bytes and then look at what the database holds.
 */
final class ExchangeHub implements AutoCloseable {

    static final String EXCHANGE_NS = "urn:originhub:exchange:v1";
    static final String ENVELOPE_NS = "urn:originhub:envelope:v1";
    private static final char[] HUB_PASSWORD = "hub-test-password".toCharArray();

    final ExchangeWorld world;
    final DataSource dataSource;
    final HubKey hubKey;
    /** Every refusal the pipeline reported (also audited as REQUEST_REJECTED). */
    final List<RejectionLog.Rejection> rejections = new CopyOnWriteArrayList<>();
    private final LocalHub local;
    private final SecurityPipeline pipeline;

    ExchangeHub(DataSource dataSource, Path keys) throws Exception {
        this.dataSource = dataSource;
        this.world = new ExchangeWorld(ExchangeWorld.persistence(dataSource), new MutableClock());
        TestPki.Issued hub = TestPki.selfSigned("CN=Origin Hub hostile-input test key").build();
        Path store = keys.resolve("hub-" + System.nanoTime() + ".p12");
        Files.write(store, hub.pkcs12("hub", HUB_PASSWORD));
        hubKey = HubKey.load(store, HUB_PASSWORD);
        RegistryHarness registry = new RegistryHarness(world.persistence);
        SenderDirectory directory = new SenderDirectory() {
            @Override
            public Collection<X509Certificate> trustAnchors() {
                return registry.tx(h -> h.trustAnchors.activeAnchorCertificates());
            }

            @Override
            public SenderStanding lookup(String fingerprint) {
                return registry.tx(h -> new RegistrySenderDirectory(h.reads, Clock.systemUTC())
                        .lookup(fingerprint));
            }
        };
        ReplayLedger ledger = new ReplayLedger(dataSource);
        RejectionLog audited = rejection -> {
            rejections.add(rejection);
            world.tx(w -> {
                PlumbingAccess.auditedRejections(w.audit).rejected(rejection);
                return null;
            });
        };
        pipeline = new SecurityPipeline(directory,
                (hash, keepUntil) -> ledger.record(hash, keepUntil, Instant.now()), hubKey, audited);
        local = new LocalHub(new ExchangeEndpoint(new TransactionalExchanges(world)), pipeline::secure);
    }

    /** Another service behind the same pipeline, as the servlet publishes it (onboarding operations as given). */
    LocalHub publish(Object implementor, Set<javax.xml.namespace.QName> onboardingOperations) {
        return new LocalHub(implementor, endpoint -> pipeline.secure(endpoint, onboardingOperations));
    }

    /** A PULL member with every permission and a gateway certificate whose key the test holds. */
    Gateway member() {
        return member(DeliveryMode.PULL, ExchangeWorld.ALL_PERMISSIONS);
    }

    Gateway member(DeliveryMode mode, List<String> permissions) {
        TestPki.Issued[] made = new TestPki.Issued[1];
        Member member = world.member(mode, permissions, code -> made[0] = TestPki.leaf(ExchangeWorld.ca(),
                "CN=gw." + code.toLowerCase() + ",O=Hostile Input Test").build(), null);
        return new Gateway(member, made[0]);
    }

    /**
     * A member whose gateway certificate expires a few seconds after its registration; returns once it has expired.
     * (The registry refuses to register an expired certificate, and the test CA is only days old.)
     */
    Gateway memberWithExpiredCertificate() throws InterruptedException {
        Instant expires = Instant.now().plusSeconds(3);
        TestPki.Issued[] made = new TestPki.Issued[1];
        Member member = world.member(DeliveryMode.PULL, ExchangeWorld.ALL_PERMISSIONS,
                code -> made[0] = TestPki.leaf(ExchangeWorld.ca(), "CN=gw-old." + code.toLowerCase())
                        .validity(Instant.now().minusSeconds(3600), expires).build(), null);
        while (!Instant.now().isAfter(expires.plusSeconds(1))) {
            Thread.sleep(200);
        }
        return new Gateway(member, made[0]);
    }

    RegistryHarness registry() {
        return new RegistryHarness(world.persistence);
    }

    /** A member state, its gateway's registry entry and the key its requests are signed with. */
    record Gateway(Member member, TestPki.Issued certificate) {
        String code() {
            return member.code();
        }

        Sender sender() {
            return member.sender();
        }
    }

    // ------------------------------------------------------------------ requests

    LocalHub.Reply send(Document request) {
        return local.send(request);
    }

    LocalHub.Reply send(byte[] request) {
        return local.send(request);
    }

    LocalHub.Reply send(byte[] request, java.util.Map<String, List<String>> headers) {
        return local.send(request, headers);
    }

    /** SubmitDocument of {@code submission}, signed by {@code signer} as the profile requires. */
    LocalHub.Reply submit(Gateway signer, Submission submission) {
        return send(SignedRequest.signedBy(signer.certificate()).bodyXml(submitBody(submission)).build());
    }

    static String submitBody(Submission submission) {
        return "<ex:SubmitDocumentRequest xmlns:ex=\"" + EXCHANGE_NS + "\" xmlns:env=\"" + ENVELOPE_NS + "\">"
                + "<ex:Envelope>" + envelopeXml(submission.envelope()) + "</ex:Envelope>"
                + "<ex:Payload><env:MediaType>" + escape(submission.mediaType()) + "</env:MediaType><env:Content>"
                + Base64.getEncoder().encodeToString(submission.payload()) + "</env:Content></ex:Payload>"
                + "</ex:SubmitDocumentRequest>";
    }

    static String envelopeXml(EnvelopeData e) {
        StringBuilder xml = new StringBuilder();
        element(xml, "From", e.from());
        element(xml, "To", e.to());
        element(xml, "Agreement", e.agreement());
        element(xml, "DocumentType", e.documentType() == null ? null : e.documentType().name());
        element(xml, "DocumentFunction", e.function() == null ? null : e.function().name());
        element(xml, "IssuerCoNumber", e.coNumber());
        element(xml, "SenderMessageId", e.senderMessageId());
        for (Reference r : e.references()) {
            xml.append("<env:Reference>");
            element(xml, "TrackingNumber", r.trackingNumber());
            element(xml, "IssuerCoNumber", r.issuerCoNumber());
            xml.append("</env:Reference>");
        }
        element(xml, "BusinessResponseKind", e.responseKind() == null ? null : e.responseKind().name());
        element(xml, "VerificationResult", e.verificationResult() == null ? null : e.verificationResult().name());
        return xml.toString();
    }

    private static void element(StringBuilder xml, String name, String value) {
        if (value != null) {
            xml.append("<env:").append(name).append('>').append(escape(value)).append("</env:").append(name)
                    .append('>');
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ------------------------------------------------------------------ what the database holds

    long count(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> strings(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    values.add(r.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] bytes(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of the exchange's tables and audit log, to compare before and after a request. */
    Snapshot snapshot() {
        return new Snapshot(count("SELECT COUNT(*) FROM exchange_message"),
                count("SELECT COUNT(*) FROM exchange_payload"), count("SELECT COUNT(*) FROM delivery_attempt"),
                count("SELECT COUNT(*) FROM co_register"), count("SELECT COALESCE(MAX(seq), 0) FROM audit_record"));
    }

    /** Audit records appended after {@code before}: action, outcome and detail, in order. */
    List<String> auditsSince(Snapshot before) {
        return strings("SELECT CONCAT(action, ' ', outcome, ' ', COALESCE(detail, '')) FROM audit_record "
                + "WHERE seq > ? ORDER BY seq", before.auditSeq());
    }

    record Snapshot(long messages, long payloads, long attempts, long cos, long auditSeq) {
    }

    @Override
    public void close() {
        local.close();
    }

    /**
     * {@link Exchanges} with the container's transaction attributes emulated: each call REQUIRED in its own
     * transaction ({@link ExchangeWorld#tx}), submit NOT_SUPPORTED (the intake runs its own).
     */
    private static final class TransactionalExchanges extends Exchanges {
        private final ExchangeWorld world;

        TransactionalExchanges(ExchangeWorld world) {
            this.world = world;
        }

        @Override
        public Receipt submit(Sender sender, Submission submission) {
            return world.submit(sender, submission);
        }

        @Override
        public List<Finding> validate(Sender sender, Submission submission) {
            return world.tx(w -> w.exchanges.validate(sender, submission));
        }

        @Override
        public List<Optional<TrackingView>> track(Sender sender, List<String> trackingNumbers) {
            return world.tx(w -> w.exchanges.track(sender, trackingNumbers));
        }

        @Override
        public Inbox inbox(Sender sender, Set<DocumentType> types, int maxItems) {
            return world.tx(w -> w.exchanges.inbox(sender, types, maxItems));
        }

        @Override
        public PulledDocuments pull(Sender sender, int maxDocuments, Set<DocumentType> types,
                List<String> trackingNumbers) {
            return world.tx(w -> w.exchanges.pull(sender, maxDocuments, types, trackingNumbers));
        }

        @Override
        public DeliveryStatus acknowledge(Sender sender, String trackingNumber, AcknowledgementKind kind,
                String text) {
            return world.tx(w -> w.exchanges.acknowledge(sender, trackingNumber, kind, text));
        }

        @Override
        public List<DeliveryStatus> acknowledge(Sender sender, List<String> trackingNumbers,
                AcknowledgementKind kind, String text) {
            return world.tx(w -> w.exchanges.acknowledge(sender, trackingNumbers, kind, text));
        }

        @Override
        public Optional<CoStatusView> documentStatus(Sender sender, String issuingMember, String coNumber) {
            return world.tx(w -> w.exchanges.documentStatus(sender, issuingMember, coNumber));
        }
    }
}
