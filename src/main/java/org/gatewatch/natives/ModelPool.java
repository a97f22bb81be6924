package org.gatewatch.natives;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Copies of one model shared by every camera, each used by one thread at a time: a model that is large and seldom
 * run is loaded when first needed, and never more times than threads could run it at once. The liveness model is
 * about 80 MB of native memory per copy and scores a few faces per walk; one copy per gate camera was most of a node's
 * memory at 16 cameras (docs/benchmarks.md). A thread that finds every copy busy waits for one.
 *
 * <p>Owned by whoever made it; {@link #close} closes the idle copies at once and the busy ones when they come back.
 */
public final class ModelPool<M extends AutoCloseable> implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(ModelPool.class);

    private final String name;
    private final Supplier<M> loader;
    private final int max;
    private final Deque<M> idle = new ArrayDeque<>();
    private int loaded;
    private boolean closed;

    /**
     * @param name   what the model is, for the log
     * @param loader loads one copy; called without the pool's lock held
     * @param max    the most copies ever loaded at once, at least 1
     */
    public ModelPool(String name, Supplier<M> loader, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a pool of " + name + " holds at least one copy, not " + max);
        }
        this.name = name;
        this.loader = loader;
        this.max = max;
    }

    /**
     * Runs {@code work} on a copy of the model that no other thread is using, loading one if none is idle and
     * fewer than the maximum are loaded, else waiting for one.
     *
     * @throws IllegalStateException when the pool is closed, or the wait is interrupted (the interrupt is kept)
     */
    public <R> R use(Function<M, R> work) {
        M model = take();
        try {
            return work.apply(model);
        } finally {
            giveBack(model);
        }
    }

    /** How many copies are loaded now, idle or busy. */
    public synchronized int loaded() {
        return loaded;
    }

    private M take() {
        int number;
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the " + name + " pool is closed");
                }
                if (!idle.isEmpty()) {
                    return idle.pop();
                }
                if (loaded < max) {
                    number = ++loaded;
                    break;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a " + name, e);
                }
            }
        }
        try {
            M model = loader.get();
            LOG.info("Loaded {} copy {} of at most {}", name, number, max);
            return model;
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                loaded--;
                notifyAll();
            }
            throw e;
        }
    }

    private void giveBack(M model) {
        synchronized (this) {
            if (!closed) {
                idle.push(model);
                notify();
                return;
            }
            loaded--;
        }
        closeQuietly(model);
    }

    /** Idempotent. Threads waiting for a copy fail; copies in use are closed when their work ends. */
    @Override
    public void close() {
        List<M> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
            loaded -= toClose.size();
            notifyAll();
        }
        toClose.forEach(this::closeQuietly);
    }

    private void closeQuietly(M model) {
        try {
            model.close();
        } catch (Exception e) {
            LOG.warn("Closing a {} failed; its memory may stay until the JVM ends", name, e);
        }
    }
}
