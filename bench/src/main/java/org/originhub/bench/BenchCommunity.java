package org.originhub.bench;

import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bench community, demo-style: a CA registered as trust anchor, three member states (KE and UG receive by PUSH
 * at gateway simulators on loopback, TZ pulls), one agreement between them, and an issuing authority with an
 * authorised signer for KE (for CheckSigner). Registered through the admin REST API as the secretariat would, with
 * fresh keys; the member codes get a run suffix only in the gateway names, so several runs on one database coexist.
 *
 * <p>The growth runs add members straight in the database ({@link #addMembers}): a member state, a PULL gateway with
 * its document-type permissions and an ACTIVE certificate from the bench CA, and a party to the agreement, exactly
 * the rows an approved registration leaves, then a new directory serial. Through the API each would cost three
 * password-checked calls (PBKDF2 with 600,000 iterations each), minutes for 200 members.
 */
final class BenchCommunity {

    static final String AGREEMENT = "BENCH-CO";
    static final String CA_NAME = "Origin Hub bench CA";
    private static final String PERMISSIONS = "[\"SEND:CERTIFICATE_OF_ORIGIN\",\"RECEIVE:CERTIFICATE_OF_ORIGIN\","
            + "\"SEND:BUSINESS_RESPONSE\",\"RECEIVE:BUSINESS_RESPONSE\",\"SEND:VERIFICATION_REQUEST\","
            + "\"RECEIVE:VERIFICATION_REQUEST\",\"SEND:VERIFICATION_RESPONSE\",\"RECEIVE:VERIFICATION_RESPONSE\"]";

    final BenchPki.Issued ca = BenchPki.ca("CN=Origin Hub bench CA " + Instant.now().toEpochMilli() + ",O=Origin Hub");
    final BenchPki.Issued ke;
    final BenchPki.Issued ug;
    final BenchPki.Issued tz;
    final BenchPki.Issued keSigner;
    private final KeyPair sharedKeys = BenchPki.rsa();
    private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    /** KE's issuing authority, once registered. */
    private String authority;

    BenchCommunity() {
        ke = BenchPki.leaf(ca, "CN=bench-gw-" + run + ".ke,O=Bench,C=KE", BenchPki.rsa());
        ug = BenchPki.leaf(ca, "CN=bench-gw-" + run + ".ug,O=Bench,C=UG", BenchPki.rsa());
        tz = BenchPki.leaf(ca, "CN=bench-gw-" + run + ".tz,O=Bench,C=TZ", BenchPki.rsa());
        keSigner = BenchPki.leaf(ca, "CN=Bench Official " + run + ",O=Bench,C=KE", BenchPki.rsa());
    }

    String gatewayName() {
        return "bench-" + run;
    }

    /** Registers everything; {@code keUrl} and {@code ugUrl} are the PUSH simulators' endpoints. */
    void register(AdminApi api, String keUrl, String ugUrl) {
        api.post("trust-anchors", "{\"name\":" + AdminApi.quote(CA_NAME + " " + run) + ",\"certificate\":"
                + AdminApi.quote(ca.pem()) + "}");
        for (String[] member : new String[][] {{"KE", "Kenya"}, {"UG", "Uganda"}, {"TZ", "Tanzania"}}) {
            createUnlessExists(api, "member-states", "{\"code\":\"" + member[0] + "\",\"name\":\"" + member[1] + "\"}");
        }
        createUnlessExists(api, "agreements", "{\"code\":\"" + AGREEMENT + "\",\"name\":\"Bench agreement\","
                + "\"inForceFrom\":\"2020-01-01\",\"parties\":[\"KE\",\"UG\",\"TZ\"]}");
        gateway(api, "KE", "PUSH", keUrl, ke);
        gateway(api, "UG", "PUSH", ugUrl, ug);
        gateway(api, "TZ", "PULL", null, tz);
        authority = AdminApi.field(api.post("authorities", "{\"memberCode\":\"KE\",\"name\":"
                + AdminApi.quote("Bench Chamber " + run) + "}"), "id");
        api.post("authorities/" + authority + "/signers", "{\"name\":" + AdminApi.quote("Bench Official " + run)
                + ",\"certificate\":" + AdminApi.quote(keSigner.pem()) + ",\"agreements\":[\"" + AGREEMENT + "\"]}");
    }

    /**
     * A registry change the exchange does not depend on: one more authorised signer (an official) of KE's authority,
     * with a fresh certificate from the bench CA. Like every registry change it moves the registry's version, so every
     * hub node drops its cached registry. Returns the signer's certificate fingerprint.
     */
    String addSigner(AdminApi api, String name) {
        BenchPki.Issued signer = BenchPki.leaf(ca, "CN=" + name + " " + run + ",O=Bench,C=KE", BenchPki.rsa());
        api.post("authorities/" + authority + "/signers", "{\"name\":" + AdminApi.quote(name + " " + run)
                + ",\"certificate\":" + AdminApi.quote(signer.pem()) + ",\"agreements\":[\"" + AGREEMENT + "\"]}");
        return signer.fingerprint();
    }

    /** Revokes a signer {@link #addSigner} added: the other registry change of the soak. */
    void revokeSigner(AdminApi api, String fingerprint) {
        api.post("signers/" + fingerprint + "/revoke", "{\"reason\":\"bench soak: the official left\"}");
    }

    private static void createUnlessExists(AdminApi api, String path, String json) {
        try {
            api.post(path, json);
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains(" 409")) {
                throw e;
            }
        }
    }

    /**
     * A reused database may hold a gateway of this member from an earlier run: the new one is registered beside it
     * and the old ones retired in the database, so routing picks the new one.
     */
    private void gateway(AdminApi api, String member, String mode, String url, BenchPki.Issued certificate) {
        String request = api.post("gateways", "{\"memberCode\":\"" + member + "\",\"name\":\"bench-" + run + "\","
                + "\"deliveryMode\":\"" + mode + "\"," + (url == null ? "" : "\"endpointUrl\":" + AdminApi.quote(url)
                + ",") + "\"permissions\":" + PERMISSIONS + ",\"certificate\":" + AdminApi.quote(certificate.pem())
                + "}");
        api.post("requests/" + AdminApi.field(request, "id") + "/approve", "{\"reason\":\"bench\"}");
    }

    /** Suspends the member's other gateways (earlier runs on a reused database), so routing picks this run's. */
    void retireEarlierGateways(Connection db) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("UPDATE gateway SET status = 'SUSPENDED', version = version + 1 "
                + "WHERE member_code IN ('KE', 'UG', 'TZ') AND status = 'ACTIVE' AND name <> ?")) {
            s.setString(1, "bench-" + run);
            s.executeUpdate();
        }
    }

    static int memberCount(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM member_state")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Adds member states (each with an active PULL gateway and certificate, party to the agreement) up to {@code total}. */
    int addMembers(Connection db, int total) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT code FROM member_state")) {
            while (rs.next()) {
                existing.add(rs.getString(1));
            }
        }
        List<String> codes = new ArrayList<>();
        for (char a = 'A'; a <= 'Z' && existing.size() + codes.size() < total; a++) {
            for (char b = 'A'; b <= 'Z' && existing.size() + codes.size() < total; b++) {
                String code = "" + a + b;
                if (!existing.contains(code)) {
                    codes.add(code);
                }
            }
        }
        long anchor = id(db, "SELECT id FROM trust_anchor WHERE fingerprint = ?", ca.fingerprint());
        long agreement = id(db, "SELECT id FROM agreement WHERE code = ?", AGREEMENT);
        Timestamp now = Timestamp.from(Instant.now());
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (PreparedStatement member = db.prepareStatement("INSERT INTO member_state (code, name, status, created_at, "
                + "status_changed_at) VALUES (?, ?, 'ACTIVE', ?, ?)");
                PreparedStatement gateway = db.prepareStatement("INSERT INTO gateway (member_code, name, delivery_mode, "
                        + "status, created_at, status_changed_at) VALUES (?, 'bench-gw', 'PULL', 'ACTIVE', ?, ?)",
                        Statement.RETURN_GENERATED_KEYS);
                PreparedStatement type = db.prepareStatement("INSERT INTO gateway_document_type (gateway_id, direction, "
                        + "document_type) VALUES (?, ?, 'CERTIFICATE_OF_ORIGIN')");
                PreparedStatement certificate = db.prepareStatement("INSERT INTO gateway_certificate (gateway_id, "
                        + "anchor_id, fingerprint, subject, issuer, serial_number, key_algorithm, key_size, not_before, "
                        + "not_after, der, status, registered_at, activated_at) VALUES (?, ?, ?, ?, ?, ?, 'RSA', 2048, "
                        + "?, ?, ?, 'ACTIVE', ?, ?)");
                PreparedStatement party = db.prepareStatement("INSERT INTO agreement_party (agreement_id, member_code) "
                        + "VALUES (?, ?)")) {
            for (String code : codes) {
                member.setString(1, code);
                member.setString(2, "Bench member " + code);
                member.setTimestamp(3, now);
                member.setTimestamp(4, now);
                member.executeUpdate();
                gateway.setString(1, code);
                gateway.setTimestamp(2, now);
                gateway.setTimestamp(3, now);
                gateway.executeUpdate();
                long gatewayId;
                try (ResultSet keys = gateway.getGeneratedKeys()) {
                    keys.next();
                    gatewayId = keys.getLong(1);
                }
                for (String direction : new String[] {"SEND", "RECEIVE"}) {
                    type.setLong(1, gatewayId);
                    type.setString(2, direction);
                    type.executeUpdate();
                }
                BenchPki.Issued cert = BenchPki.leaf(ca, "CN=bench-gw." + code.toLowerCase() + ",O=Bench,C=" + code,
                        sharedKeys);
                certificate.setLong(1, gatewayId);
                certificate.setLong(2, anchor);
                certificate.setString(3, cert.fingerprint());
                certificate.setString(4, cert.certificate().getSubjectX500Principal().getName());
                certificate.setString(5, cert.certificate().getIssuerX500Principal().getName());
                certificate.setString(6, cert.certificate().getSerialNumber().toString(16));
                certificate.setTimestamp(7, new Timestamp(cert.certificate().getNotBefore().getTime()));
                certificate.setTimestamp(8, new Timestamp(cert.certificate().getNotAfter().getTime()));
                try {
                    certificate.setBytes(9, cert.certificate().getEncoded());
                } catch (java.security.cert.CertificateEncodingException e) {
                    throw new IllegalStateException(e);
                }
                certificate.setTimestamp(10, now);
                certificate.setTimestamp(11, now);
                certificate.executeUpdate();
                party.setLong(1, agreement);
                party.setString(2, code);
                party.executeUpdate();
            }
            try (Statement s = db.createStatement()) {
                s.executeUpdate("UPDATE registry_serial SET serial = serial + 1, changed_at = UTC_TIMESTAMP(6) WHERE id = 1");
            }
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
        return codes.size();
    }

    static long id(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("nothing found for " + sql + " with " + parameter);
                }
                return rs.getLong(1);
            }
        }
    }
}
