package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.gatewatch.cli.InstallCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bin/gatewatch install} on an untouched Tomcat base, as an operator has one: the stock conf/ of the Tomcat
 * distributions from Maven (11 and 10.1), with only the site's own choices made (its port, its users). After the
 * install Tomcat starts, the WAR answers behind its login, the connector carries the tuned settings (no
 * serverWarnings), the old server.xml is kept, and a second install changes nothing.
 */
class TomcatInstallIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> tomcats() {
        return Stream.of(TestPaths.tomcat11Home(), TestPaths.tomcat10Home());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcats")
    void installIntoAStockTomcatThenStartItAndInstallAgain(Path home) throws Exception {
        Path base = stockBase(home, "it-install-" + home.getFileName());
        int port = FreePort.onLoopback();
        siteChoices(base, port);
        byte[] stock = Files.readAllBytes(base.resolve("conf/server.xml"));

        String first = install(base);
        assertTrue(first.contains("webapps/gatewatch.war: added") && first.contains("lib/gatewatch-tomcat.jar: added"),
                first);
        assertTrue(first.contains("Executor gatewatchExecutor added"), first);
        assertTrue(first.contains("socket.appWriteBufSize=\"131072\" (was unset)"), first);
        assertTrue(first.contains("classesToInitialize=\"org.bytedeco.javacpp.Pointer,"
                + "org.eclipse.jdt.internal.compiler.lookup.ReferenceBinding\""), first);
        List<Path> backups = backups(base);
        assertEquals(1, backups.size(), () -> "backups: " + backups);
        assertEquals(-1, Files.mismatch(backups.get(0), base.resolve("conf/server.xml.stock")),
                "the backup is the server.xml before the install");
        String merged = Files.readString(base.resolve("conf/server.xml"));
        for (String kept : List.of("port=\"" + port + "\"", "redirectPort=\"8443\"", "LockOutRealm",
                "localhost_access_log", "Licensed to the Apache Software Foundation")) {
            assertTrue(merged.contains(kept), () -> "the merge lost " + kept + ":\n" + merged);
        }
        assertTrue(merged.length() > stock.length, "server.xml grew");

        Process tomcat = start(home, base);
        try {
            awaitStatus(base, port);
            HttpResponse<String> anonymous = send(port, "/gatewatch/api/status", null);
            assertEquals(401, anonymous.statusCode(), "the status API without a login");
            JsonNode status = JSON.readTree(send(port, "/gatewatch/api/status", ItUsers.VIEWER.header()).body());
            assertTrue(status.path("serverWarnings").isArray() && status.path("serverWarnings").isEmpty(),
                    () -> "the merged connector still draws warnings: " + status.path("serverWarnings"));
            // A person's login through the form, as on the live page.
            new BrowserSession("http://127.0.0.1:" + port + "/gatewatch/").open("", ItUsers.VIEWER);
        } finally {
            stop(tomcat);
        }

        byte[] before = Files.readAllBytes(base.resolve("conf/server.xml"));
        String second = install(base);
        assertTrue(second.startsWith("Nothing to change"), second);
        assertEquals(-1, Files.mismatch(base.resolve("conf/server.xml"), writeTemp(base, before)),
                "a second install rewrote server.xml");
        assertEquals(1, backups(base).size(), "a second install made another backup");
    }

    @Test
    void noServerXmlLeavesTheFileAlone() throws Exception {
        Path base = stockBase(TestPaths.tomcat11Home(), "it-install-no-server-xml");
        Files.copy(base.resolve("conf/server.xml"), base.resolve("conf/server.xml.stock"));
        String out = install(base, "--no-server-xml");
        assertTrue(out.contains("webapps/gatewatch.war: added"), out);
        assertFalse(out.contains("conf/server.xml:"), out);
        assertEquals(-1, Files.mismatch(base.resolve("conf/server.xml"), base.resolve("conf/server.xml.stock")));
        assertTrue(backups(base).isEmpty(), "no backup without a change");
        assertTrue(Files.isRegularFile(base.resolve("lib/gatewatch-tomcat.jar")), "the login jar in lib/");

        // Each build of an unchanged project writes a WAR that differs only in its time stamps: not a change.
        restamp(base.resolve("webapps/gatewatch.war"));
        String again = install(base, "--no-server-xml");
        assertTrue(again.startsWith("Nothing to change"), again);
    }

