package org.gatewatch.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the configuration file and the data directory. Order for the file: the webapp's context parameter
 * {@code gatewatch.config}, the system property {@code gatewatch.config}, the environment variable
 * {@code GATEWATCH_CONFIG}, {@code $GATEWATCH_HOME/gatewatch.properties} when it exists, else the built-in one.
 */
public final class ConfigLocation {

    public static final String PROPERTY = "gatewatch.config";
    public static final String ENV = "GATEWATCH_CONFIG";
    public static final String HOME_PROPERTY = "gatewatch.home";
    public static final String HOME_ENV = "GATEWATCH_HOME";

    private final Map<String, String> env;

    public ConfigLocation(Map<String, String> env) {
        this.env = env;
    }

    public static ConfigLocation fromSystem() {
        return new ConfigLocation(System.getenv());
    }

    /** The configuration file to read, or null for the built-in one. */
    public Path configFile(String contextParam, Path dataDir) {
        String explicit = firstNonBlank(contextParam, System.getProperty(PROPERTY), env.get(ENV));
        if (explicit != null) {
            return Path.of(explicit);
        }
        Path inHome = dataDir.resolve("gatewatch.properties");
        return Files.isRegularFile(inHome) ? inHome : null;
    }

    /** {@code GATEWATCH_HOME}, else {@code -Dgatewatch.home}, else {@code $CATALINA_BASE/gatewatch-data}. */
    public Path dataDir() {
        String explicit = firstNonBlank(env.get(HOME_ENV), System.getProperty(HOME_PROPERTY));
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath();
        }
        String base = firstNonBlank(System.getProperty("catalina.base"), System.getProperty("java.io.tmpdir"));
        return Path.of(base, "gatewatch-data").toAbsolutePath();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
