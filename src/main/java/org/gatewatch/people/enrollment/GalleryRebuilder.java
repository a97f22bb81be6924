package org.gatewatch.people.enrollment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.analysis.faces.Gallery;

/**
 * Keeps the newest {@link Gallery} in a volatile field and rebuilds it on one background thread when asked. Requests
 * that arrive while a build runs are folded into one more build, so a burst of changes costs at most two builds, and
 * readers never wait: {@link #gallery()} is a field read. A failed build keeps the previous gallery and is retried.
 */
final class GalleryRebuilder implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(GalleryRebuilder.class);

    /** The build itself; runs on the rebuild thread only. */
    @FunctionalInterface
    interface Loader {
        /** The gallery now; returning the current instance means nothing changed. */
        Gallery load(Gallery current) throws Exception;
    }

    private final Loader loader;
    private final Duration retryAfter;
    private final ScheduledExecutorService thread;
    private final Thread[] worker = new Thread[1];
    /** Requests made so far; a build covers every request made before it started. */
    private final AtomicLong requested = new AtomicLong();
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile Gallery current;
    private volatile long generation;
    private volatile Instant builtAt;
    private volatile String lastError;
    private volatile boolean building;
    /** The last request a finished build covered; guarded by {@code this}. */
    private long built;
    private boolean closed;
    /** Futures of {@link #whenCurrent}, each with the request it waits for; guarded by {@code this}. */
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(long ticket, CompletableFuture<Boolean> done) {
    }

    /**
     * @param initial      served until the first build finishes
     * @param refreshEvery a build is also requested this often, to see changes made outside this process
     *                     (another node on the same database); zero for none
     * @param retryAfter   delay before a failed build is tried again
     */
    GalleryRebuilder(String threadName, Gallery initial, Loader loader, Duration refreshEvery, Duration retryAfter) {
        this.current = initial;
        this.loader = loader;
        this.retryAfter = retryAfter;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            synchronized (worker) {
                worker[0] = t;
            }
            return t;
        });
        if (!refreshEvery.isZero()) {
            thread.scheduleWithFixedDelay(this::request, refreshEvery.toMillis(), refreshEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** The newest gallery; never blocks. */
    Gallery gallery() {
        return current;
    }

    /**
     * Asks for a build that sees every change made before this call; returns its ticket for {@link #await}.
     * Invoked by request threads after a change, and by the rebuild thread's own timers.
     */
    long request() {
        long ticket = requested.incrementAndGet();
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(this::rebuild);
            } catch (RejectedExecutionException e) {
                // Closed: nothing will be built any more, and await() says so.
                queued.set(false);
            }
        }
        return ticket;
    }

    /** Waits until the build answering {@code ticket} is done (true) or the time is up or it stopped (false). */
    boolean await(long ticket, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (built < ticket && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return built >= ticket;
        }
    }

    /** Waits for a build that covers every request made so far (true), or gives up after {@code timeout}. */
    boolean awaitCurrent(Duration timeout) throws InterruptedException {
        return await(requested.get(), timeout);
    }

    /**
     * Completes (true) when a build covers every request made so far, or (false) when the rebuilder closes first;
     * for a caller that must not hold a thread while it waits. Whoever stops waiting may cancel it: a cancelled
     * future is dropped at the next call, so only the waits still open are kept.
     */
    CompletableFuture<Boolean> whenCurrent() {
        long ticket = requested.get();
        synchronized (this) {
            if (built >= ticket) {
                return CompletableFuture.completedFuture(true);
            }
            if (closed) {
                return CompletableFuture.completedFuture(false);
            }
            waiters.removeIf(w -> w.done().isDone());
            CompletableFuture<Boolean> done = new CompletableFuture<>();
            waiters.add(new Waiter(ticket, done));
            return done;
        }
    }

    /** Futures of {@link #whenCurrent} still kept: the waits still open, and at most those given up since. */
    synchronized int waiting() {
        return waiters.size();
    }

    /** The waiters a build up to {@code built} answers (all of them when closed), taken out; guarded by this. */
    private List<CompletableFuture<Boolean>> takeWaiters(boolean all) {
        List<CompletableFuture<Boolean>> ready = new ArrayList<>();
        waiters.removeIf(w -> {
            if (all || w.ticket() <= built) {
                ready.add(w.done());
                return true;
            }
            return false;
        });
        return ready;
    }

    /** Runs on the rebuild thread. */
    private void rebuild() {
        // Cleared before reading the ticket: a request after this line queues one more build, one before is covered.
        queued.set(false);
        long target = requested.get();
        building = true;
        try {
            Gallery before = current;
            Gallery next = loader.load(before);
            if (next != before) {
                current = next;
                generation++;
            }
            builtAt = Instant.now();
            lastError = null;
            // Before waking the waiters, so one that wakes sees the builder idle.
            building = false;
            List<CompletableFuture<Boolean>> answered;
            synchronized (this) {
                built = Math.max(built, target);
                notifyAll();
                answered = takeWaiters(false);
            }
            // Outside the lock: a waiter's continuation (a request's dispatch) runs here.
            answered.forEach(f -> f.complete(true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            // Errors too (a native library failing): the executor would drop them without a word.
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            lastError = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.error("Gallery rebuild failed; the live analysis keeps the previous one; retrying in {}",
                    retryAfter, e);
            try {
                thread.schedule(this::request, retryAfter.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                // Closed meanwhile: no retry.
            }
        } finally {
            building = false;
        }
    }

    /** How many times a new gallery was swapped in. */
    long generation() {
        return generation;
    }

    /** When the last build finished, or null before the first. */
    Instant builtAt() {
        return builtAt;
    }

    /** Why the last build failed, or null when it succeeded. */
    String lastError() {
        return lastError;
    }

    /** True while a build runs or one is waiting to. */
    boolean busy() {
        return building || queued.get();
    }

    /** Stops the thread (interrupting a build) and waits for it; the last gallery stays readable. Idempotent. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.error("Gallery rebuild thread did not stop within 10 s");
            }
            Thread t;
            synchronized (worker) {
                t = worker[0];
            }
            if (t != null) {
                // awaitTermination returns before the thread itself has exited; Tomcat checks for live threads.
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<CompletableFuture<Boolean>> stopped;
        synchronized (this) {
            closed = true;
            notifyAll();
            stopped = takeWaiters(true);
        }
        stopped.forEach(f -> f.complete(false));
    }
}
