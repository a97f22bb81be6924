package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every URL of the WAR, asked anonymously, by a user with no GateWatch role, and as viewer, guard and admin, with
 * GET and with each state-changing method: 401 (or the login form, for a page) without a login, 403 without the
 * role, and the servlet's own answer with it. The URLs come from web.xml's servlet mappings, so a mapping that
 * nobody put in the matrix below fails the test instead of going live unchecked.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoleMatrixIT {

    /** Who may: anyone, or a role and the roles above it. */
    enum Access { OPEN, VIEWER, GUARD, ADMIN }

    /** One URL to ask: who may read it (GET) and who may change through it (POST, PUT, DELETE). */
    record Probe(String path, Access read, Access write, boolean page) {
    }

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE");
    private static final String NO_ID = "999999";

    /** Servlet url-pattern → the URLs that exercise it. */
    private static final Map<String, List<Probe>> MATRIX = new LinkedHashMap<>();

    static {
        add("", page("/", Access.VIEWER));
        add("/video_feed", api("/video_feed", Access.VIEWER));
        add("/cameras/*", api("/cameras/demo/video_feed", Access.VIEWER),
                api("/cameras/demo/snapshot.jpg", Access.VIEWER));
        add("/api/status", api("/api/status", Access.VIEWER));
        add("/healthz", new Probe("/healthz", Access.OPEN, Access.OPEN, true));
        add("/readyz", new Probe("/readyz", Access.OPEN, Access.OPEN, true));
        add("/api/people", api("/api/people", Access.GUARD));
        add("/api/people/*", api("/api/people/" + NO_ID, Access.GUARD),
                api("/api/people/" + NO_ID + "/faces", Access.GUARD),
                api("/api/people/" + NO_ID + "/faces/1.jpg", Access.GUARD));
        add("/api/enrollment", api("/api/enrollment", Access.GUARD));
        add("/people", page("/people", Access.GUARD));
        add("/people/*", page("/people/" + NO_ID, Access.GUARD));
        add("/events", page("/events", Access.GUARD));
        add("/api/events", api("/api/events", Access.GUARD));
        add("/api/events/*", api("/api/events/export.csv", Access.GUARD),
                api("/api/events/" + NO_ID + "/frame.jpg", Access.GUARD),
                api("/api/events/" + NO_ID + "/face.jpg", Access.GUARD));
        add("/api/events/stream", api("/api/events/stream", Access.GUARD));
        add("/api/cameras/*", api("/api/cameras/demo/links", Access.ADMIN));
        add("/logout", new Probe("/logout", Access.VIEWER, Access.VIEWER, true));
        // Read also by the gatewatch-metrics role, which stands outside this ladder: MetricsIT checks it.
        add("/metrics", api("/metrics", Access.ADMIN));
        // Not servlet mappings, but URLs all the same: static files, and whatever nobody mapped.
        add("(static files)", page("/static/css/gatewatch.css", Access.OPEN));
        add("(unmapped)", page("/no-such-page", Access.ADMIN), page("/WEB-INF/web.xml", Access.ADMIN),
                page("/WEB-INF/jsp/live.jsp", Access.ADMIN));
    }

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GateWatchDeployment.war();
    }

    @Test
    void everyServletMappingIsInTheMatrix() throws Exception {
        Set<String> missing = new TreeSet<>(servletPatterns());
        missing.removeAll(MATRIX.keySet());
        assertTrue(missing.isEmpty(), "servlet mappings that nobody put in RoleMatrixIT's matrix: " + missing);
    }

    @Test
    void everyUrlAnswersEachRoleAsDeclared() throws IOException {
        List<String> wrong = new ArrayList<>();
        int asked = 0;
        for (List<Probe> probes : MATRIX.values()) {
            for (Probe probe : probes) {
                for (String method : METHODS) {
                    Access needed = method.equals("GET") ? probe.read() : probe.write();
                    for (Who who : Who.values()) {
                        RawHttp.Answer answer = ask(method, probe.path(), who);
                        asked++;
                        String problem = judge(probe, needed, who, answer);
                        if (problem != null) {
                            wrong.add(who + " " + method + " " + probe.path() + ": " + problem + " (" + answer + ")");
                        }
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + asked + " answers are wrong:\n" + String.join("\n", wrong));
    }

    /** Null when the answer is what {@code who} should get, else what is wrong with it. */
    private static String judge(Probe probe, Access needed, Who who, RawHttp.Answer answer) {
        if (who.may(needed)) {
            if (answer.status() == 401 || answer.status() == 403 || answer.isLoginForm()) {
                return "refused, but " + who + " may";
            }
            return null;
        }
        if (who == Who.ANONYMOUS) {
            if (probe.page()) {
                return answer.isLoginForm() ? null : "expected the login form";
            }
            if (answer.status() != 401) {
                return "expected 401";
            }
            String challenge = String.valueOf(answer.header("WWW-Authenticate"));
            return challenge.startsWith("Basic ") ? null : "401 without WWW-Authenticate: Basic";
        }
        return answer.status() == 403 ? null : "expected 403";
    }

    private RawHttp.Answer ask(String method, String path, Who who) throws IOException {
        Map<String, String> headers = new HashMap<>();
        if (who.header() != null) {
            headers.put("Authorization", who.header());
        }
        byte[] body = null;
        if (!method.equals("GET")) {
            headers.put("Content-Type", "application/json");
            body = "{}".getBytes(StandardCharsets.UTF_8);
        }
        URI server = URI.create(base.toString());
        try {
            return RawHttp.send(server, method, server.getPath().replaceAll("/$", "") + path, headers, body);
        } catch (IOException e) {
            throw new IOException(who + " " + method + " " + path + ": " + e, e);
        }
    }

    /** The url-patterns of every servlet-mapping in the WAR's web.xml. */
    private static Set<String> servletPatterns() throws Exception {
        try (ZipFile war = new ZipFile(TestPaths.warFile().toFile());
             InputStream in = war.getInputStream(war.getEntry("WEB-INF/web.xml"))) {
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            Set<String> patterns = new TreeSet<>();
            NodeList mappings = xml.getElementsByTagName("servlet-mapping");
            for (int i = 0; i < mappings.getLength(); i++) {
                NodeList urls = ((Element) mappings.item(i)).getElementsByTagName("url-pattern");
                for (int j = 0; j < urls.getLength(); j++) {
                    patterns.add(urls.item(j).getTextContent().trim());
                }
            }
            assertTrue(patterns.size() > 10, "web.xml has servlet mappings: " + patterns);
            return patterns;
        }
    }

    private static void add(String pattern, Probe... probes) {
        MATRIX.put(pattern, List.of(probes));
    }

    private static Probe page(String path, Access read) {
        return new Probe(path, read, Access.ADMIN, true);
    }

    private static Probe api(String path, Access read) {
        return new Probe(path, read, Access.ADMIN, false);
    }

    /** The askers: nobody, a valid login with no GateWatch role, and the three roles. */
    enum Who {
        ANONYMOUS(null, null),
        NO_ROLE(ItUsers.basic(TestRealm.NOBODY, ItUsers.PASSWORD), null),
        VIEWER(ItUsers.VIEWER.header(), Access.VIEWER),
        GUARD(ItUsers.GUARD.header(), Access.GUARD),
        ADMIN(ItUsers.ADMIN.header(), Access.ADMIN);

        private final String header;
        private final Access rank;

        Who(String header, Access rank) {
            this.header = header;
            this.rank = rank;
        }

        String header() {
            return header;
        }

        boolean may(Access needed) {
            return needed == Access.OPEN || (rank != null && rank.ordinal() >= needed.ordinal());
        }
    }
}
