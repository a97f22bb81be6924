package org.gatewatch.it.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gatewatch.it.FreePort;
import org.gatewatch.it.ItUsers;
import org.gatewatch.it.TestPaths;

/**
 * A real Tomcat distribution (not embedded) laid out by {@code bin/tomcat-base} and started by {@code bin/tomcat-run},
 * exactly as users get it, as a child process. One instance per test class keeps the suite fast.
 * Deliberately not AutoCloseable: JUnit closes AutoCloseable arguments of a parameterized test after each invocation,
 * which would stop a Tomcat that the next ordered step still needs. Call {@link #stop()} in a finally or AfterAll.
 */
public final class RealTomcat {

    /** Long enough for a test's Tomcat; a benchmark's with many cameras on a busy machine may ask for more. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("gatewatch.tomcat.startSeconds", 90));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Path workDir;
    private final Path base;
    private final Path tomcatHome;
    private final boolean withManager;
    private final boolean withWar;
    private final int port = FreePort.onLoopback();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TomcatLog log;
    private final ManagerClient manager;
    /** The app's configuration file (GATEWATCH_CONFIG), or null for the built-in one. */
    private Path config;
    /** The app's data directory (GATEWATCH_HOME), or null for the default under the base. */
    private Path home;
    /** The test's own options for the Tomcat JVM (CATALINA_OPTS), or null. */
    private String jvmOptions;
    private Process process;

    private RealTomcat(String name, Path tomcatHome, boolean withManager, boolean withWar) {
        this.name = name;
        this.tomcatHome = tomcatHome;
        this.withManager = withManager;
        this.withWar = withWar;
        // A fixed folder per fixture name: the last run's logs stay for inspection, and a run replaces the previous
        // one instead of piling up ~300 MB (the unpacked natives) per Tomcat per run.
        this.workDir = TestPaths.workRoot().resolve(name);
        this.base = workDir.resolve("base");
        this.log = new TomcatLog(workDir.resolve("console.log"));
        this.manager = new ManagerClient(baseUrl(), http);
    }

    /** The drop-in layout: Tomcat 11, gatewatch.war in webapps/, no manager. Waits until the app answers. */
    public static RealTomcat startDropIn(String name) {
        return start(name, TestPaths.tomcat11Home(), false, true);
    }

    /**
     * The drop-in layout with the app configured by {@code config}, given as a site gives it: the environment
     * variable GATEWATCH_CONFIG. Waits until the app answers.
     */
    public static RealTomcat startDropIn(String name, Path config) {
        RealTomcat t = new RealTomcat(name, TestPaths.tomcat11Home(), false, true);
        t.config = config.toAbsolutePath();
        return t.started();
    }

    /** As {@link #startDropIn(String, Path)}, with the Tomcat JVM also given {@code jvmOptions} (CATALINA_OPTS). */
    public static RealTomcat startDropIn(String name, Path config, String jvmOptions) {
        RealTomcat t = new RealTomcat(name, TestPaths.tomcat11Home(), false, true);
        t.config = config.toAbsolutePath();
        t.jvmOptions = jvmOptions;
        return t.started();
    }

    /** A base with the manager and no WAR: tests deploy through the manager. Waits until the manager answers. */
    public static RealTomcat startWithManagerOnly(String name, Path tomcatHome) {
        return start(name, tomcatHome, true, false);
    }

    /** A base with the manager and no WAR, the app to be configured by {@code config} (GATEWATCH_CONFIG). */
    public static RealTomcat startWithManagerOnly(String name, Path tomcatHome, Path config) {
        RealTomcat t = new RealTomcat(name, tomcatHome, true, false);
        t.config = config.toAbsolutePath();
        return t.started();
    }

    /** As {@link #startWithManagerOnly(String, Path, Path)}, with the app's data in {@code dataDir} (GATEWATCH_HOME). */
    public static RealTomcat startWithManagerOnly(String name, Path tomcatHome, Path config, Path dataDir) {
        RealTomcat t = new RealTomcat(name, tomcatHome, true, false);
        t.config = config.toAbsolutePath();
        t.home = dataDir.toAbsolutePath();
        return t.started();
    }

    public static RealTomcat start(String name, Path tomcatHome, boolean withManager, boolean withWar) {
        return new RealTomcat(name, tomcatHome, withManager, withWar).started();
    }

