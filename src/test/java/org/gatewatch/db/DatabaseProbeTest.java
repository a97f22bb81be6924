package org.gatewatch.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatabaseProbeTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final ExecutorService checks = Executors.newSingleThreadExecutor();
    private final AtomicInteger connections = new AtomicInteger();

    @AfterEach
    void stop() throws InterruptedException {
        checks.shutdownNow();
        assertTrue(checks.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void anEmbeddedDatabaseIsReachableUntilItsPoolCloses() {
        Database db = Database.h2(TestDatabases.WORK.resolve("h2").resolve("probe-" + UUID.randomUUID())
                .resolve("gatewatch"));
        DatabaseProbe probe = new DatabaseProbe(db.dataSource(), checks, DatabaseProbe.DEFAULT_TIMEOUT);
        assertTrue(probe.reachable());
        db.close();
        assertFalse(probe.reachable(), "a closed pool refuses connections");
    }

    @Test
    void aRefusedConnectionIsUnreachable() {
        DatabaseProbe probe = new DatabaseProbe(dataSource(() -> {
            throw new SQLException("Connection refused");
        }), checks, TIMEOUT);
        assertFalse(probe.reachable());
    }

    @Test
    void aConnectionThatFailsValidationIsUnreachable() {
        DatabaseProbe probe = new DatabaseProbe(dataSource(() -> connection(false)), checks, TIMEOUT);
        assertFalse(probe.reachable());
        DatabaseProbe healthy = new DatabaseProbe(dataSource(() -> connection(true)), checks, TIMEOUT);
        assertTrue(healthy.reachable());
    }

    @Test
    void aHangingDatabaseIsUnreachableWithinTheTimeoutAndHoldsOneCheck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DatabaseProbe probe = new DatabaseProbe(dataSource(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a connection", e);
            }
            return connection(true);
        }), checks, TIMEOUT);
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertFalse(probe.reachable());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= TIMEOUT.toMillis() - 20 && millis < TIMEOUT.toMillis() + 500,
                    "answered after the timeout, not the database: " + millis + " ms");
        }
        assertEquals(1, connections.get(), "later probes wait for the hung check instead of starting more");
        release.countDown();
        assertTrue(probe.reachable(), "once the database answers, the probe says so");
    }

    @Test
    void aStoppedCheckExecutorIsUnreachable() {
        checks.shutdown();
        assertFalse(new DatabaseProbe(dataSource(() -> connection(true)), checks, TIMEOUT).reachable());
    }

    private interface ConnectionSupplier {
        Connection get() throws SQLException;
    }

    /** A DataSource whose getConnection does what {@code connect} does; other methods are not called. */
    private DataSource dataSource(ConnectionSupplier connect) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                        return connect.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private Connection connection(boolean valid) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isValid" -> valid;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
