package org.gatewatch.bench.fuzz;

import java.nio.charset.StandardCharsets;

/** Bytes shown in a failure message: ASCII as is, CR/LF as \r\n plus a line break, anything else as \xNN. */
final class Printable {

    private Printable() {
    }

    static String of(byte[] bytes, int max) {
        StringBuilder s = new StringBuilder();
        int n = Math.min(bytes.length, max);
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '\n') {
                s.append("\\n\n");
            } else if (b == '\r') {
                s.append("\\r");
            } else if (b >= 0x20 && b < 0x7F) {
                s.append((char) b);
            } else {
                s.append(String.format("\\x%02X", b));
            }
        }
        if (bytes.length > max) {
            s.append("[... ").append(bytes.length - max).append(" more bytes]");
        }
        return s.toString();
    }

    static String of(String text, int max) {
        return of(text.getBytes(StandardCharsets.UTF_8), max);
    }
}