    private RealTomcat started() {
        try {
            layOut();
            launch();
            awaitReady();
            return this;
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    private void layOut() {
        Path projectDir = TestPaths.projectDir();
        try {
            TestPaths.deleteTree(workDir);
            Files.createDirectories(workDir);
            assertTrue(Files.isDirectory(tomcatHome), "no Tomcat at " + tomcatHome + ": run mvn -DskipTests package");
            Path war = TestPaths.warFile();
            assertTrue(Files.isRegularFile(war), "no WAR at " + war + ": run mvn -DskipTests package");
            List<String> cmd = new ArrayList<>(List.of(projectDir.resolve("bin/tomcat-base").toString(),
                    base.toString(), "--tomcat-home", tomcatHome.toString(), "--users", ItUsers.PASSWORD));
            if (withManager) {
                cmd.addAll(List.of("--manager", ManagerClient.USER + ":" + ManagerClient.PASSWORD));
            }
            if (!withWar) {
                cmd.add("--no-war");
            }
            Path out = workDir.resolve("tomcat-base.log");
            Process p = new ProcessBuilder(cmd).directory(projectDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("bin/tomcat-base did not finish within 60 s: " + Files.readString(out));
            }
            assertEquals(0, p.exitValue(), () -> "bin/tomcat-base " + cmd + " failed: " + new TomcatLog(out).text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch() {
        // bin/tomcat-run execs catalina.sh, which execs java: one process, so destroying it stops Tomcat.
        ProcessBuilder pb = new ProcessBuilder(TestPaths.projectDir().resolve("bin/tomcat-run").toString(),
                base.toString(), "--port", Integer.toString(port), "--address", "127.0.0.1")
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.file().toFile());
        // The developer's own settings must not leak into the run: they would change what is under test.
        for (String key : List.of("CATALINA_OPTS", "JAVA_OPTS", "CATALINA_BASE", "CATALINA_HOME", "CATALINA_PID",
                "CATALINA_TMPDIR", "GATEWATCH_HOME", "GATEWATCH_CONFIG", "GATEWATCH_DEMO_PASSWORD")) {
            pb.environment().remove(key);
        }
        if (config != null) {
            pb.environment().put("GATEWATCH_CONFIG", config.toString());
        }
        if (home != null) {
            pb.environment().put("GATEWATCH_HOME", home.toString());
        }
        if (jvmOptions != null) {
            pb.environment().put("CATALINA_OPTS", jvmOptions);
        }
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start bin/tomcat-run for " + name, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String probe = withWar ? "/gatewatch/api/status" : "/manager/text/list";
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("Tomcat " + name + " exited with " + process.exitValue() + " before " + probe + " answered:\n"
                        + log.tail(60));
            }
            try {
                lastStatus = withWar
                        ? http.send(HttpRequest.newBuilder(url(probe)).header("Authorization", ItUsers.ADMIN.header())
                                        .timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode()
                        : manager.listStatus();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(250);
        }
        fail("Tomcat " + name + " did not answer 200 on " + probe + " within " + START_TIMEOUT.toSeconds()
                + " s (last status " + lastStatus + "):\n" + log.tail(60));
    }

    /** Ends the JVM (SIGTERM, so Tomcat stops its contexts and logs it; SIGKILL after 30 s) and waits. Idempotent. */
    public void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle c : children) {
                c.destroyForcibly();
                c.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A child that outlived SIGKILL's grace is reported by the OS, not by us; nothing more to do here.
        }
        process = null;
    }

    /**
     * {@code kill -9}: the JVM ends at once, as in a crash or a power cut of the process; nothing of Tomcat's or the
     * app's stop runs. Waits until it is gone.
     */
    public void kill9() {
        Process p = process;
        assertTrue(p != null, () -> this + " is not running");
        p.destroyForcibly();
        try {
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), () -> this + " outlived SIGKILL for 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    /** Starts the same base again, data directory and all (after a stop or a kill), and waits until it answers. */
    public void restart() {
        assertTrue(process == null, () -> this + " is still running");
        launch();
        awaitReady();
    }

    /** The app's data directory: GATEWATCH_HOME when given, else {@code $CATALINA_BASE/gatewatch-data}. */
    public Path dataDir() {
        return home != null ? home : base.resolve("gatewatch-data");
    }

    public int port() {
        return port;
    }

    /** The JVM's process id (bin/tomcat-run execs catalina.sh, which execs java): for JMX and jcmd. */
    public long pid() {
        assertTrue(process != null, () -> this + " is not running");
        return process.pid();
    }

    public String name() {
        return name;
    }

    /** {@code http://127.0.0.1:PORT} (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public URI url(String path) {
        return URI.create(baseUrl() + path);
    }

    public Path catalinaBase() {
        return base;
    }

    public Path workDir() {
        return workDir;
    }

    /** Everything this Tomcat printed so far. */
    public TomcatLog log() {
        return log;
    }

    /** The manager text API; only a base started with the manager has one. */
    public ManagerClient manager() {
        assertTrue(withManager, () -> this + " was started without the manager");
        return manager;
    }

    public HttpResponse<byte[]> get(String path) {
        return get(url(path));
    }

    /** GET as the admin of the demo users ({@code bin/tomcat-base --users}). */
    public HttpResponse<byte[]> get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", ItUsers.ADMIN.header())
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sleeps; an interrupt ends the test. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + tomcatHome.getFileName() + ", " + baseUrl() + ")";
    }
}
