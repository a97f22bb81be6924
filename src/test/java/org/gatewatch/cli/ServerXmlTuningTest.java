package org.gatewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The server.xml merge on small files: what changes, what stays byte for byte, and what is refused. */
class ServerXmlTuningTest {

    private static final Path SHIPPED = Path.of("conf/tomcat/server.xml");

    private static ServerXmlTuning tuning() throws IOException {
        return ServerXmlTuning.from(SHIPPED);
    }

    @Test
    void theShippedFileNeedsNothing() throws IOException {
        String shipped = Files.readString(SHIPPED);
        ServerXmlTuning.Result r = tuning().apply(shipped, "shipped");
        assertEquals(java.util.List.of(), r.changes());
        assertEquals(shipped, r.text());
    }

    @Test
    void aSiteFileGetsTheSettingsAndKeepsItsOwn() throws IOException {
        String site = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- the site's comment -->
                <Server port="-1" shutdown="SHUTDOWN">
                  <Listener className="org.apache.catalina.startup.VersionLoggerListener" />
                  <Listener className="org.apache.catalina.core.JreMemoryLeakPreventionListener"
                            classesToInitialize="com.example.Thing" />
                  <Service name="Catalina">
                    <Connector port="8081" protocol="HTTP/1.1" socket.appWriteBufSize="8192"
                               connectionTimeout="20000" redirectPort="8443" />
                    <Connector protocol="AJP/1.3" address="::1" port="8009" redirectPort="8443" secretRequired="false"/>
                    <Engine name="Catalina" defaultHost="localhost"><Host name="localhost" appBase="webapps"/></Engine>
                  </Service>
                </Server>
                """;
        ServerXmlTuning.Result r = tuning().apply(site, "site");
        String out = r.text();
        assertTrue(out.contains("classesToInitialize=\"com.example.Thing,org.bytedeco.javacpp.Pointer,"
                + "org.eclipse.jdt.internal.compiler.lookup.ReferenceBinding\""), out);
        assertTrue(out.contains("    <Executor name=\"gatewatchExecutor\""), out);
        assertTrue(out.indexOf("<Executor") < out.indexOf("<Connector port=\"8081\""), "Executor before the Connector");
        assertTrue(out.contains("<Connector port=\"8081\" protocol=\"HTTP/1.1\" socket.appWriteBufSize=\"131072\"\n"),
                "a present value is replaced where it stands:\n" + out);
        assertTrue(out.contains("redirectPort=\"8443\"\n               executor=\"gatewatchExecutor\""),
                "a new attribute goes on a line of its own, indented like the others:\n" + out);
        assertTrue(out.contains("<Connector protocol=\"AJP/1.3\" address=\"::1\" port=\"8009\" redirectPort=\"8443\""
                + " secretRequired=\"false\"/>"), "AJP is left alone");
        assertTrue(out.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- the site's comment -->\n"), out);
        assertTrue(r.changes().stream().anyMatch(c -> c.contains("socket.appWriteBufSize=\"131072\" (was \"8192\")")),
                r.changes().toString());
        // Merged once, the file needs nothing more.
        ServerXmlTuning.Result again = tuning().apply(out, "merged");
        assertEquals(java.util.List.of(), again.changes());
        assertEquals(out, again.text());
    }

    @Test
    void aMissingListenerIsAddedAfterTheLastOne() throws IOException {
        String site = "<Server>\n  <Listener className=\"a.B\"/>\n  <Service name=\"S\">\n"
                + "    <Connector port=\"1\"/>\n  </Service>\n</Server>\n";
        String out = tuning().apply(site, "site").text();
        assertTrue(out.contains("<Listener className=\"a.B\"/>\n  <Listener className=\""
                + ServerXmlTuning.LEAK_LISTENER + "\" classesToInitialize=\"" + ServerXmlTuning.CLASSES_TO_INITIALIZE + "\"/>"), out);
        assertTrue(out.contains("    <Executor name=\"gatewatchExecutor\""), out);
    }

    @Test
    void aDoctypeOrBrokenXmlIsRefused() throws IOException {
        ServerXmlTuning t = tuning();
        IOException doctype = assertThrows(IOException.class, () -> t.apply(
                "<!DOCTYPE Server [<!ENTITY c SYSTEM \"c.xml\">]>\n<Server>&c;</Server>", "site"));
        assertTrue(doctype.getMessage().contains("DOCTYPE"), doctype.getMessage());
        assertThrows(IOException.class, () -> t.apply("<Server><Service></Server>", "site"));
        assertThrows(IOException.class, () -> t.apply("<Context/>", "site"));
    }
}
