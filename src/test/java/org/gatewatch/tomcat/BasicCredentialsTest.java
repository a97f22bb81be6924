package org.gatewatch.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBasicHeaderGivesUserAndPasswordWhichMayHoldColons() {
        FormAndBasicAuthenticator.Credentials c = FormAndBasicAuthenticator.Credentials.parseBasic(
                basic("guard:pa:ss wörd"));
        assertEquals("guard", c.user());
        assertEquals("pa:ss wörd", c.password());
        assertEquals("guard", FormAndBasicAuthenticator.Credentials.parseBasic("basic "
                + Base64.getEncoder().encodeToString("guard:x".getBytes(StandardCharsets.UTF_8))).user(),
                "the scheme is case-insensitive");
    }

    @Test
    void anythingElseIsNoCredentials() {
        assertNull(FormAndBasicAuthenticator.Credentials.parseBasic("Bearer abc"));
        assertNull(FormAndBasicAuthenticator.Credentials.parseBasic("Basic"));
        assertNull(FormAndBasicAuthenticator.Credentials.parseBasic("Basic !!!not base64!!!"));
        assertNull(FormAndBasicAuthenticator.Credentials.parseBasic(basic("no-colon")));
        assertNull(FormAndBasicAuthenticator.Credentials.parseBasic(basic(":password-without-user")));
    }

    @Test
    void thePasswordNeverPrintsAndUserNamesCannotForgeLogLines() {
        assertFalse(FormAndBasicAuthenticator.Credentials.parseBasic(basic("u:secret")).toString().contains("secret"));
        assertEquals("admin??forged", FormAndBasicAuthenticator.printable("admin\r\nforged"));
        assertEquals(64, FormAndBasicAuthenticator.printable("x".repeat(500)).length());
    }
}
