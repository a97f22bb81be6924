package org.gatewatch.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Users for a test deployment, the way a site grants them: a realm in the webapp's context, wrapped in Tomcat's
 * {@code LockOutRealm} as conf/tomcat/server.xml wraps the site's users. The embedded Tomcat of the Arquillian
 * tests has no server.xml, so the realm goes into the WAR's own META-INF/context.xml beside the shipped
 * authenticator valve; everything else in that file stays as shipped.
 */
public final class TestRealm {

    /** Extra users with no role at all, to show that a valid login without a GateWatch role gets 403. */
    public static final String NOBODY = "nobody";
    /** Users that the lock-out tests lock, one per login kind, so no other test is locked with them. */
    public static final String LOCKED_BASIC = "locked-basic";
    public static final String LOCKED_FORM = "locked-form";
    /** A Prometheus scraper's account: role gatewatch-metrics, which reads /metrics and nothing else. */
    public static final String METRICS = "metrics";

    private TestRealm() {
    }

    /** The WAR with the test users (ItUsers, plus the extra ones above) in its context. */
    public static WebArchive addTo(WebArchive war, Path work) {
        try {
            Path users = work.resolve("test-users.xml");
            Files.createDirectories(work);
            Files.writeString(users, usersXml());
            String context;
            try (InputStream in = war.get("META-INF/context.xml").getAsset().openStream()) {
                context = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String realm = """
                      <Realm className="org.apache.catalina.realm.LockOutRealm">
                        <Realm className="org.apache.catalina.realm.MemoryRealm" pathname="%s"/>
                      </Realm>
                    </Context>""".formatted(users.toAbsolutePath());
            war.delete("META-INF/context.xml");
            war.addAsManifestResource(new StringAsset(context.replace("</Context>", realm)), "context.xml");
            return war;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the test users", e);
        }
    }

    private static String usersXml() {
        Map<String, String> roles = Stream.of(ItUsers.values())
                .collect(Collectors.toMap(ItUsers::userName, ItUsers::role));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tomcat-users>\n");
        roles.forEach((user, role) -> xml.append(user(user, role)));
        xml.append(user(NOBODY, "some-other-app"));
        xml.append(user(LOCKED_BASIC, "gatewatch-admin"));
        xml.append(user(LOCKED_FORM, "gatewatch-admin"));
        xml.append(user(METRICS, "gatewatch-metrics"));
        return xml.append("</tomcat-users>\n").toString();
    }

    private static String user(String name, String role) {
        return "  <user username=\"" + name + "\" password=\"" + ItUsers.PASSWORD + "\" roles=\"" + role + "\"/>\n";
    }
}
