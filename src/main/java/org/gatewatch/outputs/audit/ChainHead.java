package org.gatewatch.outputs.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** The newest record's number and hash: where the next record joins the chain. */
final class ChainHead {

    private static final Logger LOG = LogManager.getLogger(ChainHead.class);

    private long seq;
    private String hash = SealedLine.ORIGIN;

    long seq() {
        return seq;
    }

    String hash() {
        return hash;
    }

    void advance(SealedLine line) {
        seq = line.seq();
        hash = line.hash();
    }

    /**
     * The head of the trail in {@code folder}, after cutting off an incomplete last line (a stop in the middle of a
     * write: the record never counted as written). A damaged last record is kept and named by audit-verify.
     */
    static ChainHead resume(Path folder) throws IOException {
        ChainHead head = new ChainHead();
        List<Path> days = AuditFiles.days(folder);
        for (int i = days.size() - 1; i >= 0; i--) {
            cutIncompleteLine(days.get(i));
            String last = lastLine(days.get(i));
            if (last != null) {
                try {
                    head.advance(SealedLine.open(last));
                } catch (SealedLine.Broken e) {
                    LOG.error("The newest audit record in {} is damaged ({}); the chain goes on from it", days.get(i),
                            e.getMessage());
                    head.seq = looseSeq(last);
                    head.hash = SealedLine.sha256(last);
                }
                break;
            }
        }
        return head;
    }

    /** The last record of a daily file, or null if it has none or it does not open. */
    static SealedLine lastRecord(Path file) throws IOException {
        String last = lastLine(file);
        try {
            return last == null ? null : SealedLine.open(last);
        } catch (SealedLine.Broken e) {
            return null;
        }
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i);
            }
        }
        return null;
    }

    private static void cutIncompleteLine(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            LOG.error("The audit trail {} ended in an incomplete record of {} bytes (a stop while writing): cut off",
                    file, bytes.length - end);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(end);
                channel.force(true);
            }
        }
    }

    private static long looseSeq(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"seq\":(\\d+)").matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
