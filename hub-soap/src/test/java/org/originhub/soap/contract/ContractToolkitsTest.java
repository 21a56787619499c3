package org.originhub.soap.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import jakarta.jws.WebMethod;
import jakarta.jws.WebService;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceClient;

import org.apache.cxf.tools.common.ToolContext;
import org.apache.cxf.tools.wsdlto.WSDLToJava;
import org.junit.jupiter.api.Test;

import com.sun.tools.ws.wscompile.WsimportTool;

/**
 * Member states build their gateways against the published contracts with whatever toolkit they use. This test does
 * what their integrators do: it runs Apache CXF wsdl2java and Eclipse Metro wsimport on exchange.wsdl and
 * gateway-push.wsdl (each in its own output folder, as a third party would, not the hub's own generated code),
 * compiles what they generate, and checks that the service and port classes carry every operation of the contract.
 */
class ContractToolkitsTest {

    private static final Set<String> EXCHANGE_OPERATIONS = Set.of("SubmitDocument", "ValidateDocument",
            "GetTrackingInfo", "ListInbox", "PullDocuments", "AcknowledgeDelivery", "GetDocumentStatus");
    private static final Set<String> PUSH_OPERATIONS = Set.of("DeliverDocument");

    private static final Path OUT = Path.of("target", "toolkits");

    @Test
    void cxfWsdl2JavaGeneratesAWorkingExchangeClient() throws Exception {
        Path src = cxf("exchange.wsdl", "client.exchange");
        assertClient(src, "client.exchange.ExchangeService", "client.exchange.ExchangePortType", EXCHANGE_OPERATIONS);
    }

    @Test
    void cxfWsdl2JavaGeneratesAWorkingPushServer() throws Exception {
        Path src = cxf("gateway-push.wsdl", "client.push");
        assertClient(src, "client.push.GatewayPushService", "client.push.GatewayPushPortType", PUSH_OPERATIONS);
    }

    @Test
    void metroWsimportGeneratesAWorkingExchangeClient() throws Exception {
        Path src = metro("exchange.wsdl", "client.exchange");
        assertClient(src, "client.exchange.ExchangeService", "client.exchange.ExchangePortType", EXCHANGE_OPERATIONS);
    }

    @Test
    void metroWsimportGeneratesAWorkingPushServer() throws Exception {
        Path src = metro("gateway-push.wsdl", "client.push");
        assertClient(src, "client.push.GatewayPushService", "client.push.GatewayPushPortType", PUSH_OPERATIONS);
    }

    private static Path cxf(String wsdl, String pkg) throws Exception {
        Path src = clean(OUT.resolve("cxf").resolve(wsdl).resolve("src"));
        new WSDLToJava(new String[] {"-quiet", "-client", "-server", "-impl", "-d", src.toString(), "-p", pkg,
                wsdlUrl(wsdl)}).run(new ToolContext());
        return src;
    }

    private static Path metro(String wsdl, String pkg) throws Exception {
        Path src = clean(OUT.resolve("metro").resolve(wsdl).resolve("src"));
        Path classes = clean(OUT.resolve("metro").resolve(wsdl).resolve("wsimport-classes"));
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        boolean ok = new WsimportTool(new PrintStream(log, true, "UTF-8")).run(new String[] {"-Xnocompile", "-keep",
                "-extension", "-quiet", "-s", src.toString(), "-d", classes.toString(), "-p", pkg, wsdlUrl(wsdl)});
        assertThat(ok).as("wsimport on %s: %s", wsdl, log.toString("UTF-8")).isTrue();
        return src;
    }

    /** Compiles the generated sources with javac and checks the service and port classes and their operations. */
    private static void assertClient(Path src, String serviceClass, String portClass, Set<String> operations)
            throws Exception {
        Path classes = clean(src.resolveSibling("classes"));
        compile(src, classes);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ContractToolkitsTest.class.getClassLoader())) {
            Class<?> service = loader.loadClass(serviceClass);
            assertThat(Service.class).isAssignableFrom(service);
            assertThat(service.getAnnotation(WebServiceClient.class)).isNotNull();

            Class<?> port = loader.loadClass(portClass);
            assertThat(port.isInterface()).isTrue();
            assertThat(port.getAnnotation(WebService.class).targetNamespace()).startsWith("urn:originhub:");
            Set<String> generated = new TreeSet<>();
            for (Method method : port.getMethods()) {
                WebMethod webMethod = method.getAnnotation(WebMethod.class);
                if (webMethod != null) {
                    generated.add(webMethod.operationName().isEmpty() ? method.getName() : webMethod.operationName());
                }
            }
            assertThat(generated).containsExactlyInAnyOrderElementsOf(operations);
            // the service hands out the port: getXxxPort() returns the port interface
            assertThat(Arrays.stream(service.getMethods())
                    .filter(m -> m.getParameterCount() == 0 && m.getReturnType() == port)).isNotEmpty();
        }
    }

    private static void compile(Path src, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<File> sources;
        try (Stream<Path> files = Files.walk(src)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).collect(Collectors.toList());
        }
        assertThat(sources).as("generated sources in %s", src).isNotEmpty();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            boolean ok = javac.getTask(out, files, diagnostics,
                    List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                            "-proc:none", "-nowarn", "-encoding", "UTF-8"),
                    null, files.getJavaFileObjectsFromFiles(sources)).call();
            assertThat(ok).as("javac on %s: %s %s", src, diagnostics.getDiagnostics(), out).isTrue();
        }
    }

    private static String wsdlUrl(String wsdl) {
        return HardenedXml.resource("wsdl/" + wsdl).toExternalForm();
    }

    private static Path clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        return Files.createDirectories(dir);
    }
}
