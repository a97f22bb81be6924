package org.gatewatch.outputs.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.config.KeyFile;

/**
 * The audit trail: an append-only file of records in the data directory's {@code audit/} folder, one JSON line each,
 * chained by SHA-256 ({@link SealedLine}) across the daily files, each forced to disk before {@link #append} returns.
 * Every {@value #CHECKPOINT_EVERY} records, and at start and stop, a checkpoint record states the count and the head;
 * the same goes to the log ({@value #LOGGER}), so a copy of the head lives outside this folder.
 * {@code bin/gatewatch audit-verify} walks the chain ({@link AuditVerifier}).
 */
public final class AuditTrail implements AutoCloseable {

    /** The log that also receives the checkpoints (and the one-line audit entries of the outputs). */
    public static final String LOGGER = "org.gatewatch.audit";
    static final int CHECKPOINT_EVERY = 100;

    private static final Logger LOG = LogManager.getLogger(AuditTrail.class);
    private static final Logger AUDIT = LogManager.getLogger(LOGGER);

    private final Path folder;
    private final byte[] key;
    private final Clock clock;
    private final ChainHead head;
    private Path file;
    private FileChannel channel;
    private int sinceCheckpoint;

    private AuditTrail(Path folder, byte[] key, Clock clock, ChainHead head) {
        this.folder = folder;
        this.key = key;
        this.clock = clock;
        this.head = head;
    }

    /** Opens the trail of {@code dataDir}, continuing its chain, and writes a checkpoint. */
    public static AuditTrail open(Path dataDir, Clock clock) {
        Path folder = AuditFiles.folder(dataDir);
        try {
            Files.createDirectories(folder);
            byte[] key = KeyFile.readOrMake(folder.resolve(AuditFiles.KEY_FILE), "audit key",
                    "the pruning records written so far no longer verify");
            AuditTrail trail = new AuditTrail(folder, key, clock, ChainHead.resume(folder));
            trail.checkpoint("start");
            return trail;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the audit trail in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends one record of {@code type} with {@code fields} (strings, numbers, booleans, nulls) and returns its
     * sequence number once it is on disk.
     *
     * @throws UncheckedIOException if it could not be written (a full disk): nothing of it stays in the file
     */
    public synchronized long append(String type, Map<String, ?> fields) {
        Instant now = clock.instant();
        ObjectNode body = SealedLine.body();
        body.put("seq", head.seq() + 1).put("time", now.toString()).put("type", type);
        fields.forEach((name, value) -> body.set(name, SealedLine.value(value)));
        SealedLine line = SealedLine.seal(body, head.hash());
        write(now, (line.text() + "\n").getBytes(StandardCharsets.UTF_8));
        head.advance(line);
        if (++sinceCheckpoint >= CHECKPOINT_EVERY) {
            checkpoint("every " + CHECKPOINT_EVERY);
        }
        return line.seq();
    }

    /**
     * Deletes the daily files of days before {@code before}'s (never the newest file), after appending a signed
     * record of what went: the chain then still verifies from its new oldest record. Returns the files deleted.
     */
    public synchronized int prune(Instant before) {
        LocalDate cutoff = LocalDate.ofInstant(before, ZoneOffset.UTC);
        try {
            List<Path> days = AuditFiles.days(folder);
            List<Path> old = days.subList(0, Math.max(0, days.size() - 1)).stream()
                    .filter(f -> AuditFiles.dayOf(f).isBefore(cutoff)).toList();
            SealedLine last = null;
            for (int i = old.size() - 1; i >= 0 && last == null; i--) {
                last = ChainHead.lastRecord(old.get(i));
            }
            if (old.isEmpty() || last == null) {
                return 0;
            }
            append("pruned", Map.of("upTo", last.seq(), "lastHash", last.hash(), "files", old.size(),
                    "sig", AuditFiles.pruneSignature(key, last.seq(), last.hash())));
            for (Path f : old) {
                Files.delete(f);
            }
            LOG.info("Audit trail: pruned {} daily file(s) up to record {}", old.size(), last.seq());
            return old.size();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prune the audit trail in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The sequence number and hash of the newest record. */
    synchronized String headLine() {
        return "records=" + head.seq() + " head=" + head.hash();
    }

    private void checkpoint(String why) {
        sinceCheckpoint = 0;
        long seq = append("checkpoint", Map.of("why", why, "records", head.seq() + 1));
        AUDIT.info("audit checkpoint seq={} head={}", seq, head.hash());
    }

    private void write(Instant now, byte[] bytes) {
        long start = -1;
        try {
            Path target = AuditFiles.dayFile(folder, now);
            if (!target.equals(file)) {
                closeFile();
                channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                file = target;
            }
            start = channel.size();
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            undo(start);
            throw new UncheckedIOException("Cannot write to the audit trail " + file + ": " + e.getMessage(), e);
        }
    }

    /** A record written in part (a full disk) would break the chain for every later one: it is cut off again. */
    private void undo(long start) {
        if (channel == null || start < 0) {
            return;
        }
        try {
            channel.truncate(start);
        } catch (IOException e) {
            LOG.error("Cannot cut a partly written record off the audit trail {}: audit-verify will name it", file, e);
        }
    }

    private void closeFile() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            file = null;
        }
    }

    @Override
    public synchronized void close() {
        try {
            checkpoint("stop");
        } catch (UncheckedIOException e) {
            LOG.error("The audit trail's stop checkpoint was not written: {}", e.getMessage());
        }
        try {
            closeFile();
        } catch (IOException e) {
            LOG.error("Closing the audit trail failed", e);
        }
    }
}
