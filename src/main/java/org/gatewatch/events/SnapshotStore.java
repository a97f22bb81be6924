package org.gatewatch.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Snapshot JPEGs under {@code <data>/snapshots/yyyy/MM/dd/}, one folder per UTC day so retention and a person
 * looking by hand find them by date. Names are random, so files are written before their event has an id.
 */
public final class SnapshotStore {

    private static final Logger LOG = LogManager.getLogger(SnapshotStore.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final Path root;

    public SnapshotStore(Path snapshotsDir) {
        this.root = snapshotsDir.toAbsolutePath().normalize();
    }

    /**
     * Writes {@code jpeg}, forced to disk (its event is journaled next, and must not name a file a crash emptied),
     * and returns its path relative to the snapshots folder. A write that fails (a full disk) leaves no file.
     */
    public String write(Instant time, String kind, byte[] jpeg) throws IOException {
        String file = DAY.format(time) + "/" + UUID.randomUUID() + "-" + kind + ".jpg";
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(jpeg);
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(false);
        } catch (IOException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        return file;
    }

    /** The file of a stored relative path; never outside the snapshots folder. */
    public Path path(String file) {
        Path path = root.resolve(file).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("snapshot path outside the snapshots folder: " + file);
        }
        return path;
    }

    /** Deletes one snapshot; a missing file is not an error (retention may run twice). */
    public void delete(String file) {
        try {
            Files.deleteIfExists(path(file));
        } catch (IOException e) {
            LOG.warn("Cannot delete snapshot {}: {}", file, e.getMessage());
        }
    }

    /** Walking a folder of many thousand snapshots on every status poll would cost more than the poll. */
    private static final long DISK_USE_MAX_AGE_NANOS = 60_000_000_000L;
    private volatile long cachedBytes = -1;
    private volatile long cachedAt;

    /** {@link #diskBytes()} measured at most once a minute, for pages and APIs polled every few seconds. */
    public long recentDiskBytes() {
        long now = System.nanoTime();
        if (cachedBytes < 0 || now - cachedAt > DISK_USE_MAX_AGE_NANOS) {
            cachedBytes = diskBytes();
            cachedAt = now;
        }
        return cachedBytes;
    }

    /** Bytes used by every snapshot, for the status page. */
    public long diskBytes() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted by retention while walking
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot measure the snapshot folder {}: {}", root, e.getMessage());
            return -1;
        }
    }

    public Path root() {
        return root;
    }
}
