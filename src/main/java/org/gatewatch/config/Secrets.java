package org.gatewatch.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the secrets a configured URL may carry wherever it is shown: {@code /api/status}, the pages, log lines and
 * exception messages. The URL keeps its scheme, user, host, port and path, so an operator still sees which camera or
 * endpoint is meant; the password of its user info and the values of query parameters named like credentials
 * ({@code token}, {@code key}, {@code secret}, {@code password}, {@code signature}, …) become {@value #MASK}.
 * In the configuration package because every layer may import it.
 */
public final class Secrets {

    public static final String MASK = "***";

    /**
     * {@code scheme://userinfo@}: the user info runs to the last '@' before the path or a space, so an unencoded
     * '@' or quote in a password is hidden as well (FFmpeg accepts them).
     */
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/\\s?#<>]*)@");
    /** {@code ;} separates parameters too: {@code jdbc:h2:file:/x;USER=sa;PASSWORD=…}. */
    private static final Pattern QUERY_PARAMETER = Pattern.compile("([?&;])([^=&;#\\s\"'<>]+)=([^&;#\\s\"'<>]*)");
    /** What ends the user info for {@link #USER_INFO}: a password with one of these did not parse as a URL. */
    private static final Pattern NOT_IN_USER_INFO = Pattern.compile("[/\\s?#<>]");
    /** Parameter names ending like these carry credentials (access_token, api-key, X-Amz-Signature, client_secret). */
    private static final List<String> SECRET_NAME_ENDINGS = List.of("password", "passwd", "pwd", "pass", "secret",
            "token", "key", "signature", "sig", "auth", "authorization", "credential", "credentials", "jwt");

    private Secrets() {
    }

    /**
     * The URL, or a text quoting URLs (FFmpeg's error messages repeat the URL they could not open), with every
     * password and credential-like query value replaced by {@value #MASK}: {@code rtsp://user:***@host/x}.
     * Null stays null; text without such parts comes back unchanged.
     */
    public static String maskUrl(String text) {
        if (text == null || (text.indexOf('@') < 0 && text.indexOf('=') < 0)) {
            return text;
        }
        return maskQueryValues(maskUserInfo(text));
    }

    /** Whether a name (a query parameter, a configuration key's last part) names a credential. */
    public static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return !n.isEmpty() && SECRET_NAME_ENDINGS.stream().anyMatch(n::endsWith);
    }

    /**
     * A configuration value as a message may show it: {@value #MASK} for a key that names a credential
     * ({@code mqtt.password}), else the value with its URLs masked.
     */
    public static String maskValue(String key, Object value) {
        String lastPart = key == null ? "" : key.substring(key.lastIndexOf('.') + 1);
        if (isSecretName(lastPart)) {
            return value == null || String.valueOf(value).isEmpty() ? "" : MASK;
        }
        return maskText(String.valueOf(value));
    }

    /**
     * {@link #maskUrl}, and for a URL too broken to parse (a space or a '/' in its password, which the configuration
     * check refuses with the value in its message) everything from {@code ://} to the last '@' after it.
     */
    public static String maskText(String text) {
        String masked = maskUrl(text);
        if (masked == null) {
            return null;
        }
        int scheme = masked.indexOf("://");
        int at = masked.lastIndexOf('@');
        if (scheme < 0 || at < scheme + 3 || !NOT_IN_USER_INFO.matcher(masked.substring(scheme + 3, at)).find()) {
            return masked;
        }
        return masked.substring(0, scheme + 3) + MASK + masked.substring(at);
    }

    /** {@value #MASK} for a set secret, empty for none: what a {@code toString()} shows of a password or key. */
    public static String hidden(String secret) {
        return secret == null || secret.isEmpty() ? "" : MASK;
    }

    private static String maskUserInfo(String text) {
        Matcher m = USER_INFO.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String userInfo = m.group(2);
            int colon = userInfo.indexOf(':');
            // A user without a password is often a token in the user's place (https://TOKEN@hooks.example): hidden.
            String masked = colon < 0 ? MASK : userInfo.substring(0, colon + 1) + MASK;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + masked + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String maskQueryValues(String text) {
        Matcher m = QUERY_PARAMETER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String replacement = isSecretName(m.group(2)) && !m.group(3).isEmpty()
                    ? m.group(1) + m.group(2) + "=" + MASK : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
