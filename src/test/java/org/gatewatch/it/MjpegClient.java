package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.SocketFactory;

/**
 * The tests' MJPEG viewer: reads exactly what a browser would, part by part, from a raw socket with HTTP/1.1
 * (chunked or not, as the server or a proxy chooses), so each part's arrival time is when its last byte came off the
 * wire and no client-side buffering hides a proxy's. It can read slowly (a small receive buffer) to play a viewer
 * on a bad link. The benchmark's load client (bench/PartParser) stays separate: it parses thousands of connections
 * non-blocking from one thread and never copies a JPEG, where this one blocks and keeps every part to decode it.
 */
public final class MjpegClient implements AutoCloseable {

    /** How long one read may wait for a byte when the caller set no deadline for the whole stream. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_LINE_BYTES = 8192;

    /**
     * One part as it arrived: its X-Frame, its X-Timestamp (capture time) and when its last byte was read.
     */
    public record Part(long frame, long timestampMillis, long arrivedMillis, byte[] jpeg) {

        /** Decodes the body; fails the test unless it is a whole JPEG image. */
        public BufferedImage decode() {
            String what = "part X-Frame " + frame;
            if (jpeg.length < 2 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
                throw new AssertionError(what + ": body does not start with the JPEG SOI marker");
            }
            return Images.decode(jpeg, what);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers;
    private final String boundary;

    private MjpegClient(Socket socket, InputStream raw) throws IOException {
        this.socket = socket;
        String statusLine = readLine(raw);
        String[] words = statusLine.split(" ");
        if (words.length < 2 || !words[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + abbreviate(statusLine));
        }
        this.status = Integer.parseInt(words[1]);
        this.headers = readHeaders(raw);
        this.in = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? new ChunkedInputStream(raw) : raw;
        String type = headers.getOrDefault("content-type", "");
        int i = type.indexOf("boundary=");
        this.boundary = i < 0 ? null : "--" + type.substring(i + "boundary=".length()).replace("\"", "").trim();
    }

    /** Opens the stream; each read may wait 20 s. */
    public static MjpegClient open(URI uri) throws IOException {
        return open(uri, 0);
    }

    /** @param receiveBuffer SO_RCVBUF in bytes, or 0 for the system default */
    public static MjpegClient open(URI uri, int receiveBuffer) throws IOException {
        return open(uri, receiveBuffer, null);
    }

    /** Opens the stream; the whole read, from connecting to the last part wanted, must end within {@code deadline}. */
    public static MjpegClient open(URI uri, Duration deadline) throws IOException {
        return open(uri, 0, deadline);
    }

    /** Opens the stream with this {@code Authorization} header value, or none when it is null. */
    public static MjpegClient openWith(URI uri, String authorization) throws IOException {
        return open(uri, 0, null, authorization);
    }

    /**
     * Opens the stream over sockets from {@code sockets} (an {@code SSLSocketFactory} for an https URL: HTTP/1.1 over
     * TLS), with this {@code Authorization}; the whole read must end within {@code deadline}.
     */
    public static MjpegClient open(URI uri, Duration deadline, SocketFactory sockets, String authorization)
            throws IOException {
        return open(uri, 0, deadline, authorization, sockets);
    }

    private static MjpegClient open(URI uri, int receiveBuffer, Duration deadline) throws IOException {
        return open(uri, receiveBuffer, deadline, ItUsers.ADMIN.header());
    }

    private static MjpegClient open(URI uri, int receiveBuffer, Duration deadline, String authorization)
            throws IOException {
        return open(uri, receiveBuffer, deadline, authorization, SocketFactory.getDefault());
    }

    private static MjpegClient open(URI uri, int receiveBuffer, Duration deadline, String authorization,
                                    SocketFactory sockets) throws IOException {
        Socket socket = sockets.createSocket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            socket.connect(new InetSocketAddress(uri.getHost(), port), 5_000);
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port
                    + "\r\nAccept: */*\r\nUser-Agent: gatewatch-it\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream buffered = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            InputStream raw;
            if (deadline == null) {
                socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
                raw = buffered;
            } else {
                socket.setSoTimeout(1000);
                raw = new DeadlineInputStream(buffered, System.nanoTime() + deadline.toNanos(), uri);
            }
            return new MjpegClient(socket, raw);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Reads {@code count} parts from an MJPEG URL within {@code deadline}, each decoded as a JPEG; fails on a status
     * other than 200, a Content-Type other than the service's, or any framing error.
     */
    public static List<Part> readParts(URI uri, int count, Duration deadline) {
        try (MjpegClient client = open(uri, deadline)) {
            assertEquals(200, client.status(), () -> "GET " + uri + " answered " + client.status());
            assertEquals("multipart/x-mixed-replace; boundary=frame", client.header("content-type"),
                    "stream Content-Type from " + uri);
            List<Part> parts = new ArrayList<>();
            while (parts.size() < count) {
                Part p = client.next();
                p.decode();
                parts.add(p);
            }
            return parts;
        } catch (IOException e) {
            throw new AssertionError("reading " + count + " parts from " + uri + " failed: " + e, e);
        }
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The rest of a non-stream answer (an error body). */
    public String body() throws IOException {
        String length = header("Content-Length");
        byte[] bytes = length != null ? in.readNBytes(Integer.parseInt(length.trim())) : in.readAllBytes();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The next part; fails unless the framing is the one the service promises: the boundary of the Content-Type
     * (blank lines before it allowed), Content-Type image/jpeg, Content-Length, X-Frame and X-Timestamp.
     */
    public Part next() throws IOException {
        if (boundary == null) {
            throw new IOException("response has no multipart boundary: " + headers);
        }
        String line;
        do {
            line = readLine(in);
        } while (line.isEmpty());
        if (!line.equals(boundary)) {
            throw new IOException("expected boundary " + boundary + " but read: " + abbreviate(line));
        }
        Map<String, String> part = readHeaders(in);
        if (!"image/jpeg".equals(part.get("content-type"))) {
            throw new IOException("part without Content-Type image/jpeg: " + part);
        }
        int length = Integer.parseInt(required(part, "content-length").trim());
        byte[] jpeg = in.readNBytes(length);
        if (jpeg.length != length) {
            throw new EOFException("stream ended inside a part (" + jpeg.length + " of " + length + " bytes)");
        }
        long arrived = System.currentTimeMillis();
        return new Part(Long.parseLong(required(part, "x-frame")), Long.parseLong(required(part, "x-timestamp")),
                arrived, jpeg);
    }

    /** The next part newer than {@code frame}, passing over keep-alive repeats of an older frame. */
    public Part nextAfter(long frame) throws IOException {
        Part p = next();
        while (p.frame() <= frame) {
            p = next();
        }
        return p;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String required(Map<String, String> part, String name) throws IOException {
        String value = part.get(name);
        if (value == null) {
            throw new IOException("part without " + name + ": " + part);
        }
        return value;
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + abbreviate(line));
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return headers;
    }

    /** A CRLF-terminated ASCII line without its terminator; a long line means the framing put us in binary data. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                String soFar = buf.toString(StandardCharsets.ISO_8859_1);
                throw new EOFException("stream ended; line so far: " + abbreviate(soFar));
            }
            if (b == '\n') {
                String s = buf.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(b);
            if (buf.size() > MAX_LINE_BYTES) {
                throw new IOException("line longer than 8 KiB: framing is broken");
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
