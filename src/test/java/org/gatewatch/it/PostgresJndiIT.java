package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.gatewatch.db.PostgresServer;
import org.gatewatch.it.tomcat.RealTomcat;
import org.junit.jupiter.api.Test;

/**
 * The site's switch to PostgreSQL exactly as conf/tomcat/gatewatch-postgresql.xml tells it: the file goes to
 * conf/Catalina/localhost/gatewatch.xml of a real Tomcat, the WAR is deployed, Flyway migrates the empty
 * database through the JNDI DataSource, the API writes there, and undeploying leaves no leak behind.
 */
class PostgresJndiIT {

    @Test
    void jndiOverrideRunsGateWatchOnPostgresql() throws Exception {
        // Its own database: the store tests empty gatewatch_test.
        String url = PostgresServer.emptyDatabase("gatewatch_jndi");
        RealTomcat tomcat = RealTomcat.startWithManagerOnly("it-postgres-jndi", TestPaths.tomcat11Home());
        try {
            String descriptor = PostgresDeployment.deploy(tomcat, url);
            assertTrue(descriptor.contains(url) && descriptor.contains(PostgresServer.PASSWORD), descriptor);

            String name = "Pg " + UUID.randomUUID();
            HttpResponse<byte[]> created = post(tomcat, "/gatewatch/api/people", "{\"name\":\"" + name + "\"}");
            assertEquals(201, created.statusCode(), new String(created.body(), StandardCharsets.UTF_8));
            try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
                 PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM person WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    assertEquals(1, r.getInt(1), "the person is in PostgreSQL, not in an embedded H2");
                }
            }
            assertTrue(tomcat.log().text().contains("Database JNDI java:comp/env/jdbc/gatewatch (PostgreSQL)"),
                    () -> "the log names the JNDI PostgreSQL database:\n" + tomcat.log().tail(40));

            tomcat.manager().undeploy("/gatewatch");
            Thread.sleep(1000);
            List<String> bad = tomcat.log().badLines();
            assertTrue(bad.isEmpty(), () -> "deploy or undeploy logged problems:\n" + String.join("\n", bad));
        } finally {
            tomcat.stop();
        }
    }

    private static HttpResponse<byte[]> post(RealTomcat tomcat, String path, String json) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(tomcat.url(path))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("Authorization", ItUsers.ADMIN.header())
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
