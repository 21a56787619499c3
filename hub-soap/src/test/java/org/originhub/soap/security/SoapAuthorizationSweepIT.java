package org.originhub.soap.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jws.WebMethod;
import jakarta.jws.WebService;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.originhub.db.testing.EmbeddedDatabaseExtension;
import org.originhub.hub.exchange.ExchangeWorld;
import org.originhub.registry.testing.RegistryHarness;
import org.originhub.registry.testing.TestPki;
import org.originhub.soap.contract.exchange.ExchangePortType;
import org.originhub.soap.contract.registry.RegistryPortType;
import org.originhub.soap.exchange.ExchangeEndpoint;
import org.originhub.soap.registry.RegistryEndpoint;
import org.originhub.soap.security.ExchangeHub.Snapshot;
import org.originhub.soap.security.LocalHub.Reply;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The SOAP part of the authorization sweep (issue 8): every operation of every protected service, enumerated from
 * its generated port type and checked against its WSDL, is called through the real pipeline unsigned, signed by a
 * certificate no trusted CA issued, and (except the onboarding request, which an unregistered gateway may send by
 * design) signed by a trusted but unregistered certificate. Each call must be refused with its code, reach no
 * business code (nothing stored) and be audited. A new operation is swept the day it is added to a WSDL; a new
 * service must be added to {@link #PROTECTED} or the WSDL check fails.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class SoapAuthorizationSweepIT {

    /** Every service published behind the pipeline, with its WSDL (hub-info.wsdl is public by design). */
    private static final List<Class<?>> PROTECTED = List.of(ExchangePortType.class, RegistryPortType.class);
    private static final Set<String> PUBLIC_WSDLS = Set.of("hub-info.wsdl");
    /** Called by the hub itself on PUSH gateways, not published by the hub. */
    private static final Set<String> CLIENT_WSDLS = Set.of("gateway-push.wsdl");

    private static ExchangeHub hub;
    private static LocalHub exchange;
    private static LocalHub registry;

    @BeforeAll
    static void publish(DataSource dataSource, @TempDir Path keys) throws Exception {
        hub = new ExchangeHub(dataSource, keys);
        exchange = hub.publish(new ExchangeEndpoint(null), Set.of());
        RegistryHarness boundaries = hub.registry();
        registry = hub.publish(new RegistryEndpoint(boundaries.directory, boundaries.gateways, boundaries.requests,
                boundaries.authorities, hub.hubKey, null), Set.of(RegistryEndpoint.ONBOARDING_OPERATION));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (exchange != null) {
            exchange.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void theSweepCoversEveryOperationOfEveryPublishedWsdl() throws Exception {
        Set<String> fromWsdls = new TreeSet<>();
        List<String> wsdls = new ArrayList<>();
        // the contracts' source of truth (Failsafe runs against the packaged jar, which cannot be listed as a folder)
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of(System.getProperty("basedir",
                "."), "src", "main", "resources", "wsdl"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".wsdl")).forEach(wsdls::add);
        }
        assertThat(wsdls).containsAll(PUBLIC_WSDLS).containsAll(CLIENT_WSDLS).hasSizeGreaterThan(3);
        for (String wsdl : wsdls) {
            if (!PUBLIC_WSDLS.contains(wsdl) && !CLIENT_WSDLS.contains(wsdl)) {
                fromWsdls.addAll(wsdlOperations(wsdl));
            }
        }
        Set<String> swept = new TreeSet<>();
        operations().forEach(o -> swept.add(o.name()));

        assertThat(swept).isEqualTo(fromWsdls);
        assertThat(swept).contains("SubmitDocument", "PullDocuments", "GetDocumentStatus", "GetDirectory",
                "RequestGatewayRegistration", "CheckSigner");
    }

    @Test
    void everyOperationRefusesAnUnsignedCall() {
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations()) {
            Snapshot before = hub.snapshot();
            Reply reply = operation.service().send(SignedRequest.unsecured().bodyXml(operation.emptyBody()).build());
            check(operation, "unsigned", reply, FaultCode.SECURITY_HEADER_MISSING, before, wrong);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyOperationRefusesACallSignedByAnUntrustedCertificate() {
        TestPki.Issued stranger = TestPki.selfSigned("CN=gw.ke.example,O=Not the community").build();
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations()) {
            Snapshot before = hub.snapshot();
            Reply reply = operation.service().send(SignedRequest.signedBy(stranger).bodyXml(operation.emptyBody())
                    .build());
            check(operation, "untrusted signer", reply, FaultCode.CERTIFICATE_NOT_TRUSTED, before, wrong);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyOperationButOnboardingRefusesACallSignedByAnUnregisteredCertificate() {
        TestPki.Issued unregistered = TestPki.leaf(ExchangeWorld.ca(), "CN=gw.unregistered.example").build();
        List<String> wrong = new ArrayList<>();
        int swept = 0;
        for (Operation operation : operations()) {
            if (operation.qname().equals(RegistryEndpoint.ONBOARDING_OPERATION)) {
                continue;
            }
            Snapshot before = hub.snapshot();
            Reply reply = operation.service().send(SignedRequest.signedBy(unregistered).bodyXml(
                    operation.emptyBody()).build());
            check(operation, "unregistered signer", reply, FaultCode.CERTIFICATE_NOT_REGISTERED, before, wrong);
            swept++;
        }
        assertThat(wrong).isEmpty();
        assertThat(swept).isEqualTo(operations().size() - 1);
    }

    private static void check(Operation operation, String caller, Reply reply, FaultCode expected, Snapshot before,
            List<String> wrong) {
        String what = operation.name() + " " + caller;
        if (!reply.isFault()) {
            wrong.add(what + ": answered " + reply.text());
            return;
        }
        if (!reply.faultCode().equals(new QName(FaultCode.NAMESPACE, expected.code()))
                || !reply.faultString().equals(expected.reason())) {
            wrong.add(what + ": " + reply.faultCode() + " " + reply.faultString());
            return;
        }
        Snapshot after = hub.snapshot();
        if (after.messages() != before.messages() || after.payloads() != before.payloads()) {
            wrong.add(what + ": stored something");
        }
        List<String> audits = hub.auditsSince(before);
        if (audits.size() != 1 || !audits.get(0).startsWith("REQUEST_REJECTED REJECTED " + expected.code() + ": ")) {
            wrong.add(what + ": audit " + audits);
        }
    }

    /** One operation of a protected service: its Body element (the request wrapper) and where it is published. */
    record Operation(String name, QName qname, LocalHub service) {
        String emptyBody() {
            return "<op:" + qname.getLocalPart() + " xmlns:op=\"" + qname.getNamespaceURI() + "\"/>";
        }
    }

    /** Every operation of every protected port type, by reflection over the generated interfaces. */
    static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Class<?> portType : PROTECTED) {
            assertThat(portType.isAnnotationPresent(WebService.class)).as(portType.getName()).isTrue();
            LocalHub service = portType == ExchangePortType.class ? exchange : registry;
            for (Method method : portType.getMethods()) {
                WebMethod web = method.getAnnotation(WebMethod.class);
                if (web == null) {
                    continue;
                }
                Parameter request = method.getParameters()[0];
                XmlRootElement root = request.getType().getAnnotation(XmlRootElement.class);
                assertThat(root).as("request element of " + method).isNotNull();
                String namespace = "##default".equals(root.namespace())
                        ? request.getType().getPackage().getAnnotation(jakarta.xml.bind.annotation.XmlSchema.class)
                                .namespace() : root.namespace();
                operations.add(new Operation(web.operationName().isEmpty() ? method.getName()
                        : web.operationName(), new QName(namespace, root.name()), service));
            }
        }
        return operations;
    }

    private static Set<String> wsdlOperations(String wsdl) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Set<String> names = new TreeSet<>();
        try (InputStream in = SoapAuthorizationSweepIT.class.getResourceAsStream("/wsdl/" + wsdl)) {
            assertThat(in).as(wsdl).isNotNull();
            NodeList portTypes = factory.newDocumentBuilder().parse(in)
                    .getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/", "portType");
            for (int i = 0; i < portTypes.getLength(); i++) {
                NodeList ops = ((Element) portTypes.item(i)).getElementsByTagNameNS(
                        "http://schemas.xmlsoap.org/wsdl/", "operation");
                for (int j = 0; j < ops.getLength(); j++) {
                    names.add(((Element) ops.item(j)).getAttribute("name"));
                }
            }
        }
        return names;
    }
}
