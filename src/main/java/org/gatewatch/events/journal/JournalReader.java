package org.gatewatch.events.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.threads.OwnedThreads;

/**
 * One consumer of the journal on a thread of its own: takes the decisions after its cursor, in order, hands each to
 * its {@link JournalDelivery}, and saves how far it got. A delivery that fails is tried again after a growing pause;
 * only this reader waits, so a dead receiver or a database that is away holds back nothing else.
 */
public final class JournalReader implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(JournalReader.class);
    private static final int BATCH = 256;
    /** How long the thread sleeps when there is nothing to read before it looks again. */
    private static final long IDLE_WAIT_MILLIS = 1000;
    /** How long a stop waits for a delivery in flight before it interrupts it. */
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final String name;
    private final Journal journal;
    private final JournalDelivery delivery;
    private final Backoff backoff;
    private final UnaryOperator<String> masking;
    private final JournalCursor cursor;
    private final OwnedThreads threads;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedTries = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile long position;
    private volatile String lastError;
    private volatile Thread thread;
    private volatile boolean stopping;

    /**
     * @param name    the reader's name, also its cursor file's: letters, digits and dashes
     * @param masking what the reader does to an error text before it logs or shows it (to hide a URL's secrets)
     */
    public JournalReader(String name, Journal journal, JournalDelivery delivery, Backoff backoff,
                         UnaryOperator<String> masking) {
        if (!name.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("journal reader name '" + name + "'");
        }
        this.name = name;
        this.journal = journal;
        this.delivery = delivery;
        this.backoff = backoff;
        this.masking = masking;
        this.cursor = new JournalCursor(journal.cursorFolder(), name);
        this.threads = new OwnedThreads("gatewatch-journal-" + name + "-");
    }

    /** Loads the cursor (a new reader starts after the newest decision) and starts the thread. */
    public JournalReader start() {
        return start(Long.MAX_VALUE);
    }

    /**
     * As {@link #start()}, but from no later than {@code ceiling}: what its receiver says it holds. A database that
     * lost its last commits in a crash (an embedded one writes them a moment later) gets them again, since the
     * cursor had moved past them; its delivery must take a decision twice without harm.
     */
    public JournalReader start(long ceiling) {
        try {
            long saved = cursor.load(journal.lastId());
            position = Math.min(saved, ceiling);
            if (position < saved) {
                LOG.warn("Journal reader {}: its receiver holds decisions up to {} only, not {}: delivering again from"
                        + " there", name, position, saved);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Journal reader " + name + ": " + e.getMessage(), e);
        }
        journal.register(this);
        thread = threads.newThread(this::run);
        thread.start();
        LOG.info("Journal reader {} starts after decision {} ({} behind)", name, position, behind());
        return this;
    }

    private void run() {
        try {
            while (!stopping) {
                List<AccessEvent> batch = journal.after(position, BATCH);
                if (batch.isEmpty()) {
                    journal.awaitAfter(position, IDLE_WAIT_MILLIS);
                    continue;
                }
                for (AccessEvent e : batch) {
                    if (!deliverUntilDone(e)) {
                        return;
                    }
                    moveTo(e.id());
                }
                journal.released();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Journal reader {} stopped after decision {}; it resumes there at the next start", name,
                    position, e);
        }
    }

    /** Tries until {@code e} is delivered (true) or this reader stops (false). */
    private boolean deliverUntilDone(AccessEvent e) throws InterruptedException {
        for (int failures = 1; !stopping; failures++) {
            try {
                delivery.deliver(e);
                delivered.incrementAndGet();
                if (failures > 1) {
                    LOG.info("Journal reader {}: decision {} delivered after {} tries", name, e.id(), failures);
                    lastError = null;
                }
                return true;
            } catch (InterruptedException ex) {
                throw ex;
            } catch (JournalDelivery.Refused ex) {
                refused.incrementAndGet();
                LOG.error("Journal reader {}: decision {} can never be delivered and is skipped: {}", name, e.id(),
                        masking.apply(ex.getMessage() + ": " + ex.getCause()));
                return true;
            } catch (Exception ex) {
                failedTries.incrementAndGet();
                lastError = masking.apply(ex.toString());
                long pause = backoff.pauseMillis(failures);
                if (failures == 1 || pause < backoff.maxMillis() || failures % 10 == 0) {
                    LOG.warn("Journal reader {}: decision {} not delivered (try {}): {}; next try in {} ms", name,
                            e.id(), failures, lastError, pause);
                }
                pause(pause);
            }
        }
        return false;
    }

    /** Waits on this reader's monitor, so {@link #close} ends the pause without an interrupt. */
    private synchronized void pause(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        for (long left = millis; left > 0 && !stopping; left = end - System.currentTimeMillis()) {
            wait(left);
        }
    }

    private void moveTo(long id) {
        position = id;
        try {
            cursor.save(id);
        } catch (IOException e) {
            LOG.error("Journal reader {}: cannot save its place ({}): after a restart it delivers again from an"
                    + " earlier decision", name, masking.apply(e.toString()));
        }
    }

    public String name() {
        return name;
    }

    /** The id of the last decision delivered. */
    public long position() {
        return position;
    }

    /** Decisions in the journal that this reader has not delivered yet. */
    public long behind() {
        return Math.max(0, journal.lastId() - position);
    }

    public long delivered() {
        return delivered.get();
    }

    public long failedTries() {
        return failedTries.get();
    }

    /** Decisions skipped because the delivery can never take them. */
    public long refused() {
        return refused.get();
    }

    /** The error of the last failed try while it is still failing; null when the last try worked. */
    public String lastError() {
        return lastError;
    }

    /** Waits until this reader has delivered decision {@code id}, up to {@code millis}; true when it has. */
    public boolean awaitDelivered(long id, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (position < id) {
            if (System.currentTimeMillis() >= deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Stops the thread once its delivery in flight is done, without an interrupt: an interrupt under a database
     * write would close the database's file for every thread. A try that outlasts the wait (a receiver's timeout) is
     * interrupted, and made again at the next start. Idempotent.
     */
    @Override
    public void close() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        thread = null;
        stopping = true;
        synchronized (this) {
            notifyAll();
        }
        journal.wakeReaders();
        try {
            if (!threads.joinAll(STOP_WAIT_MILLIS)) {
                LOG.warn("Journal reader {} still delivering after {} ms; interrupting it", name, STOP_WAIT_MILLIS);
                t.interrupt();
                if (!threads.joinAll(5_000)) {
                    LOG.error("Journal reader {} did not stop", name);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.unregister(this);
        LOG.info("Journal reader {} stopped after decision {} ({} behind)", name, position, behind());
    }
}
