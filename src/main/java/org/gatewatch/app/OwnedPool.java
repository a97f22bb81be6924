package org.gatewatch.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.threads.OwnedThreads;

/** An executor of the application's whose threads are joined at stop, so an undeploy leaves none of them running. */
final class OwnedPool<E extends ExecutorService> {

    private static final Logger LOG = LogManager.getLogger(OwnedPool.class);

    private final String name;
    private final E executor;
    private final OwnedThreads threads;

    private OwnedPool(String name, E executor, OwnedThreads threads) {
        this.name = name;
        this.executor = executor;
        this.threads = threads;
    }

    static OwnedPool<ExecutorService> fixed(String name, String threadPrefix, int size) {
        OwnedThreads threads = new OwnedThreads(threadPrefix);
        return new OwnedPool<>(name, Executors.newFixedThreadPool(size, threads), threads);
    }

    static OwnedPool<ScheduledExecutorService> scheduled(String name, String threadPrefix) {
        OwnedThreads threads = new OwnedThreads(threadPrefix);
        return new OwnedPool<>(name, Executors.newSingleThreadScheduledExecutor(threads), threads);
    }

    E executor() {
        return executor;
    }

    /**
     * Stops taking tasks and cancels the periodic ones; {@code interrupt} also interrupts a task that is running,
     * else it has 10 s to finish. Then joins the threads: an executor's termination comes before its threads' end.
     */
    void stop(boolean interrupt) {
        if (interrupt) {
            executor.shutdownNow();
        } else {
            executor.shutdown();
        }
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.error("{} threads did not stop within 10 s", name);
                executor.shutdownNow();
            }
            if (!threads.joinAll(5_000)) {
                LOG.error("{} threads still alive 5 s after their pool terminated", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
