package org.gatewatch.bench.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Assembles a raw HTTP/1.1 request byte by byte: nothing is checked or repaired, which is the point. */
final class Wire {

    private String requestLine;
    private final List<String> headers = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean contentLength = true;

    private Wire(String requestLine) {
        this.requestLine = requestLine;
    }

    static Wire request(String method, String target) {
        return new Wire(method + " " + target + " HTTP/1.1");
    }

    /** A request line as given, however broken. */
    static Wire line(String requestLine) {
        return new Wire(requestLine);
    }

    Wire header(String name, String value) {
        headers.add(name + ": " + value);
        return this;
    }

    /** A header line as given (no colon, a space before it, ...). */
    Wire rawHeader(String line) {
        headers.add(line);
        return this;
    }

    Wire body(byte[] bytes) {
        body.writeBytes(bytes);
        return this;
    }

    Wire body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** No Content-Length header from {@link #bytes(long)}: the case sets its own framing or none. */
    Wire noContentLength() {
        contentLength = false;
        return this;
    }

    int bodyLength() {
        return body.size();
    }

    /** The request, with {@code Content-Length: body + extra} when there is a body (extra: filler sent after it). */
    byte[] bytes(long extra) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        if (contentLength && (body.size() > 0 || extra > 0)) {
            head.append("Content-Length: ").append(body.size() + extra).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // ISO-8859-1: a header may carry any byte the case put in it (char n -> byte n).
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    byte[] bytes() {
        return bytes(0);
    }
}
