package org.gatewatch.bench;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** One viewer: its socket, its parser, and what it saw. Touched only by the {@link ViewerPool} thread. */
final class ViewerConnection implements PartParser.Listener {

    enum State {
        CONNECTING, AWAITING_RESPONSE, STREAMING, REJECTED, FAILED, DISCONNECTED;

        /** Answered 200, whether or not the stream later broke. */
        boolean gotStream() {
            return this == STREAMING || this == DISCONNECTED;
        }
    }

    private final SocketChannel channel;
    private final long openedNanos;
    private final MeasurementWindow window;
    private final PartParser parser = new PartParser(this);
    private State state = State.CONNECTING;
    private String failure;
    private long firstPartNanos = -1;
    private long partsInWindow;
    private long readMillis;
    private long readNanos;

    ViewerConnection(SocketChannel channel, long openedNanos, MeasurementWindow window) {
        this.channel = channel;
        this.openedNanos = openedNanos;
        this.window = window;
    }

    SocketChannel channel() {
        return channel;
    }

    void requestSent() {
        state = State.AWAITING_RESPONSE;
    }

    /** {@code nowMillis}/{@code nowNanos}: taken right after the read, i.e. when these bytes arrived. */
    void received(ByteBuffer in, long nowMillis, long nowNanos) throws ProtocolException {
        readMillis = nowMillis;
        readNanos = nowNanos;
        parser.feed(in);
    }

    /** True when the response means this viewer is done (rejected, an error status, or the stream's end marker). */
    boolean shouldClose() {
        return state == State.REJECTED || state == State.FAILED || parser.finished();
    }

    /** The connection ended, by EOF, an I/O error or a protocol error, before the benchmark closed it. */
    void ended(String reason) {
        if (state == State.STREAMING) {
            state = State.DISCONNECTED;
        } else if (state == State.CONNECTING || state == State.AWAITING_RESPONSE) {
            state = State.FAILED;
        }
        if (failure == null) {
            failure = reason;
        }
    }

    @Override
    public void onStatus(int status) {
        if (status == 200) {
            state = State.STREAMING;
        } else if (status == 429) {
            state = State.REJECTED;
        } else {
            state = State.FAILED;
            failure = "HTTP " + status;
        }
    }

    @Override
    public void onPart(long frame, long timestampMillis) {
        if (firstPartNanos < 0) {
            firstPartNanos = readNanos;
        }
        if (window.isOpen()) {
            partsInWindow++;
            if (timestampMillis >= 0) {
                window.recordStaleness(readMillis - timestampMillis);
            }
        }
    }

    State state() {
        return state;
    }

    /** Why this viewer failed or was disconnected, or null. */
    String failure() {
        return failure;
    }

    long partsInWindow() {
        return partsInWindow;
    }

    /** Milliseconds from starting to connect until the first whole part, or -1 if none arrived. */
    long firstFrameMillis() {
        return firstPartNanos < 0 ? -1 : (firstPartNanos - openedNanos) / 1_000_000;
    }
}
