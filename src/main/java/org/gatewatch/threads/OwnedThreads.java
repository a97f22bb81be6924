package org.gatewatch.threads;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the threads of a pool and remembers them, so shutdown can join each one. An executor's
 * awaitTermination (or a connection pool's close) returns while its last thread is still exiting, and Tomcat,
 * checking right after contextDestroyed, would report that thread as leaked.
 */
public final class OwnedThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    public OwnedThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + count.incrementAndGet());
        t.setDaemon(true);
        threads.add(t);
        return t;
    }

    /** Joins every thread made; false if one is still alive after {@code timeoutMillis} in all. */
    public boolean joinAll(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Thread t : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                t.join(left);
            }
        }
        return threads.stream().noneMatch(Thread::isAlive);
    }
}
