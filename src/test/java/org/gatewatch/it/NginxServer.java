package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real nginx (Debian's package) run as a child process around one server configuration, with every path it would
 * take from its compiled-in defaults (/var/lib/nginx, /var/log/nginx, /run) inside {@code prefix}, so it needs no root
 * and leaves nothing outside target/.
 */
public final class NginxServer {

    public static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final Path prefix;
    private Process process;

    private NginxServer(Path prefix) {
        this.prefix = prefix;
    }

    public static boolean installed() {
        return Files.isExecutable(NGINX);
    }

    /**
     * Starts nginx with {@code serverConfig} (server blocks) inside a minimal nginx.conf and waits until it listens on
     * {@code port}; fails the test if {@code nginx -t} rejects the configuration.
     */
    public static NginxServer start(Path prefix, String serverConfig, int port) throws IOException,
            InterruptedException {
        NginxServer n = new NginxServer(prefix);
        n.writeConfig(serverConfig);
        n.launch(port);
        return n;
    }

    /** The text with {@code literal} replaced; fails if it is not there exactly once, so a test never proxies elsewhere. */
    public static String replaceOnce(String text, String literal, String replacement, Path file) {
        Matcher m = Pattern.compile(Pattern.quote(literal)).matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
        }
        if (count != 1) {
            fail(file + " must contain \"" + literal + "\" exactly once (found " + count + "); the test rewrites it");
        }
        return text.replace(literal, replacement);
    }

    public Path errorLog() {
        return prefix.resolve("logs/error.log");
    }

    /** Error lines of nginx's log: an upstream that closes early, a read timeout, a TLS failure. */
    public List<String> errors() throws IOException {
        return Files.readAllLines(errorLog()).stream()
                .filter(l -> l.matches(".*\\[(error|crit|alert|emerg)].*")).toList();
    }

    /** SIGTERM (nginx's fast shutdown; the master takes its workers with it), then SIGKILL. Idempotent. */
    public void stop() throws InterruptedException {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> workers = p.descendants().toList();
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        workers.forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    private void writeConfig(String serverConfig) throws IOException {
        TestPaths.deleteTree(prefix);
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("tmp"));
        Files.writeString(prefix.resolve("gatewatch.conf"), serverConfig);
        String main = String.join("\n",
                "daemon off;",
                "worker_processes 1;",
                "pid " + prefix.resolve("nginx.pid") + ";",
                "error_log " + errorLog() + " info;",
                "events { worker_connections 256; }",
                "http {",
                "  access_log " + prefix.resolve("logs/access.log") + ";",
                "  client_body_temp_path " + prefix.resolve("tmp/body") + ";",
                "  proxy_temp_path " + prefix.resolve("tmp/proxy") + ";",
                "  fastcgi_temp_path " + prefix.resolve("tmp/fastcgi") + ";",
                "  uwsgi_temp_path " + prefix.resolve("tmp/uwsgi") + ";",
                "  scgi_temp_path " + prefix.resolve("tmp/scgi") + ";",
                "  include " + prefix.resolve("gatewatch.conf") + ";",
                "}", "");
        Files.writeString(prefix.resolve("nginx.conf"), main);
    }

    private void launch(int port) throws IOException, InterruptedException {
        List<String> base = List.of(NGINX.toString(), "-p", prefix + "/", "-c", prefix.resolve("nginx.conf").toString(),
                "-e", errorLog().toString());
        List<String> check = new ArrayList<>(base);
        check.add("-t");
        Process t = new ProcessBuilder(check).redirectErrorStream(true).start();
        String checkOut = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(t.waitFor(30, TimeUnit.SECONDS) && t.exitValue() == 0,
                () -> "nginx -t rejects the configuration built from conf/nginx/gatewatch.conf:\n" + checkOut);

        process = new ProcessBuilder(base).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("nginx exited with " + process.exitValue() + ":\n" + Files.readString(prefix.resolve("nginx.out"))
                        + Files.readString(errorLog()));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new UncheckedIOException(new IOException("nginx did not listen on " + port + " within 15 s"));
    }
}
