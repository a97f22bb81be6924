package org.gatewatch.stream.links;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.gatewatch.config.StreamConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link key: the configured one, else one made once in the data directory, owner-only, and kept across starts. */
class LinkKeyTest {

    private static final StreamConfig UNSET = StreamConfig.DEFAULTS;

    @TempDir
    Path dataDir;

    private Path file() {
        return dataDir.resolve(LinkKey.FILE_NAME);
    }

    @Test
    void withoutAConfiguredKeyOneIsMadeOwnerOnlyAndReusedAtTheNextStart() throws IOException {
        byte[] first = LinkKey.resolve(UNSET, dataDir);
        assertEquals(32, first.length);
        assertFalse(Arrays.equals(new byte[32], first), "random, not zeros");
        assertArrayEquals(first, Files.readAllBytes(file()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));

        byte[] second = LinkKey.resolve(UNSET, dataDir);
        assertArrayEquals(first, second, "the same key after a restart: links made before still work");
    }

    @Test
    void aLinkMadeBeforeARestartStillOpensAfterIt() {
        String token = StreamLinks.open(UNSET, dataDir, "door").mint("door", java.time.Duration.ofMinutes(5)).token();
        assertTrue(StreamLinks.open(UNSET, dataDir, "door").test("/cameras/door/video_feed", token));
    }

    @Test
    void twoInstallationsMakeDifferentKeys(@TempDir Path otherDataDir) {
        assertFalse(Arrays.equals(LinkKey.resolve(UNSET, dataDir), LinkKey.resolve(UNSET, otherDataDir)));
    }

    @Test
    void aConfiguredKeyWinsAndNoFileIsMade() {
        String secret = "a configured key of 32 characters";
        StreamConfig configured = new StreamConfig(4000, 2, 131_072, 30, 50, secret);
        assertArrayEquals(secret.getBytes(StandardCharsets.UTF_8), LinkKey.resolve(configured, dataDir));
        assertFalse(Files.exists(file()));
    }

    @Test
    void aKeyFileOthersCouldReadIsMadeOwnerOnly() throws IOException {
        byte[] key = LinkKey.resolve(UNSET, dataDir);
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertArrayEquals(key, LinkKey.resolve(UNSET, dataDir));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
    }

    @Test
    void aDamagedKeyFileStopsTheStartAndNamesTheFileButNotItsContent() throws IOException {
        Files.writeString(file(), "short-secret-text");
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LinkKey.resolve(UNSET, dataDir));
        assertTrue(e.getMessage().contains(file().toString()) && e.getMessage().contains("delete it"), e.getMessage());
        assertFalse(e.getMessage().contains("short-secret-text"), e.getMessage());
    }
}
