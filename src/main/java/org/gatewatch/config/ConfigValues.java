package org.gatewatch.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * Typed reads of one configuration key, shared by every section's parser (cameras, stream, records, and the
 * analysis's people.* keys), so a bad value is reported alike everywhere: the key, the value, what was expected.
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    public static int integer(Properties p, String key, int fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(key, v, "a whole number");
        }
    }

    public static double decimal(Properties p, String key, double fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the key.
        }
        throw ConfigException.invalid(key, v, "a number");
    }

    public static boolean bool(Properties p, String key, boolean fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw ConfigException.invalid(key, v, "true or false");
        };
    }

    /** A comma-separated list of numbers, or null when the key is absent. */
    public static double[] decimals(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        String[] parts = v.trim().split("\\s*,\\s*");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw ConfigException.invalid(key, v, "numbers separated by commas");
            }
        }
        return values;
    }

    /** A mode as the configuration writes it: the constant's name in lower case ({@code GATE} is {@code gate}). */
    public static String spelling(Enum<?> mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} that {@code value} of {@code key} spells, or an error naming the accepted ones. */
    public static <E extends Enum<E>> E mode(Class<E> type, String key, String value) {
        for (E mode : type.getEnumConstants()) {
            if (spelling(mode).equals(value)) {
                return mode;
            }
        }
        throw ConfigException.invalid(key, value,
                "one of " + Arrays.stream(type.getEnumConstants()).map(ConfigValues::spelling).toList());
    }
}
