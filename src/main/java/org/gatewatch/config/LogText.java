package org.gatewatch.config;

/**
 * Encodes a value from outside (a request's path, a name typed into a form, a message quoting either) for a log line:
 * a CR or LF in it would otherwise start a line that looks like one of ours, and forge an audit record.
 * Line breaks become {@code \r}, {@code \n}, other control characters {@code \}{@code uXXXX}. Backslashes are left as
 * they are, so a caller that quotes its fields (the audit log) escapes them first. In the configuration package
 * because every layer may import it.
 */
public final class LogText {

    private LogText() {
    }

    /** The value's text with no character that ends a line; null as {@code null}, as a log parameter shows it. */
    public static String encode(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /** Null for a character that may stay. U+0085, U+2028 and U+2029 end a line for some readers too. */
    private static String replacement(char c) {
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            default -> c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029
                    ? String.format("\\u%04x", (int) c) : null;
        };
    }
}
