package org.gatewatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Reads gatewatch.properties into typed records. Unknown keys stop the start with the key's name, so a typo
 * never silently falls back to a default.
 */
public final class ConfigLoader {

    private static final Logger LOG = LogManager.getLogger(ConfigLoader.class);

    /** The built-in configuration inside the WAR: one demo camera. */
    public static final String BUILT_IN = "gatewatch.properties";

    private static final Set<String> CAMERA_FIELDS =
            Set.of("name", "source", "fps", "jpegQuality", "idleSeconds", "alwaysOn", "analysis", "countingLine",
                    "liveness", "livenessThreshold", "downAfterSeconds");
    private static final Set<String> STREAM_KEYS =
            Set.of("stream.maxViewers", "stream.fanoutThreads", "stream.bufferBytes", "stream.stallSeconds",
                    "stream.tokenSecret", "stream.maxViewersPerAddress");

    private ConfigLoader() {
    }

    /** Loads the file at {@code path}, or the built-in configuration when {@code path} is null. */
    public static GateWatchConfig load(Path path) {
        if (path == null) {
            try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
                if (in == null) {
                    throw new ConfigException("The built-in " + BUILT_IN + " is missing from the classpath");
                }
                return parse(read(in), "built-in " + BUILT_IN);
            } catch (IOException e) {
                throw new ConfigException("Cannot read the built-in " + BUILT_IN + ": " + e.getMessage(), e);
            }
        }
        if (!Files.isReadable(path)) {
            throw new ConfigException("Cannot read configuration file " + path + " (missing or not readable)");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return parse(read(in), path.toString());
        } catch (IOException e) {
            throw new ConfigException("Cannot read configuration file " + path + ": " + e.getMessage(), e);
        }
    }

    private static Properties read(InputStream in) throws IOException {
        Properties p = new Properties();
        try (Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** Parses already-read properties; {@code origin} names where they came from in messages and status. */
    public static GateWatchConfig parse(Properties p, String origin) {
        Set<String> ids = new LinkedHashSet<>();
        String list = p.getProperty("cameras", "").trim();
        for (String id : list.split("\\s*,\\s*")) {
            if (!id.isEmpty() && !CameraConfig.isValidId(id)) {
                throw ConfigException.invalid("cameras", list, "camera id '" + id + "': 1-64 letters, digits, '-' or '_'");
            }
            if (!id.isEmpty() && !ids.add(id)) {
                throw ConfigException.invalid("cameras", list, "camera id '" + id + "' is listed twice");
            }
        }
        rejectUnknownKeys(p, ids);
        PedestrianSection.parse(p); // the shared people.* keys, reported without a camera's name when wrong

        List<CameraConfig> cameras = new ArrayList<>();
        for (String id : ids) {
            String prefix = "camera." + id + ".";
            double[] line = ConfigValues.decimals(p, prefix + "countingLine");
            if (line != null) {
                PedestrianConfig.checkLine(prefix + "countingLine", line);
            }
            AnalysisMode analysis = AnalysisMode.parse(prefix + "analysis",
                    p.getProperty(prefix + "analysis", "off").trim());
            cameras.add(new CameraConfig(
                    id,
                    p.getProperty(prefix + "name", id).trim(),
                    p.getProperty(prefix + "source", "").trim(),
                    ConfigValues.decimal(p, prefix + "fps", 0),
                    ConfigValues.integer(p, prefix + "jpegQuality", 80),
                    ConfigValues.integer(p, prefix + "idleSeconds", 10),
                    alwaysOn(p, id, analysis),
                    analysis,
                    LivenessMode.parse(prefix + "liveness",
                            p.getProperty(prefix + "liveness", CameraConfig.DEFAULT_LIVENESS.spelling()).trim()),
                    ConfigValues.decimal(p, prefix + "livenessThreshold", CameraConfig.DEFAULT_LIVENESS_THRESHOLD),
                    PedestrianSection.forCamera(p, id),
                    ConfigValues.integer(p, prefix + "downAfterSeconds", CameraConfig.DEFAULT_DOWN_AFTER_SECONDS)));
        }
        StreamConfig d = StreamConfig.DEFAULTS;
        StreamConfig stream = new StreamConfig(
                ConfigValues.integer(p, "stream.maxViewers", d.maxViewers()),
                ConfigValues.integer(p, "stream.fanoutThreads", d.fanoutThreads()),
                ConfigValues.integer(p, "stream.bufferBytes", d.bufferBytes()),
                ConfigValues.integer(p, "stream.stallSeconds", d.stallSeconds()),
                ConfigValues.integer(p, "stream.maxViewersPerAddress", d.maxViewersPerAddress()),
                p.getProperty("stream.tokenSecret", d.tokenSecret()).strip());
        return new GateWatchConfig(cameras, stream, RecordsConfig.parse(p), RecognitionConfig.parse(p), origin);
    }

    /**
     * {@code camera.<id>.alwaysOn}, which a gate camera is whatever the file says: a gate that analysed only while
     * someone watched would let everyone else through unseen. Said in the log when the file says otherwise.
     */
    private static boolean alwaysOn(Properties p, String id, AnalysisMode analysis) {
        String key = "camera." + id + ".alwaysOn";
        boolean configured = ConfigValues.bool(p, key, false);
        if (analysis == AnalysisMode.GATE && !configured) {
            LOG.warn("Camera {}: analysis = gate makes it always on ({} = true{}): a gate that analyses only while"
                    + " someone watches is blind", id, key, p.containsKey(key) ? ", not false as configured" : "");
            return true;
        }
        return configured;
    }

    /** Every key this loader accepts, a camera's as {@code camera.<id>.<field>}; the built-in file documents each. */
    static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>(Set.of("cameras"));
        keys.addAll(STREAM_KEYS);
        keys.addAll(RecordsConfig.KEYS);
        keys.addAll(RecognitionConfig.KEYS);
        keys.addAll(PedestrianSection.KEYS);
        CAMERA_FIELDS.forEach(field -> keys.add("camera.<id>." + field));
        keys.add("camera.<id>.people.<key>");
        return keys;
    }

    private static boolean isPedestrianKey(String key) {
        return key.startsWith(PedestrianSection.PREFIX);
    }

    private static void rejectUnknownKeys(Properties p, Set<String> ids) {
        Set<String> unknown = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.equals("cameras") || STREAM_KEYS.contains(key) || RecordsConfig.KEYS.contains(key)
                    || RecognitionConfig.KEYS.contains(key)
                    || isPedestrianKey(key)) {
                continue;
            }
            String[] parts = key.split("\\.", 3);
            boolean cameraKey = parts.length == 3 && parts[0].equals("camera")
                    && (CAMERA_FIELDS.contains(parts[2]) || isPedestrianKey(parts[2]));
            if (cameraKey && !ids.contains(parts[1])) {
                throw ConfigException.invalid(key, p.getProperty(key),
                        "camera '" + parts[1] + "' is not listed in cameras = " + ids);
            }
            if (!cameraKey) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw ConfigException.invalid(key, p.getProperty(key), "unknown key; known: cameras, camera.<id>."
                    + Arrays.toString(CAMERA_FIELDS.stream().sorted().toArray()) + ", " + new TreeSet<>(STREAM_KEYS)
                    + ", " + new TreeSet<>(RecordsConfig.KEYS));
        }
    }
}
