package org.gatewatch.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

/**
 * A secret key that GateWatch makes itself: random bytes written at the first start into a file of the data
 * directory that only its owner can read, and read again at every later start, so what it signed stays valid.
 */
public final class KeyFile {

    private static final Logger LOG = LogManager.getLogger(KeyFile.class);

    public static final int BYTES = 32;
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeyFile() {
    }

    /**
     * The key in {@code file}, made first if there is none.
     *
     * @param what what the key signs, for the messages ("stream link key")
     * @param ifReplaced what making a new one costs, for the message of a damaged file
     */
    public static byte[] readOrMake(Path file, String what, String ifReplaced) {
        try {
            if (!Files.exists(file)) {
                create(file, what);
            }
            return read(file, what, ifReplaced);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or make the " + what + " " + file + ": " + e, e);
        }
    }

    /** Made with its permissions in one step, never readable by others even for a moment; an existing file wins. */
    private static void create(Path file, String what) throws IOException {
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), ownerOnly(file))) {
            channel.write(ByteBuffer.wrap(key));
            channel.force(true);
            LOG.info("Made a new {} in {}", what, file);
        } catch (FileAlreadyExistsException e) {
            LOG.info("Another start made the {} {} first: using it", what, file);
        }
    }

    private static byte[] read(Path file, String what, String ifReplaced) throws IOException {
        if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            LOG.warn("The {} {} was {}: now readable by its owner only", what, file,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != BYTES) {
            throw new IllegalStateException("The " + what + " " + file + " has " + key.length + " bytes, not "
                    + BYTES + ": delete it to make a new one (" + ifReplaced + ")");
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
