package org.gatewatch.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One hostile request as it goes on the wire: {@code wire} (request line, headers and the start of the body), then
 * {@code fillBytes} filler bytes streamed rather than held (the oversized bodies), then {@code tail}.
 *
 * @param index      the case number in its run: with the run's seed it regenerates exactly this request
 * @param kind       the family of the fault (multipart, image, json, ...), for the tallies
 * @param what       the fault in a few words
 * @param alsoAllowed statuses accepted beside 4xx, each for a reason the generator states in {@code what}
 *                   (501 and 505, which RFC 9110 prescribes for a method, transfer coding or HTTP version the
 *                   server does not know)
 * @param halfClose  the client shuts its sending side after the request (a body that ends early): the request
 *                   is abandoned, so no answer at all is accepted as well
 */
public record BadRequest(long index, String kind, String what, byte[] wire, long fillBytes, byte[] tail,
                         Set<Integer> alsoAllowed, boolean halfClose) {

    /** The byte the filler repeats: a printable one, so a filled JSON or form body is still text. */
    static final byte FILLER = 'x';

    public long length() {
        return wire.length + fillBytes + tail.length;
    }

    public boolean isHead() {
        return startsWith("HEAD ");
    }

    private boolean startsWith(String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (wire.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (wire[i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    /** The request for a failure message: printable, control bytes escaped, long runs cut. */
    public String describe() {
        StringBuilder s = new StringBuilder("#" + index + " " + kind + ": " + what + " (" + length() + " bytes)\n");
        s.append(Printable.of(wire, 1500));
        if (fillBytes > 0) {
            s.append("[... ").append(fillBytes).append(" x '").append((char) FILLER).append("' ...]");
        }
        s.append(Printable.of(tail, 200));
        return s.toString();
    }
}
