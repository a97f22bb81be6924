package org.gatewatch.it;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;

/**
 * Turns a socket's short read timeouts into one overall deadline, so a stalled stream fails the test instead of
 * hanging it, however long each single read may take. The socket's SO_TIMEOUT must be short (about a second).
 */
final class DeadlineInputStream extends FilterInputStream {

    private final long deadlineNanos;
    private final URI uri;

    DeadlineInputStream(InputStream in, long deadlineNanos, URI uri) {
        super(in);
        this.deadlineNanos = deadlineNanos;
        this.uri = uri;
    }

    @Override
    public int read() throws IOException {
        while (true) {
            try {
                return super.read();
            } catch (SocketTimeoutException e) {
                checkDeadline();
            }
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            try {
                return super.read(b, off, len);
            } catch (SocketTimeoutException e) {
                checkDeadline();
            }
        }
    }

    private void checkDeadline() throws IOException {
        if (System.nanoTime() > deadlineNanos) {
            throw new SocketTimeoutException("no complete answer from " + uri + " before the deadline");
        }
    }
}
