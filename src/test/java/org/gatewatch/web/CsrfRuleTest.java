package org.gatewatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsrfRuleTest {

    private static final String OWN = CsrfRule.origin("http", "gate.example", 8080);
    private static final String TOKEN = "s3cr3t-token";

    /** A browser's form post from GateWatch's own page: session cookie, token, own Origin. */
    private static CsrfRule.Facts browser(String method, String origin, String referer, String sent) {
        return new CsrfRule.Facts(method, false, true, origin, referer, OWN, TOKEN, sent);
    }

    @Test
    void aFormFromOurOwnPageWithTheSessionsTokenPasses() {
        assertEquals(Optional.empty(), CsrfRule.refusal(browser("POST", "http://gate.example:8080", null, TOKEN)));
        for (String method : new String[] {"PUT", "DELETE", "PATCH", "post"}) {
            assertEquals(Optional.empty(), CsrfRule.refusal(browser(method, "http://GATE.example:8080", null, TOKEN)),
                    method);
        }
    }

    @Test
    void safeMethodsAreNeverChecked() {
        for (String method : new String[] {"GET", "HEAD", "OPTIONS", "TRACE"}) {
            assertEquals(Optional.empty(), CsrfRule.refusal(browser(method, "https://evil.example", null, null)),
                    method);
        }
    }

    @Test
    void aSessionRequestWithoutTheTokenOrWithAnotherIsRefused() {
        assertTrue(CsrfRule.refusal(browser("POST", "http://gate.example:8080", null, null)).orElseThrow()
                .contains("no CSRF token"));
        assertTrue(CsrfRule.refusal(browser("POST", "http://gate.example:8080", null, "")).isPresent());
        assertTrue(CsrfRule.refusal(browser("POST", "http://gate.example:8080", null, TOKEN + "x")).orElseThrow()
                .contains("does not match"));
        assertTrue(CsrfRule.refusal(browser("POST", "http://gate.example:8080", null, "s3cr3t-tokeN")).isPresent());
    }

    @Test
    void aSessionWithoutATokenYetIsRefused() {
        CsrfRule.Facts ended = new CsrfRule.Facts("POST", false, true, "http://gate.example:8080", null, OWN, null,
                "whatever");
        assertTrue(CsrfRule.refusal(ended).orElseThrow().contains("session has ended"));
    }

    @Test
    void aForeignOriginIsRefusedEvenWithTheToken() {
        for (String origin : new String[] {"https://evil.example", "http://gate.example:8081",
                "https://gate.example:8080", "http://gate.example", "null", "http://gate.example.evil.example:8080",
                "not a url", "file:///etc/passwd"}) {
            assertTrue(CsrfRule.refusal(browser("POST", origin, null, TOKEN)).isPresent(), origin);
        }
    }

    @Test
    void withoutOriginTheRefererDecides() {
        assertEquals(Optional.empty(), CsrfRule.refusal(browser("POST", null,
                "http://gate.example:8080/gatewatch/people/7?done=saved", TOKEN)));
        assertTrue(CsrfRule.refusal(browser("POST", null, "https://evil.example/gatewatch/people", TOKEN))
                .isPresent());
        // Origin wins when both are sent: a Referer cannot vouch for a foreign Origin.
        assertTrue(CsrfRule.refusal(browser("POST", "https://evil.example",
                "http://gate.example:8080/gatewatch/", TOKEN)).isPresent());
    }

    @Test
    void aSessionRequestWithNeitherOriginNorRefererIsRefused() {
        assertTrue(CsrfRule.refusal(browser("POST", null, null, TOKEN)).orElseThrow().contains("neither Origin"));
    }

    @Test
    void anAuthorizationHeaderNeedsNoTokenButStillNoForeignOrigin() {
        // A script: no session, no token, no Origin.
        assertEquals(Optional.empty(), CsrfRule.refusal(
                new CsrfRule.Facts("POST", true, false, null, null, OWN, null, null)));
        // A script that keeps a cookie jar is still a script.
        assertEquals(Optional.empty(), CsrfRule.refusal(
                new CsrfRule.Facts("DELETE", true, true, null, null, OWN, TOKEN, null)));
        // A browser with cached Basic credentials, posting a stranger's form, sends the stranger's Origin.
        assertTrue(CsrfRule.refusal(
                new CsrfRule.Facts("POST", true, false, "https://evil.example", null, OWN, null, null)).isPresent());
    }

    @Test
    void aRequestWithNoSessionCookieAndNoAuthorizationCarriesNothingToForge() {
        assertEquals(Optional.empty(), CsrfRule.refusal(
                new CsrfRule.Facts("POST", false, false, null, null, OWN, null, null)));
        assertTrue(CsrfRule.refusal(
                new CsrfRule.Facts("POST", false, false, "https://evil.example", null, OWN, null, null)).isPresent());
    }

    @Test
    void defaultPortsMatchTheirExplicitForm() {
        assertTrue(CsrfRule.sameOrigin("https://gate.example", CsrfRule.origin("https", "gate.example", 443)));
        assertTrue(CsrfRule.sameOrigin("http://gate.example/", CsrfRule.origin("HTTP", "Gate.Example", 80)));
        assertFalse(CsrfRule.sameOrigin("http://gate.example", CsrfRule.origin("https", "gate.example", 443)));
        assertTrue(CsrfRule.sameOrigin("http://[::1]:8080", CsrfRule.origin("http", "[::1]", 8080)));
        assertFalse(CsrfRule.sameOrigin("ftp://gate.example", CsrfRule.origin("ftp", "gate.example", 21)));
    }
}
