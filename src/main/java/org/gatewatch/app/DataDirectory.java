package org.gatewatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gatewatch.config.ConfigLocation;

/** The data directory (GATEWATCH_HOME, -Dgatewatch.home, else under CATALINA_BASE), made ready before anything uses it. */
final class DataDirectory {

    private DataDirectory() {
    }

    /** The directory, created if missing; fails the start with the fix when it cannot be created or written. */
    static Path prepare() {
        Path dir = ConfigLocation.fromSystem().dataDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + dir + " (set GATEWATCH_HOME): " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalStateException("The data directory " + dir + " is not writable (set GATEWATCH_HOME)");
        }
        return dir;
    }
}
