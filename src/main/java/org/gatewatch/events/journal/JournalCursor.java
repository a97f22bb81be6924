package org.gatewatch.events.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How far one reader got: the id of the last decision it delivered, in a small file of its own, replaced whole on
 * each move (write, then rename). Not forced to disk: after a crash a reader may deliver a decision a second time,
 * which its receiver recognises by the id, but never skips one.
 */
final class JournalCursor {

    private final Path file;
    private final Path next;

    JournalCursor(Path folder, String reader) {
        this.file = folder.resolve(reader + ".cursor");
        this.next = folder.resolve(reader + ".cursor.next");
    }

    /** The saved position, or {@code fresh} (saved now) when this reader never ran. */
    long load(long fresh) throws IOException {
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IOException("the journal cursor " + file + " holds '" + text + "', not a number", e);
            }
        }
        Files.createDirectories(file.getParent());
        save(fresh);
        return fresh;
    }

    void save(long position) throws IOException {
        Files.writeString(next, Long.toString(position), StandardCharsets.US_ASCII);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Path file() {
        return file;
    }
}
