package org.gatewatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gatewatch.config.ConfigLocation;

/** GateWatch's data directory (GATEWATCH_HOME), made ready before anything writes to it. */
final class DataDir {

    private DataDir() {
    }

    /** The directory, created if missing; fails the start if it cannot be written. */
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
