package org.gatewatch.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The built WAR ({@link GateWatchDeployment}) plus {@link TestEventsServlet} at /test/events, declared in a copy
 * of its web.xml (metadata-complete: an annotation would not be seen). Only the tests' copy of the WAR changes.
 */
public final class EventsDeployment {

    private static final String SERVLET = """
              <servlet>
                <servlet-name>test-events</servlet-name>
                <servlet-class>org.gatewatch.it.TestEventsServlet</servlet-class>
              </servlet>
              <servlet-mapping>
                <servlet-name>test-events</servlet-name>
                <url-pattern>/test/events</url-pattern>
              </servlet-mapping>
            </web-app>""";

    private EventsDeployment() {
    }

    public static WebArchive war() {
        WebArchive war = GateWatchDeployment.war();
        String webXml;
        try (InputStream in = war.get("/WEB-INF/web.xml").getAsset().openStream()) {
            webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        war.delete("/WEB-INF/web.xml");
        war.setWebXML(new StringAsset(webXml.replace("</web-app>", SERVLET)));
        war.addClass(TestEventsServlet.class);
        return war;
    }

    /** Records an event through the deployed app's recorder; returns its id. */
    public static long record(ApiClient api, Map<String, String> params) {
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        var r = api.send(java.net.http.HttpRequest.newBuilder(api.uri("test/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form.toString())));
        if (r.statusCode() != 200) {
            throw new AssertionError("test event -> " + r.statusCode() + " " + r.body());
        }
        return Long.parseLong(r.body().strip());
    }
}
