package org.gatewatch.it;

import java.io.IOException;
import java.io.InputStream;

/** HTTP/1.1 chunked transfer decoding: nginx answers a 1.1 client of an endless response this way. */
final class ChunkedInputStream extends InputStream {

    private final InputStream in;
    private long remaining;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    /** True when the current chunk has bytes left, reading the next chunk's size line if needed. */
    private boolean fill() throws IOException {
        if (done) {
            return false;
        }
        if (remaining == 0) {
            String line = MjpegClient.readLine(in);
            if (line.isEmpty()) {
                line = MjpegClient.readLine(in); // the CRLF that ends the previous chunk
            }
            int semi = line.indexOf(';');
            remaining = Long.parseLong((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
            if (remaining == 0) {
                done = true;
                return false;
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        int b = in.read();
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }
}
