package org.gatewatch.stream.links;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.gatewatch.config.KeyFile;
import org.gatewatch.config.StreamConfig;

/**
 * The key that signs stream links: {@code stream.tokenSecret} when it is set, else {@value KeyFile#BYTES} random
 * bytes made at the first start and kept in the data directory, readable by their owner only, so that links outlive a
 * restart. A new key (deleting the file, or changing the setting) revokes every link made with the old one.
 */
public final class LinkKey {

    /** The generated key's file in the data directory. */
    public static final String FILE_NAME = "stream-links.key";

    private LinkKey() {
    }

    /** The configured key's UTF-8 bytes, else the data directory's key file's, made first if there is none. */
    public static byte[] resolve(StreamConfig config, Path dataDir) {
        if (!config.tokenSecret().isEmpty()) {
            return config.tokenSecret().getBytes(StandardCharsets.UTF_8);
        }
        return fromFile(dataDir.resolve(FILE_NAME));
    }

    static byte[] fromFile(Path file) {
        return KeyFile.readOrMake(file, "stream link key", "links made so far stop working");
    }
}
