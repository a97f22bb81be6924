package org.gatewatch.bench.floor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One viewer of the bare server: a non-blocking socket that is offered each new part and writes it in one call when
 * the last one has gone out, else skips it, as GateWatch's viewers do. With {@code copies} = 2 the part first goes
 * through two buffers of this viewer's own, a heap array and then native memory, as a part goes through Tomcat: into
 * the response's buffer, then into the connection's socket write buffer.
 */
final class BareViewer {

    private static final Logger LOG = LogManager.getLogger(BareViewer.class);

    /** The size of both buffers with copies: GateWatch's {@code stream.bufferBytes} and Tomcat's appWriteBufSize. */
    static final int BUFFER_BYTES = 131072;

    private final SocketChannel channel;
    private final ByteBuffer responseBuffer;
    private final ByteBuffer socketBuffer;
    private ByteBuffer unsent;

    BareViewer(SocketChannel channel, int copies) {
        checkCopies(copies);
        this.channel = channel;
        this.responseBuffer = copies == 2 ? ByteBuffer.allocate(BUFFER_BYTES) : null;
        this.socketBuffer = copies == 2 ? ByteBuffer.allocateDirect(BUFFER_BYTES) : null;
    }

    static void checkCopies(int copies) {
        if (copies != 0 && copies != 2) {
            throw new IllegalArgumentException("copies is 0 or 2, not " + copies);
        }
    }

    /** Invoked by one fan-out thread at a time with a part shared by every viewer; never blocks. */
    void offer(ByteBuffer part) throws IOException {
        if (unsent != null) {
            channel.write(unsent);
            if (unsent.hasRemaining()) {
                return;
            }
            unsent = null;
        }
        ByteBuffer out = part.duplicate();
        if (socketBuffer != null && out.remaining() <= BUFFER_BYTES) {
            responseBuffer.clear();
            responseBuffer.put(out).flip();
            socketBuffer.clear();
            socketBuffer.put(responseBuffer).flip();
            out = socketBuffer;
        }
        channel.write(out);
        if (out.hasRemaining()) {
            unsent = out;
        }
    }

    void close() {
        close(channel);
    }

    static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing a viewer failed; it is gone either way: {}", e.toString());
        }
    }
}
