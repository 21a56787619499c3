package org.originhub.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.originhub.db.testing.EmbeddedDatabaseExtension;

/**
 * The real WAR on Payara Micro against a real MariaDB: readiness, the published WSDL and a SOAP call. The database
 * extension comes first so the server starts after the database it is configured for.
 */
@ExtendWith({EmbeddedDatabaseExtension.class, ArquillianExtension.class})
class HubSystemIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive hub() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("hub.war")));
    }

    @Test
    void readinessIsUpOnceTheSchemaIsMigrated() throws Exception {
        HttpResponse<String> ready = get(URI.create(base.toString()).resolve("/health/ready"));

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"").contains("\"name\":\"database\"")
                .contains("schemaVersion");
    }

    @Test
    void theHubInfoWsdlIsTheContract() throws Exception {
        HttpResponse<String> wsdl = get(URI.create(base + "services/hub?wsdl"));

        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("targetNamespace=\"urn:originhub:info:v1\"")
                .contains("name=\"GetHubInfo\"").contains("HubInfoService");
    }

    @Test
    void getHubInfoAnswersWithTheIdentityStoredInTheDatabase(DataSource dataSource) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "services/hub"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"urn:originhub:info:v1:GetHubInfo\"")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                                + "<GetHubInfoRequest xmlns=\"urn:originhub:info:v1\"/></s:Body></s:Envelope>"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<HubName>Origin Hub</HubName>").contains("<HubVersion>");
        Matcher instance = Pattern.compile("<InstanceId>([^<]+)</InstanceId>").matcher(response.body());
        assertThat(instance.find()).isTrue();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT instance_id FROM hub_instance")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(instance.group(1));
        }
    }

    @Test
    void theStartOfThisNodeWasRecorded(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM hub_start")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(1);
        }
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
