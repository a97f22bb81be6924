package org.gatewatch.it;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * An IP camera stand-in: an HTTP server streaming MJPEG at 10 fps with a boundary other than ours and no
 * Content-Length, as many cameras do. Stopping it drops every connection mid-stream, like a camera losing power.
 */
public final class TestMjpegServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile boolean running = true;

    public TestMjpegServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.setExecutor(threads);
        server.createContext("/stream", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace;boundary=myboundary");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; running; i++) {
                    out.write(("--myboundary\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(jpeg(i));
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // The viewer (GateWatch) went away or the server stops: end this stream.
            }
        });
        server.start();
    }

    private static byte[] jpeg(int i) throws IOException {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((i * 7) % 256, 120, 60));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** Whether a part is GateWatch's NO SIGNAL picture: dark grey, where this camera's frames are green. */
    public static boolean isNoSignal(MjpegClient.Part part) {
        int rgb = part.decode().getRGB(2, 2);
        return Math.abs(((rgb >> 16) & 0xff) - 40) < 10 && Math.abs(((rgb >> 8) & 0xff) - 40) < 10
                && Math.abs((rgb & 0xff) - 40) < 10;
    }

    @Override
    public void close() {
        running = false;
        server.stop(0);
        threads.shutdownNow();
    }
}
