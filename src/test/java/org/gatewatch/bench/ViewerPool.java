package org.gatewatch.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Opens and reads all viewers of one round on a single selector thread, so the client's cost stays small next to
 * the server it shares two cores with. All connections read into one direct buffer: the parser copies only header
 * lines, so nothing has to stay in a buffer between reads, and 3,000 per-connection buffers would be wasted memory.
 * Other threads talk to the pool only through {@link #submit}, which runs a task on the pool's thread.
 */
public final class ViewerPool implements AutoCloseable {

    private static final int READ_BUFFER_BYTES = 256 * 1024;
    private static final int MAX_FIRST_FRAME_MILLIS = 120_000;
    private static final long RAMP_SELECT_MILLIS = 1;
    private static final long IDLE_SELECT_MILLIS = 100;

    private final InetSocketAddress server;
    private final byte[] request;
    private final int viewers;
    private final int rampPerSecond;
    private final int maxSockets;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final CountDownLatch allOpened = new CountDownLatch(1);
    private final List<ViewerConnection> connections = new ArrayList<>();
    private final MeasurementWindow window = new MeasurementWindow();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private volatile boolean running = true;
    private volatile Throwable crash;
    private long startNanos;
    private String openFailure;

    /** {@code maxSockets}: viewers past it are counted as failed unopened, so the JVM keeps fds for itself. */
    public ViewerPool(InetSocketAddress server, byte[] request, int viewers, int rampPerSecond, int maxSockets)
            throws IOException {
        this.server = server;
        this.request = request;
        this.viewers = viewers;
        this.rampPerSecond = rampPerSecond;
        this.maxSockets = maxSockets;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, "viewer-pool-" + viewers);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The pool thread's id, for reading its CPU time: if that one thread saturates, the client is the limit. */
    long threadId() {
        return thread.getId();
    }

    /** Waits until every viewer's connection has been started (not necessarily answered). */
    public boolean awaitAllOpened(long timeoutMillis) throws InterruptedException {
        return allOpened.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    public CompletableFuture<Void> openWindow() {
        return submit(() -> {
            window.open(System.nanoTime());
            return null;
        });
    }

    /** Closes the window and returns what the viewers saw in it. */
    public CompletableFuture<RoundSnapshot> closeWindow() {
        return submit(() -> {
            window.close(System.nanoTime());
            return snapshot();
        });
    }

    /** A one-line census for progress output. */
    CompletableFuture<String> census() {
        return submit(() -> {
            Map<ViewerConnection.State, Integer> counts = new TreeMap<>();
            connections.forEach(c -> counts.merge(c.state(), 1, Integer::sum));
            return connections.size() + " started " + counts;
        });
    }

    /** Runs {@code task} on the pool's thread; the selector is woken so it runs within a millisecond. */
    <T> CompletableFuture<T> submit(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (!running || crash != null) {
            result.completeExceptionally(new IllegalStateException("viewer pool stopped", crash));
            return result;
        }
        tasks.add(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        selector.wakeup();
        return result;
    }

    /** Closes every viewer and stops the thread. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(10_000);
    }

    private void run() {
        startNanos = System.nanoTime();
        try {
            while (running) {
                openDueConnections();
                long timeout = connections.size() < viewers ? RAMP_SELECT_MILLIS : IDLE_SELECT_MILLIS;
                selector.select(this::onReady, timeout);
                runTasks();
            }
        } catch (Throwable t) {
            crash = t;
            System.err.println("viewer pool crashed: " + t);
        } finally {
            closeAll();
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
    }

    /** Keeps to the ramp schedule: viewer k starts k / rampPerSecond seconds after the round began. */
    private void openDueConnections() {
        if (connections.size() >= viewers) {
            return;
        }
        long elapsedNanos = System.nanoTime() - startNanos;
        long due = Math.min(viewers, 1 + elapsedNanos * rampPerSecond / 1_000_000_000L);
        while (connections.size() < due) {
            openOne();
        }
        if (connections.size() == viewers) {
            allOpened.countDown();
        }
    }

    private void openOne() {
        long now = System.nanoTime();
        if (connections.size() >= maxSockets) {
            unopened(now, "not opened: the open-file limit (ulimit -n) leaves room for " + maxSockets + " sockets");
            return;
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
        } catch (IOException e) {
            unopened(now, "open socket: " + e.getMessage());
            return;
        }
        ViewerConnection viewer = new ViewerConnection(channel, now, window);
        connections.add(viewer);
        try {
            channel.configureBlocking(false);
            if (channel.connect(server)) {
                sendRequest(viewer, channel.register(selector, 0, viewer));
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, viewer);
            }
        } catch (IOException e) {
            end(viewer, null, "connect: " + e.getMessage());
        }
    }

    private void unopened(long now, String reason) {
        ViewerConnection failed = new ViewerConnection(null, now, window);
        failed.ended(reason);
        connections.add(failed);
        if (!reason.equals(openFailure)) {
            openFailure = reason;
            System.err.println("viewer " + connections.size() + ": " + reason);
        }
    }

    private void onReady(SelectionKey key) {
        ViewerConnection viewer = (ViewerConnection) key.attachment();
        try {
            if (key.isConnectable()) {
                viewer.channel().finishConnect();
                sendRequest(viewer, key);
            } else if (key.isWritable()) {
                sendRequest(viewer, key);
            } else if (key.isReadable()) {
                read(viewer, key);
            }
        } catch (ProtocolException e) {
            end(viewer, key, "protocol: " + e.getMessage());
        } catch (IOException e) {
            end(viewer, key, (viewer.state() == ViewerConnection.State.CONNECTING ? "connect: " : "io: ")
                    + e.getMessage());
        }
    }

    /** The request is ~200 bytes and always fits a fresh socket's send buffer, so it is written in one go. */
    private void sendRequest(ViewerConnection viewer, SelectionKey key) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(request);
        viewer.channel().write(out);
        if (out.hasRemaining()) {
            throw new IOException("request not sent in one write");
        }
        viewer.requestSent();
        key.interestOps(SelectionKey.OP_READ);
    }

    private void read(ViewerConnection viewer, SelectionKey key) throws IOException {
        readBuffer.clear();
        int n = viewer.channel().read(readBuffer);
        if (n < 0) {
            end(viewer, key, "closed by server");
            return;
        }
        readBuffer.flip();
        viewer.received(readBuffer, System.currentTimeMillis(), System.nanoTime());
        if (viewer.shouldClose()) {
            end(viewer, key, "response ended by the server");
        }
    }

    private void end(ViewerConnection viewer, SelectionKey key, String reason) {
        viewer.ended(reason);
        closeQuietly(viewer, key);
    }

    private void closeQuietly(ViewerConnection viewer, SelectionKey key) {
        if (key != null) {
            key.cancel();
        }
        if (viewer.channel() != null) {
            try {
                viewer.channel().close();
            } catch (IOException e) {
                // Closing a broken socket can fail; the viewer's outcome is already recorded.
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    private void closeAll() {
        for (ViewerConnection viewer : connections) {
            closeQuietly(viewer, null);
        }
        try {
            selector.close();
        } catch (IOException e) {
            System.err.println("closing selector: " + e);
        }
    }

    private RoundSnapshot snapshot() {
        int connected = 0;
        int rejected = 0;
        int disconnected = 0;
        long[] parts = new long[connections.size()];
        int streams = 0;
        Histogram firstFrame = new Histogram(MAX_FIRST_FRAME_MILLIS);
        Map<String, Integer> failures = new TreeMap<>();
        for (ViewerConnection viewer : connections) {
            ViewerConnection.State state = viewer.state();
            if (state == ViewerConnection.State.REJECTED) {
                rejected++;
                continue;
            }
            parts[streams++] = viewer.partsInWindow();
            if (state.gotStream()) {
                connected++;
            }
            if (state == ViewerConnection.State.DISCONNECTED) {
                disconnected++;
            }
            if (viewer.firstFrameMillis() >= 0) {
                firstFrame.record(viewer.firstFrameMillis());
            }
            String reason = viewer.failure() != null ? viewer.failure()
                    : state.gotStream() ? null : "no response by the end of the window";
            if (reason != null) {
                failures.merge(reason, 1, Integer::sum);
            }
        }
        // Viewers not yet started count as failed too: the ramp could not keep its schedule.
        int failed = viewers - connected - rejected;
        long[] streamParts = Arrays.copyOf(parts, streams + Math.max(0, viewers - connections.size()));
        return new RoundSnapshot(viewers, connected, rejected, failed, disconnected, streamParts,
                window.seconds(), window.staleness(), firstFrame, failures);
    }
}
