package org.gatewatch.events.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.events.AccessEvent;

/**
 * The decisions, in the order they were made, on local disk before anything else hears of them. Each one gets the
 * next id here, which is also its id in the database, so writing it twice (after a crash in the middle of a write)
 * finds it already there. Readers ({@link JournalReader}) take it from here to the database, the audit trail and the
 * door's receivers, each at its own pace; a file is deleted once every reader is past its last line.
 *
 * <p>A decision that cannot be written (a full disk) is still handed on from memory: it is counted, logged as an
 * error and shown on the status page, because it would not survive a restart.
 */
public final class Journal implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(Journal.class);
    /** Decisions kept in memory too, so readers keeping up never read a file. */
    static final int RECENT = 4096;

    private final JournalSegments segments;
    private final Path folder;
    private final NavigableMap<Long, AccessEvent> recent = new ConcurrentSkipListMap<>();
    private final Map<JournalReader, Boolean> readers = new ConcurrentHashMap<>();
    private final Set<Long> notOnDisk = new ConcurrentSkipListSet<>();
    private final AtomicLong notWritten = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final Object arrivals = new Object();
    private volatile long lastId;
    private volatile String lastWriteError;

    private Journal(Path folder, JournalSegments segments, long lastId) {
        this.folder = folder;
        this.segments = segments;
        this.lastId = lastId;
    }

    /**
     * Opens the journal in {@code folder}, cutting off a line that a crash left half written.
     *
     * @param storedMaxId the highest id the database already holds: new ids start above it and above the journal's
     */
    public static Journal open(Path folder, long storedMaxId) {
        return open(folder, storedMaxId, JournalSegments.MAX_SEGMENT_BYTES);
    }

    /** With files of at most about {@code segmentBytes} each. */
    static Journal open(Path folder, long storedMaxId, long segmentBytes) {
        try {
            JournalSegments segments = JournalSegments.open(folder, segmentBytes);
            Journal journal = new Journal(folder, segments, Math.max(segments.lastId(), storedMaxId));
            LOG.info("Journal {}: the next decision is number {}", folder, journal.lastId + 1);
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the journal in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives the next id to {@code make}, and writes and forces its decision to disk. The lock makes ids reach the
     * disk, and every reader, in increasing order.
     */
    public AccessEvent append(LongFunction<AccessEvent> make) {
        AccessEvent e;
        synchronized (this) {
            e = make.apply(lastId + 1);
            try {
                segments.append(e.id(), JournalLine.write(e));
            } catch (IOException ex) {
                notWritten.incrementAndGet();
                notOnDisk.add(e.id());
                lastWriteError = ex.toString();
                LOG.error("Journal {}: decision {} of camera {} is not on disk ({}); it is handed on from memory and"
                        + " would not survive a restart", folder, e.id(), e.camera(), ex.toString());
            }
            recent.put(e.id(), e);
            lastId = e.id();
            trimRecent();
        }
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
        return e;
    }

    /** Up to {@code max} decisions with an id above {@code after}, in order. */
    public List<AccessEvent> after(long after, int max) {
        Map.Entry<Long, AccessEvent> first = recent.firstEntry();
        if (first != null && first.getKey() <= after + 1) {
            List<AccessEvent> out = new ArrayList<>(Math.min(max, 64));
            for (AccessEvent e : recent.tailMap(after, false).values()) {
                if (out.size() == max) {
                    break;
                }
                out.add(e);
            }
            return out;
        }
        List<Path> files;
        synchronized (this) {
            files = segments.filesAfter(after);
        }
        try {
            return JournalSegments.readAfter(files, after, max);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the journal in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits up to {@code millis} for a decision with an id above {@code after}, or until {@link #wakeReaders};
     * true when there is one.
     */
    public boolean awaitAfter(long after, long millis) throws InterruptedException {
        synchronized (arrivals) {
            if (lastId <= after) {
                arrivals.wait(millis);
            }
        }
        return lastId > after;
    }

    /** Wakes every reader waiting for a new decision, so one that stops need not wait for its next look. */
    void wakeReaders() {
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    /** The id of the newest decision. */
    public long lastId() {
        return lastId;
    }

    /** Decisions that could not be written to disk since the start. */
    public long notWritten() {
        return notWritten.get();
    }

    /** Decisions that were neither on disk nor still in memory when a reader came for them. */
    public long lost() {
        return lost.get();
    }

    /** Why the last write failed; null when none has. */
    public String lastWriteError() {
        return lastWriteError;
    }

    /** Where each reader keeps its place. */
    Path cursorFolder() {
        return folder.resolve("cursors");
    }

    /** The reader of this name, if one is running. */
    public Optional<JournalReader> reader(String name) {
        return readers.keySet().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The readers, for the status page. */
    public List<JournalReader> readers() {
        return List.copyOf(readers.keySet());
    }

    void register(JournalReader reader) {
        readers.put(reader, Boolean.TRUE);
    }

    void unregister(JournalReader reader) {
        readers.remove(reader);
    }

    /** Called by a reader that moved on: deletes the files every reader is past. */
    synchronized void released() {
        long least = readers.keySet().stream().mapToLong(JournalReader::position).min().orElse(-1);
        if (least > 0) {
            segments.deleteUpTo(least);
        }
    }

    /** Keeps {@link #RECENT} decisions; one dropped that a reader still needs and that is not on disk is lost. */
    private void trimRecent() {
        while (recent.size() > RECENT) {
            Map.Entry<Long, AccessEvent> oldest = recent.pollFirstEntry();
            long least = readers.keySet().stream().mapToLong(JournalReader::position).min().orElse(lastId);
            if (notOnDisk.remove(oldest.getKey()) && oldest.getKey() > least) {
                lost.incrementAndGet();
                LOG.error("Journal {}: decision {} was not on disk and is dropped from memory before every reader"
                        + " had it", folder, oldest.getKey());
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            segments.close();
        } catch (IOException e) {
            LOG.error("Closing the journal in {} failed", folder, e);
        }
    }
}
