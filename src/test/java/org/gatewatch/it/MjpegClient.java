package org.gatewatch.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A plain-socket MJPEG viewer for the tests: it reads exactly what a browser would, part by part, and can be told to
 * read slowly (a small receive buffer) to play a viewer on a bad link.
 */
public final class MjpegClient implements AutoCloseable {

    /** One received part. */
    public record Part(long seq, long captureMillis, long receivedMillis, byte[] jpeg) {

        /** Decodes the JPEG; fails the test if it is not a whole image. */
        public java.awt.image.BufferedImage decode() throws IOException {
            var image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                throw new IOException("part " + seq + " is not a decodable JPEG (" + jpeg.length + " bytes)");
            }
            return image;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private MjpegClient(Socket socket, InputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("no response");
        }
        status = Integer.parseInt(statusLine.split(" ")[1]);
        String line;
        while ((line = readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    public static MjpegClient open(URI uri) throws IOException {
        return open(uri, 0);
    }

    /** @param receiveBuffer SO_RCVBUF in bytes, or 0 for the system default */
    public static MjpegClient open(URI uri, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        s.setSoTimeout(20_000);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new MjpegClient(s, new BufferedInputStream(s.getInputStream(), 64 * 1024));
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
        byte[] bytes = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The next part; fails if the framing is not the one the service promises. */
    public Part next() throws IOException {
        String boundary = readLine();
        while (boundary != null && boundary.isEmpty()) {
            boundary = readLine();
        }
        if (boundary == null) {
            throw new IOException("stream ended");
        }
        if (!boundary.equals("--frame")) {
            throw new IOException("expected --frame, got '" + boundary + "'");
        }
        Map<String, String> part = new LinkedHashMap<>();
        String line;
        while ((line = readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            part.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if (!"image/jpeg".equals(part.get("content-type"))) {
            throw new IOException("part without Content-Type image/jpeg: " + part);
        }
        int length = Integer.parseInt(part.get("content-length"));
        byte[] jpeg = in.readNBytes(length);
        if (jpeg.length != length) {
            throw new IOException("part cut short");
        }
        long received = System.currentTimeMillis();
        return new Part(Long.parseLong(part.get("x-frame")), Long.parseLong(part.get("x-timestamp")), received, jpeg);
    }

    /** The next part newer than {@code seq}, passing over keep-alive repeats of an older frame. */
    public Part nextAfter(long seq) throws IOException {
        Part p = next();
        while (p.seq() <= seq) {
            p = next();
        }
        return p;
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
