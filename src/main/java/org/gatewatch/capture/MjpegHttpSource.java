package org.gatewatch.capture;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.gatewatch.config.Secrets;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * An HTTP(S) MJPEG stream: an IP camera, or another GateWatch's video_feed. Parts are read by their
 * Content-Length when given, else up to the JPEG end marker, which works whatever the boundary is called.
 */
public final class MjpegHttpSource implements FrameSource {

    static final int CONNECT_TIMEOUT_MS = 5_000;
    /** A camera silent this long is treated as gone and reopened. */
    static final int READ_TIMEOUT_MS = 10_000;
    /** Larger parts are refused: a broken stream must not exhaust memory. */
    static final int MAX_PART_BYTES = 32 * 1024 * 1024;

    private final URI uri;
    private HttpURLConnection connection;
    private InputStream in;
    private Mat current;
    private final MatOfByte encoded = new MatOfByte();
    private long firstFrameNanos;
    private long frames;

    public MjpegHttpSource(URI uri) {
        this.uri = uri;
    }

    @Override
    public void open() throws IOException {
        URL url = uri.toURL();
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(CONNECT_TIMEOUT_MS);
        c.setReadTimeout(READ_TIMEOUT_MS);
        c.setUseCaches(false);
        if (uri.getUserInfo() != null) {
            c.setRequestProperty("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(uri.getUserInfo().getBytes(StandardCharsets.UTF_8)));
        }
        connection = c;
        int status = c.getResponseCode();
        if (status != 200) {
            throw new IOException("HTTP " + status + " from " + safeUri());
        }
        String type = String.valueOf(c.getContentType()).toLowerCase(Locale.ROOT);
        if (!type.startsWith("multipart/")) {
            throw new IOException("not an MJPEG stream (Content-Type " + type + ") at " + safeUri());
        }
        in = new BufferedInputStream(c.getInputStream(), 256 * 1024);
        frames = 0;
    }

    @Override
    public Mat grab() throws IOException {
        byte[] jpeg = nextJpeg();
        if (jpeg == null) {
            return null;
        }
        encoded.fromArray(jpeg);
        Mat decoded = Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_COLOR);
        if (decoded.empty()) {
            decoded.release();
            throw new IOException("undecodable JPEG part from " + safeUri());
        }
        if (current != null) {
            current.release();
        }
        current = decoded;
        if (frames++ == 0) {
            firstFrameNanos = System.nanoTime();
        }
        return current;
    }

    /** The next part's JPEG bytes, or null at the end of the stream. */
    private byte[] nextJpeg() throws IOException {
        int contentLength = -1;
        String line;
        // Skip to the part headers: boundary lines and blank lines come first.
        do {
            line = readLine();
            if (line == null) {
                return null;
            }
        } while (line.isEmpty() || line.startsWith("--"));
        while (!line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                try {
                    contentLength = Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length '" + line + "' from " + safeUri(), e);
                }
            }
            line = readLine();
            if (line == null) {
                return null;
            }
        }
        if (contentLength > MAX_PART_BYTES) {
            throw new IOException("part of " + contentLength + " bytes from " + safeUri() + " is too large");
        }
        if (contentLength >= 0) {
            byte[] body = in.readNBytes(contentLength);
            return body.length == contentLength ? body : null;
        }
        return readToJpegEnd();
    }

    private byte[] readToJpegEnd() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(128 * 1024);
        int previous = -1;
        int b;
        while ((b = in.read()) != -1) {
            body.write(b);
            if (previous == 0xFF && b == 0xD9) {
                return body.toByteArray();
            }
            if (body.size() > MAX_PART_BYTES) {
                throw new IOException("no JPEG end marker within " + MAX_PART_BYTES + " bytes from " + safeUri());
            }
            previous = b;
        }
        return null;
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() > 8192) {
                throw new IOException("header line too long from " + safeUri());
            }
            sb.append((char) b);
        }
        return null;
    }

    /** The measured rate: MJPEG over HTTP announces none. */
    @Override
    public double fps() {
        long elapsed = System.nanoTime() - firstFrameNanos;
        return frames < 2 || elapsed <= 0 ? 0 : (frames - 1) * 1e9 / elapsed;
    }

    @Override
    public void close() {
        abort();
        if (current != null) {
            current.release();
            current = null;
        }
        encoded.release();
    }

    /** Closing the connection unblocks a read from another thread. */
    @Override
    public void abort() {
        HttpURLConnection c = connection;
        if (c != null) {
            c.disconnect();
        }
    }

    private String safeUri() {
        // Never log the password of a camera URL.
        return Secrets.maskUrl(uri.toString());
    }
}
