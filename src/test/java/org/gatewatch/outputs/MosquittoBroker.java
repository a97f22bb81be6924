package org.gatewatch.outputs;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Mosquitto 2 for a test, on a free port, in the foreground as a child process:
 * {@code mosquitto -c conf}; stopped with the test. Installed by .ci/test-deps. Its sessions persist in the work
 * folder, so a {@link #restart} keeps a subscriber's session and the messages queued for it, as a site's broker does.
 */
public final class MosquittoBroker implements AutoCloseable {

    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final int port;
    private final Path workDir;
    private final Path log;

    private MosquittoBroker(Process process, int port, Path workDir, Path log) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        this.log = log;
    }

    public static MosquittoBroker start(Path workDir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return start(workDir, port);
    }

    /** Stops this broker (it saves its sessions) and starts it again on the same port and folder. */
    public MosquittoBroker restart() throws IOException, InterruptedException {
        close();
        return start(workDir, port);
    }

    private static MosquittoBroker start(Path workDir, int port) throws IOException, InterruptedException {
        if (!Files.isExecutable(MOSQUITTO)) {
            throw new IllegalStateException(MOSQUITTO + " is missing: apt-get install mosquitto (.ci/test-deps does)");
        }
        Files.createDirectories(workDir);
        Path conf = workDir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence true\n"
                + "persistence_location " + workDir.toAbsolutePath() + "/\nlog_dest stderr\n"
                // Started as root, Mosquitto would switch to its own user, which cannot write its sessions here.
                + "user " + System.getProperty("user.name") + "\n");
        Path log = workDir.resolve("mosquitto.log");
        Process p = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        MosquittoBroker broker = new MosquittoBroker(p, port, workDir, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("mosquitto exited: " + Files.readString(log));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return broker;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        broker.close();
        throw new IllegalStateException("mosquitto did not listen on " + port + " within 10 s: " + Files.readString(log));
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    public Path log() {
        return log;
    }
}
