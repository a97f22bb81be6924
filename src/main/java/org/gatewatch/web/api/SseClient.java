package org.gatewatch.web.api;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.gatewatch.http.AddressLimit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One Server-Sent Events listener: a short queue of messages written without blocking (while {@code isReady()},
 * resumed in {@link #onWritePossible}). A client too slow for {@value #MAX_QUEUED} messages is closed; its browser
 * reconnects with Last-Event-ID and catches up from the database, so nothing is lost and nothing piles up here.
 *
 * <p>While a resuming client's missed events are read from the database, live events are held back, then only
 * those newer than the last one replayed are sent: no gap and no duplicate. All methods synchronise on the client:
 * the event sender, the pinger, the request thread and container threads all reach it.
 */
final class SseClient implements WriteListener, AsyncListener {

    private static final Logger LOG = LogManager.getLogger(SseClient.class);
    static final int MAX_QUEUED = 500;

    /** An event message ready to write, with its id for the resume logic. */
    record Message(long id, byte[] bytes) {
    }

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final AddressLimit.Slot slot;
    private final Consumer<SseClient> onGone;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final List<Message> held = new ArrayList<>();
    private long lastId;
    private boolean replaying;
    private boolean closed;

    /** @param slot the client address's place ({@code events.maxListenersPerAddress}), given back once at the end */
    SseClient(AsyncContext async, ServletOutputStream out, long lastId, boolean replaying, AddressLimit.Slot slot,
              Consumer<SseClient> onGone) {
        this.async = async;
        this.out = out;
        this.lastId = lastId;
        this.replaying = replaying;
        this.slot = slot;
        this.onGone = onGone;
    }

    /** A live event, from the sender thread. */
    synchronized void offer(Message m) {
        if (closed) {
            return;
        }
        if (replaying) {
            held.add(m);
        } else if (m.id() > lastId) {
            lastId = m.id();
            enqueue(m.bytes());
        }
    }

    /** Ends the replay: the missed events from the database, then the live ones that arrived meanwhile. */
    synchronized void finishReplay(List<Message> missed) {
        replaying = false;
        for (Message m : missed) {
            offer(m);
        }
        for (Message m : held) {
            offer(m);
        }
        held.clear();
    }

    /** Raw bytes without an id (the retry hint, keep-alive comments). */
    synchronized void send(byte[] bytes) {
        if (!closed) {
            enqueue(bytes);
        }
    }

    private void enqueue(byte[] bytes) {
        if (queue.size() >= MAX_QUEUED) {
            LOG.info("Closing a Server-Sent Events client {} messages behind; it will resume by Last-Event-ID",
                    queue.size());
            close();
            return;
        }
        queue.add(bytes);
        drain();
    }

    private void drain() {
        try {
            while (!queue.isEmpty() && out.isReady()) {
                out.write(queue.poll());
            }
            // A false isReady() means Tomcat is already writing and will call onWritePossible; else push it out now.
            if (queue.isEmpty() && out.isReady()) {
                out.flush();
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Server-Sent Events client gone: {}", e.toString());
            close();
        }
    }

    /** Container thread: the socket takes more. */
    @Override
    public synchronized void onWritePossible() {
        if (!closed) {
            drain();
        }
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Not restarted: nothing to do.
    }

    /** Removal happens only here, once, whoever ended the response. */
    @Override
    public void onComplete(AsyncEvent event) {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
        slot.release();
        onGone.accept(this);
    }

    /** Idempotent; completes the response, after which {@link #onComplete} removes the client. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        // Also here, not only in onComplete: at undeploy the container may never call onComplete.
        slot.release();
        try {
            async.complete();
        } catch (IllegalStateException e) {
            LOG.debug("Server-Sent Events response already completed: {}", e.getMessage());
        }
    }
}
