package org.gatewatch.outputs.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Walks the trail of a data directory from its oldest record: each record's own hash, its link to the one before,
 * consecutive numbers, and signed pruning records. The oldest record either starts the chain or follows records
 * that a signed pruning record says were removed. Optionally, a head kept elsewhere must still be in the chain: that
 * catches a trail cut short or rewritten as a whole.
 */
public final class AuditVerifier {

    /** What the walk found: {@link #line()} is what {@code audit-verify} prints. */
    public record Result(boolean ok, long records, String problem) {

        public String line() {
            return ok ? "ok " + records + " records" : "broken at " + problem;
        }
    }

    private AuditVerifier() {
    }

    /** @param keptHead a record hash kept outside the data directory, or null */
    public static Result verify(Path dataDir, String keptHead) throws IOException {
        Path folder = AuditFiles.folder(dataDir);
        Path keyFile = folder.resolve(AuditFiles.KEY_FILE);
        byte[] key = Files.exists(keyFile) ? Files.readAllBytes(keyFile) : null;
        Set<String> pruned = new HashSet<>();
        SealedLine first = null;
        SealedLine previous = null;
        String firstWhere = null;
        boolean headSeen = keptHead == null;
        long count = 0;
        for (Path day : AuditFiles.days(folder)) {
            try (BufferedReader in = Files.newBufferedReader(day, StandardCharsets.UTF_8)) {
                int lineNo = 0;
                for (String text = in.readLine(); text != null; text = in.readLine()) {
                    lineNo++;
                    String where = "record " + (count + 1) + " (" + day.getFileName() + " line " + lineNo + ")";
                    SealedLine line;
                    try {
                        line = SealedLine.open(text);
                    } catch (SealedLine.Broken e) {
                        return broken(where + ": " + e.getMessage(), count);
                    }
                    if (previous == null) {
                        first = line;
                        firstWhere = where;
                    } else if (!line.prev().equals(previous.hash())) {
                        return broken(where + ": does not follow the record before it"
                                + " (a record was removed, inserted or rewritten)", count);
                    } else if (line.seq() != previous.seq() + 1) {
                        return broken(where + ": number " + line.seq() + " after " + previous.seq(), count);
                    }
                    if ("pruned".equals(line.fields().path("type").asText())) {
                        String what = prunedRange(line.fields(), key);
                        if (what == null) {
                            return broken(where + ": a pruning record without a valid signature", count);
                        }
                        pruned.add(what);
                    }
                    headSeen |= line.hash().equals(keptHead);
                    previous = line;
                    count++;
                }
            }
        }
        if (first != null && !(first.seq() == 1 && first.prev().equals(SealedLine.ORIGIN))
                && !pruned.contains((first.seq() - 1) + " " + first.prev())) {
            return broken(firstWhere + ": the records before number " + first.seq()
                    + " were removed without a signed pruning record", 0);
        }
        if (!headSeen) {
            return broken("the end: the head kept elsewhere (" + keptHead + ") is not in the trail"
                    + " (records were cut off or the trail was rewritten)", count);
        }
        return new Result(true, count, null);
    }

    /** "upTo lastHash" of a pruning record whose signature holds, else null. */
    private static String prunedRange(JsonNode fields, byte[] key) {
        long upTo = fields.path("upTo").asLong(-1);
        String lastHash = fields.path("lastHash").asText("");
        if (key == null || !AuditFiles.pruneSignature(key, upTo, lastHash).equals(fields.path("sig").asText())) {
            return null;
        }
        return upTo + " " + lastHash;
    }

    private static Result broken(String problem, long records) {
        return new Result(false, records, problem);
    }
}
