package org.gatewatch.bench.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Sends one {@link BadRequest} over a plain socket (HttpClient would refuse most of them) and reads the first
 * response. A large body is written by its own thread while this one reads, so an early answer (413) is read even
 * when the server stops reading and closes.
 */
final class RawExchange {

    /** More body than this is not needed to judge an answer. */
    private static final int MAX_BODY = 1024 * 1024;
    private static final int MAX_HEAD = 64 * 1024;
    /** Bodies up to this are written before reading: they fit the socket buffers, so writing cannot block. */
    private static final int WRITE_INLINE = 128 * 1024;

    private RawExchange() {
    }

    static RawResponse send(InetSocketAddress address, BadRequest request, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 5000);
            socket.setSoTimeout((int) timeout.toMillis());
            Thread writer = null;
            if (request.length() <= WRITE_INLINE) {
                try {
                    write(socket, request);
                } catch (IOException e) {
                    // The server may answer and close before reading all of it: its answer is what counts.
                }
            } else {
                writer = new Thread(() -> {
                    try {
                        write(socket, request);
                    } catch (IOException e) {
                        // As above: an early answer closes the connection under the writer.
                    }
                }, "fuzz-writer-" + request.index());
                writer.setDaemon(true);
                writer.start();
            }
            try {
                return read(new BufferedInputStream(socket.getInputStream()), request.isHead());
            } finally {
                if (writer != null) {
                    socket.close();
                    writer.join(timeout.toMillis());
                }
            }
        } catch (IOException e) {
            return RawResponse.none("connect: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RawResponse.none("interrupted");
        }
    }

    private static void write(Socket socket, BadRequest request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.wire());
        if (request.fillBytes() > 0) {
            byte[] filler = new byte[64 * 1024];
            Arrays.fill(filler, BadRequest.FILLER);
            for (long left = request.fillBytes(); left > 0; left -= filler.length) {
                out.write(filler, 0, (int) Math.min(left, filler.length));
            }
        }
        out.write(request.tail());
        out.flush();
        if (request.halfClose()) {
            socket.shutdownOutput();
        }
    }

    private static RawResponse read(InputStream in, boolean headRequest) {
        String statusLine;
        StringBuilder headers = new StringBuilder();
        try {
            while (true) {
                statusLine = line(in);
                if (statusLine == null) {
                    return RawResponse.none("closed without a status line");
                }
                String h;
                headers.setLength(0);
                while ((h = line(in)) != null && !h.isEmpty()) {
                    headers.append(h).append('\n');
                    if (headers.length() > MAX_HEAD) {
                        break;
                    }
                }
                // 100 Continue is an interim answer: the real one follows.
                if (!statusLine.matches("HTTP/1\\.[01] 1\\d\\d.*")) {
                    break;
                }
            }
        } catch (IOException e) {
            return RawResponse.none(e.toString());
        }
        if (!statusLine.matches("HTTP/\\d\\.\\d \\d{3}( .*)?")) {
            return RawResponse.none("not a status line: " + Printable.of(statusLine, 200));
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        String head = statusLine + "\n" + headers;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String lower = headers.toString().toLowerCase(Locale.ROOT);
        if (headRequest || status == 204 || status == 304) {
            return new RawResponse(status, head, new byte[0], null);
        }
        try {
            if (lower.contains("transfer-encoding: chunked")) {
                readChunked(in, body);
            } else {
                long length = contentLength(lower);
                readUpTo(in, body, length < 0 ? MAX_BODY : Math.min(length, MAX_BODY));
            }
            return new RawResponse(status, head, body.toByteArray(), null);
        } catch (IOException | NumberFormatException e) {
            return new RawResponse(status, head, body.toByteArray(), e.toString());
        }
    }

    private static long contentLength(String lowerHeaders) {
        for (String h : lowerHeaders.split("\n")) {
            if (h.startsWith("content-length:")) {
                return Long.parseLong(h.substring("content-length:".length()).trim());
            }
        }
        return -1;
    }

    private static void readChunked(InputStream in, ByteArrayOutputStream body) throws IOException {
        while (body.size() < MAX_BODY) {
            String size = line(in);
            if (size == null) {
                return;
            }
            int semi = size.indexOf(';');
            long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                return;
            }
            readUpTo(in, body, n);
            line(in);
        }
    }

    private static void readUpTo(InputStream in, ByteArrayOutputStream body, long n) throws IOException {
        byte[] buf = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                return;
            }
            body.write(buf, 0, r);
            left -= r;
        }
    }

    /** One line without its CRLF (or LF), null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
            if (b.size() > MAX_HEAD) {
                break;
            }
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
