package org.gatewatch.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/** GStreamer's RTSP server (Debian packages) serving a video file, run by Debian's python3 as a child process. */
final class RtspTestServer implements AutoCloseable {

    private final int port;
    private final Path video;
    private final Path script;
    private Process process;

    private RtspTestServer(int port, Path video, Path script) {
        this.port = port;
        this.video = video;
        this.script = script;
    }

    static RtspTestServer start(int port, Path video) throws IOException, InterruptedException {
        Path script = Files.createTempFile("rtsp_server", ".py");
        try (InputStream in = RtspTestServer.class.getResourceAsStream("/rtsp/rtsp_server.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        RtspTestServer server = new RtspTestServer(port, video, script);
        server.restart();
        return server;
    }

    void restart() throws IOException, InterruptedException {
        Path log = Files.createTempFile("rtsp_server", ".log");
        process = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(port), video.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("RTSP server exited: " + Files.readString(log));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new IOException("RTSP server did not listen on " + port + ": " + Files.readString(log));
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        Files.deleteIfExists(script);
    }
}
