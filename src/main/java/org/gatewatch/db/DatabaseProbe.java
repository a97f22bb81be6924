package org.gatewatch.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Whether the database answers now, within a bound: the readiness probe must answer in about two seconds even when
 * the database hangs, while a pool's {@code getConnection} may wait 30 s. The check (a connection and JDBC's
 * {@code isValid}, the driver's own validation query) runs on the owner's executor, one at a time: a probe that
 * arrives while a check still hangs waits for that same check, so a hung database holds one thread, not one per probe.
 */
public final class DatabaseProbe {

    private static final Logger LOG = LogManager.getLogger(DatabaseProbe.class);

    /** How long {@link #reachable()} waits; leaves the probe's caller room within a 2 s probe timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1500);
    /** JDBC's {@code isValid} counts whole seconds. */
    static final int VALIDATION_SECONDS = 1;

    private final DataSource dataSource;
    private final Executor executor;
    private final Duration timeout;
    private CompletableFuture<Void> inFlight;
    private boolean lastReachable = true;

    /** @param executor runs the checks; its owner stops it (interrupting a hung check) before the database closes */
    public DatabaseProbe(DataSource dataSource, Executor executor, Duration timeout) {
        this.dataSource = dataSource;
        this.executor = executor;
        this.timeout = timeout;
    }

    /** Invoked by the readiness servlet on a request thread; returns within the timeout whatever the database does. */
    public boolean reachable() {
        try {
            current().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return outcome(true, null);
        } catch (TimeoutException e) {
            return outcome(false, "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return outcome(false, String.valueOf(e.getCause()));
        } catch (RejectedExecutionException e) {
            return outcome(false, "the application is stopping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized CompletableFuture<Void> current() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.runAsync(this::validate, executor);
        }
        return inFlight;
    }

    private void validate() {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(VALIDATION_SECONDS)) {
                throw new SQLException("the connection failed its validation within " + VALIDATION_SECONDS + " s");
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot reach the database", e);
        }
    }

    /** Logs the changes only: a probe every few seconds would otherwise repeat the same line. */
    private synchronized boolean outcome(boolean reachable, String cause) {
        if (reachable != lastReachable) {
            if (reachable) {
                LOG.info("The database answers again");
            } else {
                LOG.warn("The database does not answer the readiness check: {}", cause);
            }
            lastReachable = reachable;
        }
        return reachable;
    }
}
