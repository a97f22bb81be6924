package org.gatewatch.bench.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A multipart/form-data body written part by part, so a case can break exactly the piece it means to. */
final class Multipart {

    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Multipart(String boundary) {
        this.boundary = boundary;
    }

    String boundary() {
        return boundary;
    }

    Multipart field(String name, String value) {
        return raw("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n");
    }

    Multipart file(String name, String filename, String type, byte[] bytes) {
        raw("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\n" + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n");
        out.writeBytes(bytes);
        return raw("\r\n");
    }

    Multipart raw(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    Multipart raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    Multipart end() {
        return raw("--" + boundary + "--\r\n");
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }
}
