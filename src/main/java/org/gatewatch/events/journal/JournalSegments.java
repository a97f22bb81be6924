package org.gatewatch.events.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.events.AccessEvent;

/**
 * The journal's files: {@code <first id>.jsonl}, one JSON line per decision, the newest one appended to and forced
 * to disk line by line. A line that a crash cut short is removed when the files are opened again.
 */
final class JournalSegments implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(JournalSegments.class);
    private static final String SUFFIX = ".jsonl";
    /** A reader catching up reads a whole file for each batch, so files stay small. */
    static final long MAX_SEGMENT_BYTES = 4L << 20;

    private final Path folder;
    private final long maxSegmentBytes;
    private final List<Long> firstIds = new ArrayList<>();
    private FileChannel current;
    private long currentBytes;
    private long lastId;

    private JournalSegments(Path folder, long maxSegmentBytes) {
        this.folder = folder;
        this.maxSegmentBytes = maxSegmentBytes;
    }

    static JournalSegments open(Path folder, long maxSegmentBytes) throws IOException {
        Files.createDirectories(folder);
        JournalSegments s = new JournalSegments(folder, maxSegmentBytes);
        try (Stream<Path> files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\" + SUFFIX))
                    .map(n -> Long.parseLong(n.substring(0, 20))).sorted().forEach(s.firstIds::add);
        }
        if (!s.firstIds.isEmpty()) {
            s.openNewest();
        }
        return s;
    }

    /** The id of the newest line on disk; 0 when there is none. */
    long lastId() {
        return lastId;
    }

    /** Appends one line and forces it to disk before returning. */
    void append(long id, byte[] line) throws IOException {
        if (current != null && !current.isOpen()) {
            // An interrupt of a thread in the middle of a write closes the channel for every thread: open it again.
            // Opened as at a start, so half a line that the interrupted write left is cut off first.
            LOG.warn("Journal file of {} was closed under a write; opening it again", folder);
            openNewest();
        }
        if (current == null || currentBytes >= maxSegmentBytes) {
            roll(id);
        }
        ByteBuffer b = ByteBuffer.wrap(line);
        long before = currentBytes;
        try {
            while (b.hasRemaining()) {
                currentBytes += current.write(b);
            }
            current.force(false);
        } catch (IOException e) {
            // Half a line must not stay in front of the next one: cut back to where this one began.
            cutBack(before);
            throw e;
        }
        lastId = id;
    }

    /** The files that may hold ids above {@code after}, oldest first. */
    List<Path> filesAfter(long after) {
        List<Path> files = new ArrayList<>();
        for (int i = segmentHolding(after + 1); i < firstIds.size(); i++) {
            files.add(file(firstIds.get(i)));
        }
        return files;
    }

    /**
     * Up to {@code max} entries with an id above {@code after} from {@code files}, in order. Reads without the
     * journal's lock, so a reader catching up never holds up a decision being written; a file deleted meanwhile was
     * one every reader had passed.
     */
    static List<AccessEvent> readAfter(List<Path> files, long after, int max) throws IOException {
        List<AccessEvent> out = new ArrayList<>();
        for (Path f : files) {
            if (out.size() >= max) {
                break;
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f);
            } catch (NoSuchFileException e) {
                continue;
            }
            forEachLine(bytes, (from, length) -> {
                if (out.size() < max && JournalLine.idOf(bytes, from, length) > after) {
                    try {
                        out.add(JournalLine.read(bytes, from, length));
                    } catch (IOException e) {
                        LOG.error("Journal file {}: an unreadable line is skipped: {}", f, e.getMessage());
                    }
                }
                return true;
            });
        }
        return out;
    }

    /** The oldest id still in a file, or {@code lastId() + 1} when none is. */
    long oldestId() {
        return firstIds.isEmpty() ? lastId + 1 : firstIds.get(0);
    }

    /** Deletes the files, other than the newest, whose every line has an id at most {@code id}. */
    int deleteUpTo(long id) {
        int deleted = 0;
        while (firstIds.size() > 1 && firstIds.get(1) <= id + 1) {
            Path f = file(firstIds.get(0));
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.warn("Cannot delete the consumed journal file {}: {}", f, e.getMessage());
                break;
            }
            firstIds.remove(0);
            deleted++;
        }
        return deleted;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private int segmentHolding(long id) {
        int i = 0;
        while (i + 1 < firstIds.size() && firstIds.get(i + 1) <= id) {
            i++;
        }
        return i;
    }

    private void roll(long firstId) throws IOException {
        close();
        Path f = file(firstId);
        current = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        currentBytes = current.size();
        if (firstIds.isEmpty() || firstIds.get(firstIds.size() - 1) != firstId) {
            firstIds.add(firstId);
        }
        forceFolder();
    }

    /** Opens the newest file, keeps its whole lines, and learns the last id. */
    private void openNewest() throws IOException {
        long first = firstIds.get(firstIds.size() - 1);
        Path f = file(first);
        byte[] bytes = Files.readAllBytes(f);
        long[] good = {0, first - 1};
        forEachLine(bytes, (from, length) -> {
            long id = JournalLine.idOf(bytes, from, length);
            if (id < 0 || from + length >= bytes.length || bytes[from + length] != '\n') {
                return false;
            }
            try {
                JournalLine.read(bytes, from, length);
            } catch (IOException e) {
                return false;
            }
            good[0] = from + length + 1L;
            good[1] = id;
            return true;
        });
        current = FileChannel.open(f, StandardOpenOption.WRITE);
        if (good[0] < bytes.length) {
            LOG.warn("Journal file {}: {} bytes after the last whole line (a write cut short) are removed", f,
                    bytes.length - good[0]);
            current.truncate(good[0]);
            current.force(true);
        }
        current.position(good[0]);
        currentBytes = good[0];
        lastId = good[1];
    }

    private void cutBack(long size) {
        try {
            current.truncate(size);
            current.position(size);
            currentBytes = size;
        } catch (IOException e) {
            LOG.error("Journal file: cannot remove a line cut short by {}; it is removed at the next start", e.toString());
        }
    }

    private void forceFolder() {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a folder for reading; the file's own force still holds its lines.
            LOG.debug("Cannot force the journal folder {}: {}", folder, e.toString());
        }
    }

    private Path file(long firstId) {
        return folder.resolve(String.format("%020d%s", firstId, SUFFIX));
    }

    /** Calls {@code line} with each line's start and length (newline excluded) until it returns false. */
    private static void forEachLine(byte[] bytes, LineVisitor line) {
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (!line.visit(start, end - start)) {
                return;
            }
            start = end + 1;
        }
    }

    @FunctionalInterface
    private interface LineVisitor {
        boolean visit(int from, int length);
    }
}
