package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Logging in as people and scripts do: the login form with its session cookie, HTTP Basic, logout, and the lock-out
 * after five wrong passwords in a row (Tomcat's LockOutRealm), which holds even against the right password and is
 * logged with the client's address.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoginIT {

    private static final String WRONG = "not-the-password";
    /** The authenticator logs through Tomcat's own log, which the embedded Tomcat of this JVM sends to JUL. */
    private static final Logger AUTH_LOG = Logger.getLogger("org.gatewatch.tomcat.FormAndBasicAuthenticator");

    @ArquillianResource
    private URL base;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GateWatchDeployment.war();
    }

    @BeforeEach
    void listen() {
        AUTH_LOG.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        AUTH_LOG.removeHandler(capture);
    }

    @Test
    void formLoginGivesAnHttpOnlyLaxSessionAndLogoutEndsIt() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> form = browser.get("people");
        assertTrue(form.body().contains("j_security_check"), "a page asks for the login first: " + form.body());
        String cookie = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + form.headers().map()));
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertFalse(cookie.contains("Secure"), "not over plain HTTP: " + cookie);

        HttpResponse<String> in = browser.logIn(ItUsers.GUARD.userName(), ItUsers.PASSWORD);
        assertEquals(303, in.statusCode(), () -> "back to the page asked for: " + in.headers().map() + in.body());
        assertTrue(in.headers().firstValue("Location").orElse("").endsWith("/gatewatch/people"),
                in.headers().map().toString());
        HttpResponse<String> page = browser.get("people");
        assertEquals(200, page.statusCode());
        assertFalse(page.body().contains("j_security_check"), "logged in, the page itself shows");
        assertEquals(403, browser.get("api/people/1/faces/1.jpg", "DELETE").statusCode(), "a guard changes nothing");
    }

    @Test
    void theSixthBasicLoginIsRefusedEvenWithTheRightPassword() throws Exception {
        ApiClient api = new ApiClient(base.toString(), null);
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri("api/status"))
                    .header("Authorization", ItUsers.basic(TestRealm.LOCKED_BASIC, WRONG)));
            assertEquals(401, r.statusCode(), "wrong password " + i);
        }
        HttpResponse<String> right = api.send(HttpRequest.newBuilder(api.uri("api/status"))
                .header("Authorization", ItUsers.basic(TestRealm.LOCKED_BASIC, ItUsers.PASSWORD)));
        assertEquals(401, right.statusCode(), "locked out: the right password is refused too");
        assertEquals(200, new ApiClient(base.toString()).get("api/status").statusCode(), "other users are not locked");
        assertLockOutLogged(TestRealm.LOCKED_BASIC);
    }

    @Test
    void theSixthFormLoginIsRefusedEvenWithTheRightPassword() throws Exception {
        for (int i = 1; i <= 5; i++) {
            Browser browser = new Browser();
            browser.get("events");
            HttpResponse<String> r = browser.logIn(TestRealm.LOCKED_FORM, WRONG);
            assertTrue(r.body().contains("j_security_check") && r.body().contains("id=\"login-error\""),
                    "wrong password " + i + " shows the form again with the error: " + r.body());
        }
        Browser browser = new Browser();
        browser.get("events");
        HttpResponse<String> right = browser.logIn(TestRealm.LOCKED_FORM, ItUsers.PASSWORD);
        assertTrue(right.body().contains("j_security_check"), "locked out: the right password is refused too");
        assertLockOutLogged(TestRealm.LOCKED_FORM);
    }

    private void assertLockOutLogged(String user) {
        assertTrue(logged.stream().anyMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()
                        && r.getMessage().contains("[" + user + "]") && r.getMessage().contains("locked out")
                        && r.getMessage().contains("127.0.0.1")),
                "the lock-out of " + user + " is logged with the address: "
                        + logged.stream().map(LogRecord::getMessage).toList());
    }

    /** A cookie-keeping client that follows no redirect, as the tests want to see each answer. */
    private final class Browser {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return get(path, "GET");
        }

        HttpResponse<String> get(String path, String method) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method,
                    HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> logIn(String user, String password) throws IOException, InterruptedException {
            String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                    + "&j_password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
            return http.send(HttpRequest.newBuilder(URI.create(base + "j_security_check"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
