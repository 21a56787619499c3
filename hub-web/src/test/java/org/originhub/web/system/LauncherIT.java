package org.originhub.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.embedded.EmbeddedDatabase;
import org.originhub.db.testing.EmbeddedDatabaseExtension;

/**
 * {@code ./hub} as a newcomer uses it: start detached on a non-default port with the embedded database, stop without
 * leaving processes behind, keep data across a restart, and run on an external database given by HUB_DB_URL.
 */
@ExtendWith(EmbeddedDatabaseExtension.class)
class LauncherIT {

    private static final Path REPO = Path.of(System.getProperty("hub.repo", "..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Map<String, String>> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() throws Exception {
        for (Map<String, String> env : started) {
            run(env, 120, "stop");
        }
    }

    @Test
    void startStopRestartKeepsDataAndLeavesNoProcess() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "launcher-embedded").toAbsolutePath();
        int port = freePort();
        Map<String, String> env = environment(dataDir, port);

        Result first = start(env);
        assertThat(first.output).contains("Origin Hub is ready").contains("http://127.0.0.1:" + port + "/");
        String instance = instanceId(port);
        assertThat(get(port, "/services/hub?wsdl").body()).contains("urn:originhub:info:v1");
        assertThat(run(env, 30, "status").output).contains("running and ready");

        Result stop = run(env, 120, "stop");
        assertThat(stop.exit).isZero();
        assertThat(processesUsing(dataDir)).as("processes left behind").isEmpty();
        assertThat(run(env, 30, "status").exit).isEqualTo(3);

        start(env);
        assertThat(instanceId(port)).as("instance id after a restart").isEqualTo(instance);
    }

    @Test
    void runsOnAnExternalDatabase(EmbeddedDatabase external, DataSource externalDataSource) throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "launcher-external").toAbsolutePath();
        int port = freePort();
        Map<String, String> env = environment(dataDir, port);
        env.put("HUB_DB_URL", external.jdbcUrl());
        env.put("HUB_DB_USER", external.user());

        Result result = start(env);

        assertThat(result.output).contains("using the external database").doesNotContain("embedded MariaDB");
        String instance = instanceId(port);
        try (Connection c = externalDataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT instance_id FROM hub_instance")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(instance);
        }
        assertThat(Files.exists(dataDir.resolve("db"))).as("no embedded database created").isFalse();
    }

    @Test
    void anUnreachableExternalDatabaseIsReportedClearly() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "launcher-unreachable").toAbsolutePath();
        Map<String, String> env = environment(dataDir, freePort());
        env.put("HUB_DB_URL", "jdbc:mysql://127.0.0.1:" + freePort() + "/hub");

        Result result = run(env, 60, "start", "--detach");

        assertThat(result.exit).isNotZero();
        assertThat(result.output).contains("database unreachable at 127.0.0.1:");
    }

    @Test
    void aTakenPortIsReportedClearly() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "launcher-port").toAbsolutePath();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result result = run(environment(dataDir, taken.getLocalPort()), 60, "start", "--detach");

            assertThat(result.exit).isNotZero();
            assertThat(result.output).contains("port " + taken.getLocalPort() + " is already in use");
        }
    }

    private Map<String, String> environment(Path dataDir, int port) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        // HUB_ADMIN_PASSWORD stays: the external-database test shares its database with HubSystemIT, and whichever
        // hub starts first on it creates the first administrator with that password.
        env.keySet().removeIf(k -> k.startsWith("HUB_") && !k.equals("HUB_ADMIN_PASSWORD"));
        env.put("HUB_DATA_DIR", dataDir.toString());
        env.put("HUB_HTTP_PORT", Integer.toString(port));
        // The test runs inside the build that made the WAR: use it as it is.
        env.put("HUB_SKIP_BUILD", "1");
        return env;
    }

    private Result start(Map<String, String> env) throws Exception {
        started.add(env);
        Result result = run(env, 240, "start", "--detach");
        assertThat(result.exit).as("./hub start --detach:\n" + result.output).isZero();
        return result;
    }

    private static Result run(Map<String, String> env, int timeoutSeconds, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(REPO.resolve("hub").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Path output = Files.createTempFile("hub-launcher", ".out");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./hub " + String.join(" ", args) + " did not finish in " + timeoutSeconds
                    + " s:\n" + Files.readString(output));
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        return new Result(process.exitValue(), text);
    }

    private static List<ProcessHandle> processesUsing(Path dataDir) {
        String marker = dataDir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(marker)).orElse(false))
                .toList();
    }

    private static String instanceId(int port) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/services/hub"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                                + "<GetHubInfoRequest xmlns=\"urn:originhub:info:v1\"/></s:Body></s:Envelope>"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("<InstanceId>([^<]+)</InstanceId>").matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Result(int exit, String output) {
    }
}