    /** Rewrites an archive with the same entries and contents, every entry stamped a day later. */
    private static void restamp(Path archive) throws IOException {
        Path copy = archive.resolveSibling(archive.getFileName() + ".restamped");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ZipEntry n = new ZipEntry(e.getName());
                n.setTime(e.getTime() + TimeUnit.DAYS.toMillis(1));
                out.putNextEntry(n);
                in.transferTo(out);
                out.closeEntry();
            }
        }
        assertTrue(Files.mismatch(archive, copy) != -1, "the restamped archive differs in its bytes");
        Files.move(copy, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    // ----------------------------------------------------------------------------------------------------------------

    /** A base with the distribution's own conf/, as unpacked, and the stock server.xml kept aside to compare. */
    private static Path stockBase(Path home, String name) throws IOException {
        assertTrue(Files.isDirectory(home), "no Tomcat at " + home + ": run mvn -DskipTests package");
        Path base = TestPaths.workRoot().resolve(name);
        TestPaths.deleteTree(base);
        for (String dir : List.of("conf", "logs", "temp", "work", "webapps")) {
            Files.createDirectories(base.resolve(dir));
        }
        try (Stream<Path> files = Files.list(home.resolve("conf"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, base.resolve("conf").resolve(f.getFileName()));
            }
        }
        return base;
    }

    /**
     * What a site decides for itself before GateWatch comes: its port (and this machine only, no shutdown port) and
     * users with GateWatch's roles. Plain text edits of the test's own copy; the install under test uses a parser.
     */
    private static void siteChoices(Path base, int port) throws IOException {
        Path serverXml = base.resolve("conf/server.xml");
        String text = Files.readString(serverXml);
        text = NginxServer.replaceOnce(text, "<Connector port=\"8080\"",
                "<Connector address=\"127.0.0.1\" port=\"" + port + "\"", serverXml);
        text = NginxServer.replaceOnce(text, "<Server port=\"8005\"", "<Server port=\"-1\"", serverXml);
        Files.writeString(serverXml, text);
        Files.copy(serverXml, base.resolve("conf/server.xml.stock"));
        StringBuilder users = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<tomcat-users xmlns=\"http://tomcat.apache.org/xml\" version=\"1.0\">\n");
        for (ItUsers u : ItUsers.values()) {
            users.append("  <user username=\"").append(u.userName()).append("\" password=\"").append(ItUsers.PASSWORD)
                    .append("\" roles=\"").append(u.role()).append("\"/>\n");
        }
        Files.writeString(base.resolve("conf/tomcat-users.xml"), users.append("</tomcat-users>\n").toString());
    }

    /** Runs the command bin/gatewatch install runs, with the paths it passes; returns what it printed. */
    private static String install(Path base, String... extra) {
        Path project = TestPaths.projectDir();
        List<String> args = new ArrayList<>(List.of(base.toString(), "--war", TestPaths.warFile().toString(),
                "--lib", project.resolve("target/tomcat-lib").toString(),
                "--tuned", project.resolve("conf/tomcat/server.xml").toString()));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = InstallCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println("install " + base.getFileName() + ":\n" + printed);
        assertEquals(0, status, () -> "install failed: " + err.toString(StandardCharsets.UTF_8) + printed);
        return printed;
    }

    private static List<Path> backups(Path base) throws IOException {
        try (Stream<Path> files = Files.list(base.resolve("conf"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("server.xml.before-gatewatch-")).toList();
        }
    }

    private static Path writeTemp(Path base, byte[] bytes) throws IOException {
        return Files.write(base.resolve("temp/server.xml.before-second-install"), bytes);
    }

    /** catalina.sh run in the foreground (it execs java), with only what a site's setenv.sh would give it. */
    private static Process start(Path home, Path base) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", home.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true).redirectOutput(base.resolve("logs/console.log").toFile());
        for (String key : List.of("CATALINA_OPTS", "JAVA_OPTS", "CATALINA_PID", "CATALINA_TMPDIR", "GATEWATCH_HOME",
                "GATEWATCH_CONFIG", "GATEWATCH_DEMO_PASSWORD")) {
            pb.environment().remove(key);
        }
        pb.environment().put("CATALINA_HOME", home.toString());
        pb.environment().put("CATALINA_BASE", base.toString());
        pb.environment().put("CATALINA_OPTS", "-Xmx1g -Dorg.bytedeco.javacpp.cachedir="
                + TestPaths.projectDir().resolve("target/javacpp-cache"));
        return pb.start();
    }

    private static void awaitStatus(Path base, int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = send(port, "/gatewatch/api/status", ItUsers.ADMIN.header()).statusCode();
                if (last == 200) {
                    return;
                }
            } catch (IllegalStateException e) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        fail("GateWatch did not answer 200 on /api/status within 120 s (last " + last + "):\n"
                + String.join("\n", tail(Files.readAllLines(base.resolve("logs/console.log")), 40)));
    }

    private static List<String> tail(List<String> lines, int n) {
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    private static HttpResponse<String> send(int port, String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
