package org.gatewatch.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Deletes events older than the retention period, then their snapshot files (rows first: a row never names a
 * deleted file), in batches so a first run on a large backlog never holds one huge transaction, and finally the
 * day folders left empty. Run every hour by the application listener.
 */
public final class Retention {

    private static final Logger LOG = LogManager.getLogger(Retention.class);
    static final int BATCH = 1000;

    private final EventStore events;
    private final SnapshotStore snapshots;
    private final Duration keep;
    private final Clock clock;

    public Retention(EventStore events, SnapshotStore snapshots, Duration keep, Clock clock) {
        this.events = events;
        this.snapshots = snapshots;
        this.keep = keep;
        this.clock = clock;
    }

    /** One pass; returns the number of events deleted. */
    public int run() {
        Instant cutoff = clock.instant().minus(keep);
        int deleted = 0;
        List<AccessEvent> batch;
        do {
            batch = events.deleteOlderThan(cutoff, BATCH);
            for (AccessEvent e : batch) {
                if (e.frameFile() != null) {
                    snapshots.delete(e.frameFile());
                }
                if (e.faceFile() != null) {
                    snapshots.delete(e.faceFile());
                }
            }
            deleted += batch.size();
        } while (batch.size() == BATCH);
        removeEmptyFolders();
        if (deleted > 0) {
            LOG.info("Retention: deleted {} event(s) older than {} with their snapshots", deleted, cutoff);
        }
        return deleted;
    }

    /** Deepest first, so a day, then its month and year go once empty; the root stays. */
    private void removeEmptyFolders() {
        Path root = snapshots.root();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).filter(d -> !d.equals(root))
                    .sorted(Comparator.reverseOrder()).toList()) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isEmpty()) {
                        Files.deleteIfExists(dir);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Retention: cannot tidy the snapshot folders under {}: {}", root, e.getMessage());
        }
    }
}
