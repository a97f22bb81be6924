package org.gatewatch.bench.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * What came back on the socket: the status (-1 when none came), the header block, the body as far as it was read,
 * and the error that ended the read, if any.
 */
public record RawResponse(int status, String head, byte[] body, String error) {

    static RawResponse none(String error) {
        return new RawResponse(-1, "", new byte[0], error);
    }

    /** Headers and body as text, for the leak checks. */
    String text() {
        return head + "\n" + new String(body, StandardCharsets.ISO_8859_1);
    }

    public String describe() {
        if (status < 0) {
            return "no status (" + error + ")";
        }
        return Printable.of(head, 1000) + "\n" + Printable.of(body, 1500)
                + (error == null ? "" : "\n[read ended: " + error + "]");
    }
}
