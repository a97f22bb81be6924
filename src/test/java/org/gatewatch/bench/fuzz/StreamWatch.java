package org.gatewatch.bench.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stream viewer that counts the frames it receives, to tell whether the fuzz slows the stream: it reads the
 * MJPEG response on its own thread and counts part boundaries ({@code --frame}).
 */
public final class StreamWatch implements AutoCloseable {

    private static final byte[] BOUNDARY = "--frame\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final AtomicLong frames = new AtomicLong();
    private final Thread reader;

    /** Opens {@code path} (such as {@code /gatewatch/cameras/demo/video_feed}) as a viewer would. */
    public StreamWatch(InetSocketAddress address, String path, String authorization) throws IOException {
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(20_000);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                + "\r\n" + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        reader = new Thread(() -> count(in), "fuzz-stream-watch");
        reader.setDaemon(true);
        reader.start();
    }

    /** Frames received so far. */
    public long frames() {
        return frames.get();
    }

    /** Frames per second over the next {@code millis}. */
    public double fpsOver(long millis) throws InterruptedException {
        long before = frames();
        long start = System.nanoTime();
        Thread.sleep(millis);
        return (frames() - before) / ((System.nanoTime() - start) / 1e9);
    }

    private void count(InputStream in) {
        byte[] buf = new byte[64 * 1024];
        int matched = 0;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    matched = buf[i] == BOUNDARY[matched] ? matched + 1 : buf[i] == BOUNDARY[0] ? 1 : 0;
                    if (matched == BOUNDARY.length) {
                        frames.incrementAndGet();
                        matched = 0;
                    }
                }
            }
        } catch (IOException e) {
            // Closed by close(), or the server ended the stream: the count stops, which the fps shows.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
