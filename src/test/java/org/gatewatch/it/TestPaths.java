package org.gatewatch.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the integration tests find what Maven built. Failsafe passes these as system properties (pom.xml); the
 * fallbacks let an IDE run a test from the project folder.
 */
public final class TestPaths {

    private TestPaths() {
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath();
    }

    /** Each fixture's folder under it is replaced by its next run, so the last run's logs stay for inspection. */
    public static Path workRoot() {
        return pathProperty("gatewatch.test.work", projectDir().resolve("target/it-work"));
    }

    public static Path warFile() {
        return pathProperty("gatewatch.war", projectDir().resolve("target/gatewatch.war"));
    }

    public static Path tomcat11Home() {
        return pathProperty("gatewatch.tomcat.home", projectDir().resolve("target/apache-tomcat-11.0.24"));
    }

    public static Path tomcat10Home() {
        return pathProperty("gatewatch.tomcat10.home", projectDir().resolve("target/apache-tomcat-10.1.59"));
    }

    /** Deletes a folder and everything in it; nothing to do if it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path pathProperty(String key, Path fallback) {
        String v = System.getProperty(key);
        return v == null || v.isBlank() ? fallback : Path.of(v).toAbsolutePath();
    }
}
