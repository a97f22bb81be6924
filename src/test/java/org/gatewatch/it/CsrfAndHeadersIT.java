package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests a stranger's page cannot forge, against the deployed WAR: a browser session must send its CSRF token and
 * GateWatch's own Origin to change anything, a script with an Authorization header needs neither; every kind of
 * answer carries the security headers; no cache may keep a face or a snapshot.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CsrfAndHeadersIT {

    private static final String EVIL = "https://evil.example";

    @ArquillianResource
    private URL base;
    private ApiClient api;
    private BrowserSession browser;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return EventsDeployment.war();
    }

    @BeforeEach
    void clients() {
        api = new ApiClient(base.toString());
        browser = new BrowserSession(base.toString());
    }

    @Test
    void aScriptWithAnAuthorizationHeaderPostsWithoutAToken() {
        HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri("api/people"))
                .header("Authorization", ItUsers.ADMIN.header()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Script " + run + "\"}")));
        assertEquals(201, r.statusCode(), r.body());
    }

    @Test
    void aSessionPostWithoutTheTokenIs403() {
        browser.open("people", ItUsers.ADMIN);
        HttpResponse<String> page = browser.postForm("people", Map.of("name", "No token " + run),
                browser.ownOrigin());
        assertEquals(403, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("no CSRF token"), "a readable page says why: " + page.body());

        HttpResponse<String> json = postJson(null, browser.ownOrigin(), "{\"name\":\"No token " + run + "\"}");
        assertOneLineError(json, 403);
        assertEquals(0, ApiClient.json(api.get("api/people?q=" + "No%20token%20" + run)).get("total").asInt(),
                "nothing was created");
    }

    @Test
    void theTokenFromAForeignOriginIs403() {
        String token = browser.open("people", ItUsers.ADMIN);
        HttpResponse<String> page = browser.postForm("people", Map.of("_csrf", token, "name", "Evil " + run), EVIL);
        assertEquals(403, page.statusCode(), page.body());
        assertTrue(page.body().contains("another site"), page.body());
        assertOneLineError(postJson(token, EVIL, "{\"name\":\"Evil " + run + "\"}"), 403);
        // A page that hides its origin ("null") is no better.
        assertOneLineError(postJson(token, "null", "{\"name\":\"Evil " + run + "\"}"), 403);
        // Nor is a browser with credentials of its own, posting a stranger's form.
        HttpResponse<String> basic = api.send(HttpRequest.newBuilder(api.uri("api/people"))
                .header("Authorization", ItUsers.ADMIN.header()).header("Origin", EVIL)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Evil " + run + "\"}")));
        assertOneLineError(basic, 403);
        assertEquals(0, ApiClient.json(api.get("api/people?q=Evil%20" + run)).get("total").asInt());
    }

    @Test
    void theTokenWithOurOwnOriginWorksForFormsUploadsAndScripts() throws IOException {
        String token = browser.open("people", ItUsers.ADMIN);
        HttpResponse<String> created = browser.postForm("people",
                Map.of("_csrf", token, "name", "Grâce " + run, "active", "on"), browser.ownOrigin());
        assertEquals(303, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        assertTrue(location.matches("/gatewatch/people/\\d+\\?done=created"), location);
        long id = Long.parseLong(location.replaceAll(".*/people/(\\d+)\\?.*", "$1"));
        assertEquals("Grâce " + run, ApiClient.json(api.get("api/people/" + id)).get("name").asText(),
                "the form's UTF-8 survives the filter reading the token first");

        // The person page's upload form is multipart: the token travels as one of its parts.
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", token);
        fields.put("action", "upload");
        HttpResponse<String> upload = browser.postMultipart("people/" + id, fields, "image",
                PeopleApiIT.image("png"), browser.ownOrigin());
        assertEquals(303, upload.statusCode(), upload.body());
        assertTrue(upload.headers().firstValue("Location").orElse("").endsWith("?done=face-added"));
        fields.remove("_csrf");
        assertEquals(403, browser.postMultipart("people/" + id, fields, "image", PeopleApiIT.image("png"),
                browser.ownOrigin()).statusCode(), "the same upload without the token");

        // A script on our page sends the token as a header; a browser that sends no Origin sends a Referer.
        HttpResponse<String> json = browser.send(HttpRequest.newBuilder(browser.uri("api/people/" + id))
                .header("Content-Type", "application/json").header("X-CSRF-Token", token)
                .header("Referer", base + "people/" + id)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Grace " + run + "\"}")));
        assertEquals(200, json.statusCode(), json.body());
        HttpResponse<String> noOrigin = browser.send(HttpRequest.newBuilder(browser.uri("api/people/" + id))
                .header("Content-Type", "application/json").header("X-CSRF-Token", token)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Nobody " + run + "\"}")));
        assertOneLineError(noOrigin, 403);
    }

    @Test
    void logoutEndsTheSessionAndItsToken() {
        String token = browser.open("people", ItUsers.ADMIN);
        HttpResponse<String> out = browser.postForm("logout", Map.of("_csrf", token), browser.ownOrigin());
        assertEquals(303, out.statusCode(), out.body());
        assertEquals("/gatewatch/", out.headers().firstValue("Location").orElse(""));
        HttpResponse<String> after = browser.postForm("people", Map.of("_csrf", token, "name", "After " + run),
                browser.ownOrigin());
        assertTrue(after.statusCode() == 403 || after.statusCode() == 401 || after.statusCode() == 200,
                "the old token opens nothing: " + after.statusCode());
        assertFalse(after.statusCode() == 303, "no person created with the token of an ended session");
        browser.open("people", ItUsers.ADMIN);
        assertEquals(405, browser.get("logout").statusCode(), "a link or an image cannot log anyone out");
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        assertSecurityHeaders("the live page", browser.get("").headers());
        assertSecurityHeaders("the people page", browser.get("people").headers());
        assertSecurityHeaders("an API answer", api.get("api/status").headers());
        assertSecurityHeaders("a static file", api.get("static/css/gatewatch.css").headers());
        HttpResponse<String> apiError = api.get("api/people/999999999");
        assertEquals(404, apiError.statusCode());
        assertSecurityHeaders("an API error", apiError.headers());
        HttpResponse<String> pageError = api.get("people/nope");
        assertEquals(404, pageError.statusCode());
        assertSecurityHeaders("a page error", pageError.headers());
        HttpResponse<String> missing = api.get("static/no-such-file.css");
        assertEquals(404, missing.statusCode());
        assertSecurityHeaders("the container's 404", missing.headers());
    }

    @Test
    void noCacheMayKeepAFaceOrASnapshot() throws Exception {
        long person = api.createPerson("Cached " + run, null).get("id").asLong();
        HttpResponse<String> up = api.upload("api/people/" + person + "/faces", "image", "face.png", "image/png",
                PeopleApiIT.image("png"));
        assertEquals(201, up.statusCode(), up.body());
        String faceUrl = ApiClient.json(up).get("url").asText().substring("/gatewatch/".length());
        assertPrivateNoStore("an enrolled face", api.getBytes(faceUrl));

        long event = EventsDeployment.record(api, Map.of("camera", "demo", "decision", "DENIED",
                "name", "Stranger " + run));
        assertPrivateNoStore("an event's face", api.getBytes("api/events/" + event + "/face.jpg"));
        assertPrivateNoStore("an event's frame", api.getBytes("api/events/" + event + "/frame.jpg"));
        assertPrivateNoStore("a camera snapshot", api.getBytes("cameras/demo/snapshot.jpg"));
    }

    // ----------------------------------------------------------------------------------------------------------------

    /** POSTs JSON to api/people in the browser session, with the token as a script sends it (null: none). */
    private HttpResponse<String> postJson(String token, String origin, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(browser.uri("api/people"))
                .header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("X-CSRF-Token", token);
        }
        return browser.send(b);
    }

    private static void assertOneLineError(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = ApiClient.json(r);
        assertTrue(body.get("error").asText().length() > 10, r.body());
        assertFalse(r.body().contains("\n"), "one line: " + r.body());
    }

    private static void assertSecurityHeaders(String what, HttpHeaders headers) {
        String csp = headers.firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.startsWith("default-src 'self'; frame-ancestors 'none'"), what + ": " + csp);
        assertFalse(csp.contains("unsafe"), what + ": " + csp);
        assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(""), what);
        assertEquals("same-origin", headers.firstValue("Referrer-Policy").orElse(""), what);
    }

    private static void assertPrivateNoStore(String what, HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode(), what);
        assertEquals("private, no-store", r.headers().firstValue("Cache-Control").orElse(""), what);
        assertSecurityHeaders(what, r.headers());
    }
}
