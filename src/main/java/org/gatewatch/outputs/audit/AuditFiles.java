package org.gatewatch.outputs.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where the trail lives: {@code audit/} in the data directory, one file per UTC day ({@code audit-2026-12-06.jsonl},
 * so names sort in the order written) and the key that signs the records of pruning.
 */
final class AuditFiles {

    static final String FOLDER = "audit";
    static final String KEY_FILE = "audit.key";
    private static final String PREFIX = "audit-";
    private static final String SUFFIX = ".jsonl";

    private AuditFiles() {
    }

    static Path folder(Path dataDir) {
        return dataDir.resolve(FOLDER);
    }

    static Path dayFile(Path folder, Instant time) {
        return folder.resolve(PREFIX + LocalDate.ofInstant(time, ZoneOffset.UTC) + SUFFIX);
    }

    static LocalDate dayOf(Path file) {
        String name = file.getFileName().toString();
        return LocalDate.parse(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    /** The day files, oldest first. */
    static List<Path> days(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
            }).sorted().toList();
        }
    }

    /** The signature of a pruning record: only a holder of the data directory's key can make one. */
    static String pruneSignature(byte[] key, long upTo, String lastHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("pruned " + upTo + " " + lastHash)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("The JDK has no HmacSHA256", e);
        }
    }
}
