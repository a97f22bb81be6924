package org.gatewatch.stream.links;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.config.StreamConfig;

/**
 * The key that signs stream links: {@code stream.tokenSecret} when it is set, else {@value #GENERATED_BYTES} random
 * bytes made at the first start and kept in the data directory, readable by their owner only, so that links outlive a
 * restart. A new key (deleting the file, or changing the setting) revokes every link made with the old one.
 */
public final class LinkKey {

    private static final Logger LOG = LogManager.getLogger(LinkKey.class);

    /** The generated key's file in the data directory. */
    public static final String FILE_NAME = "stream-links.key";
    static final int GENERATED_BYTES = 32;
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or make the stream link key " + file + ": " + e, e);
        }
    }

    /** Made with its permissions in one step, never readable by others even for a moment; an existing file wins. */
    private static void create(Path file) throws IOException {
        byte[] key = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(key);
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), ownerOnly(file))) {
            channel.write(ByteBuffer.wrap(key));
            channel.force(true);
            LOG.info("Made a new stream link key in {}", file);
        } catch (FileAlreadyExistsException e) {
            LOG.info("Another start made the stream link key {} first: using it", file);
        }
    }

    private static byte[] read(Path file) throws IOException {
        if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            LOG.warn("The stream link key {} was {}: now readable by its owner only", file,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != GENERATED_BYTES) {
            throw new IllegalStateException("The stream link key " + file + " has " + key.length + " bytes, not "
                    + GENERATED_BYTES + ": delete it to make a new one (links made so far stop working)");
        }
        return key;
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        return isPosix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
