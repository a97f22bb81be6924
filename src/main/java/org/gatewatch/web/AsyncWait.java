package org.gatewatch.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A request that waits for something (a camera's next frame, the gallery's rebuild) without holding a request thread.
 * {@link #start} takes the request asynchronous and returns the thread to the container; when the value comes, or
 * the timeout passes, the outcome is put on the request and the request is dispatched again to the same servlet,
 * which finds it with {@link #outcome} and answers exactly as a blocking wait would have.
 *
 * <p>Threads: the value arrives on whichever thread completes the future (a fan-out thread, the gallery's rebuild
 * thread), the timeout on the application's timer thread, the container's own events on container threads. Each
 * only stores the outcome and dispatches, once; the answer is always written on a container thread.
 */
public final class AsyncWait<T> implements AsyncListener {

    private static final Logger LOG = LogManager.getLogger(AsyncWait.class);
    /**
     * The container ends the request this long after the wait's own timeout if the timer could not (the application
     * stopped meanwhile), so no request is left open.
     */
    static final Duration CONTAINER_MARGIN = Duration.ofSeconds(5);

    /** What the wait gave: the value, or empty when the time ran out or the source stopped. */
    public record Outcome<T>(Optional<T> value) {
    }

    private final AsyncContext async;
    private final String attribute;
    private final Runnable cleanup;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile ScheduledFuture<?> timer;

    private AsyncWait(AsyncContext async, String attribute, Runnable cleanup) {
        this.async = async;
        this.attribute = attribute;
        this.cleanup = cleanup;
    }

    /**
     * The outcome of the wait this request was dispatched back with, or null on the request's first pass (no wait
     * has run yet).
     */
    @SuppressWarnings("unchecked")
    public static <T> Outcome<T> outcome(HttpServletRequest req, String attribute) {
        return (Outcome<T>) req.getAttribute(attribute);
    }

    /**
     * Takes the request asynchronous until {@code value} completes or {@code timeout} passes, then dispatches it
     * again with its {@link Outcome} under {@code attribute}. The caller returns at once and writes nothing.
     *
     * @param cleanup run once when the wait ends, however it ends (e.g. leave the camera's hub)
     */
    public static <T> void start(HttpServletRequest req, String attribute, CompletableFuture<T> value,
                                 Duration timeout, ScheduledExecutorService timers, Runnable cleanup) {
        AsyncContext async = req.startAsync();
        async.setTimeout(timeout.plus(CONTAINER_MARGIN).toMillis());
        AsyncWait<T> wait = new AsyncWait<>(async, attribute, cleanup);
        async.addListener(wait);
        try {
            wait.timer = timers.schedule(() -> wait.finish(null), timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The application is stopping: answer now, as a wait that ran out.
            wait.finish(null);
            return;
        }
        value.whenComplete((v, failure) -> wait.finish(v));
    }

    /** The first call wins: stores the outcome and hands the request back to the container. */
    private void finish(T value) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        end();
        try {
            async.getRequest().setAttribute(attribute, new Outcome<>(Optional.ofNullable(value)));
            async.dispatch();
        } catch (IllegalStateException e) {
            // The request already ended (its client left and the container completed it): no one to answer.
            LOG.debug("A waiting request ended before its answer: {}", e.getMessage());
        }
    }

    /** Cancels the timer and runs the cleanup; both are harmless a second time. */
    private void end() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        cleanup.run();
    }

    /** Container thread: the container's own timeout, only if the timer could not run (see CONTAINER_MARGIN). */
    @Override
    public void onTimeout(AsyncEvent event) {
        finish(null);
    }

    /** Container thread: the connection failed; nothing is dispatched, the container ends the request. */
    @Override
    public void onError(AsyncEvent event) {
        finished.set(true);
        end();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        finished.set(true);
        end();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Not restarted: the second pass answers and completes.
    }
}
