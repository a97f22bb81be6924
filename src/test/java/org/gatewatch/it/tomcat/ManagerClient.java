package org.gatewatch.it.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * Tomcat's manager text API, as an operator's script or a CI job drives it, for a base laid out with the manager
 * ({@code bin/tomcat-base --manager USER:PASSWORD}). Each command fails the test unless the manager answers OK.
 */
public final class ManagerClient {

    /** The manager-script user that {@link RealTomcat} gives bin/tomcat-base. */
    public static final String USER = "gwtest";
    public static final String PASSWORD = "gwtest-secret";

    /** Deploying unpacks a WAR of natives and starts the app: far longer than a page. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final String baseUrl;
    private final HttpClient http;

    ManagerClient(String baseUrl, HttpClient http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    /** Uploads the WAR with PUT (what a remote deploy does: curl -T). */
    public String deployUpload(String contextPath, Path warFile) {
        try {
            HttpRequest.BodyPublisher war = HttpRequest.BodyPublishers.ofFile(warFile);
            return requireOk("deploy (upload) of " + warFile,
                    send(request("deploy?path=" + contextPath).PUT(war).build()));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deploys a WAR that is on the server's disk ({@code war=file:...}). */
    public String deployLocal(String contextPath, Path warFile) {
        return requireOk("deploy of " + warFile, command("deploy?path=" + contextPath + "&war=" + warFile.toUri()));
    }

    public String reload(String contextPath) {
        return requireOk("reload of " + contextPath, command("reload?path=" + contextPath));
    }

    public String undeploy(String contextPath) {
        return requireOk("undeploy of " + contextPath, command("undeploy?path=" + contextPath));
    }

    public String list() {
        return requireOk("list", command("list"));
    }

    /** Tomcat runs a full GC itself before it looks for class loaders of stopped contexts that are still alive. */
    public String findLeaks() {
        return requireOk("findleaks", command("findleaks?statusLine=true"));
    }

    /** The status of {@code list}, for a launcher waiting until the manager is up; throws while nothing listens. */
    int listStatus() throws IOException, InterruptedException {
        HttpRequest rq = request("list").timeout(Duration.ofSeconds(5)).GET().build();
        return http.send(rq, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** GET /manager/text/{command}; returns the body ("OK - ..." or "FAIL - ..."), failing on a status but 200. */
    private String command(String commandAndQuery) {
        return send(request(commandAndQuery).GET().build());
    }

    private HttpRequest.Builder request(String commandAndQuery) {
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(baseUrl + "/manager/text/" + commandAndQuery))
                .timeout(COMMAND_TIMEOUT).header("Authorization", "Basic " + auth);
    }

    private String send(HttpRequest request) {
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String what = "manager " + request.uri().getPath().replaceFirst("^/manager/text/", "");
        assertEquals(200, r.statusCode(), () -> what + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    private static String requireOk(String what, String body) {
        assertTrue(body.startsWith("OK"), () -> what + " failed: " + body.strip());
        return body;
    }
}
