package org.gatewatch.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The users of the test realm, one per role, and the HTTP Basic header a script sends for each. Every request a test
 * makes as a user goes through {@link #header()}, so the tests say which role they act as.
 */
public enum ItUsers {
    VIEWER("viewer", "gatewatch-viewer"),
    GUARD("guard", "gatewatch-guard"),
    ADMIN("admin", "gatewatch-admin");

    /** One password for the test users; the lock-out tests use users of their own. */
    public static final String PASSWORD = "it-secret-1";

    private final String name;
    private final String role;

    ItUsers(String name, String role) {
        this.name = name;
        this.role = role;
    }

    public String userName() {
        return name;
    }

    public String role() {
        return role;
    }

    /** The value of an {@code Authorization} header with this user's credentials. */
    public String header() {
        return basic(name, PASSWORD);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
