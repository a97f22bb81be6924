package org.gatewatch.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser holds, for the CSRF tests: a cookie jar (so a session), no Authorization header, and the CSRF token
 * its pages show. Redirects are not followed, so a test sees the 303 of a form.
 *
 * <p>When logins are in force a protected page answers with the login form; {@link #open} then logs in through it
 * (j_security_check) as {@code user}, as a person would, and loads the page again.
 */
final class BrowserSession {

    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;

    /** {@code base} ends with the context path and a slash, e.g. http://127.0.0.1:8181/gatewatch/. */
    BrowserSession(String base) {
        this.base = base;
        // HTTP/1.1 as a browser speaks to http:// (see ApiClient for the JDK's h2c upgrade).
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** scheme://host:port of the server, as a browser sends it in Origin. */
    String ownOrigin() {
        URI uri = URI.create(base);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    /** Loads a page (logging in first when it asks); returns its CSRF token: a form's hidden field, else the meta. */
    String open(String path, ItUsers user) {
        HttpResponse<String> page = get(path);
        if (page.body().contains("j_security_check")) {
            HttpResponse<String> login = send(HttpRequest.newBuilder(uri("j_security_check"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", ownOrigin())
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("j_username", user.userName(),
                            "j_password", ItUsers.PASSWORD)))));
            if (login.statusCode() != 303 && login.statusCode() != 302) {
                throw new AssertionError("login as " + user.userName() + " -> " + login.statusCode());
            }
            page = get(path);
        }
        if (page.statusCode() != 200) {
            throw new AssertionError("GET " + path + " -> " + page.statusCode() + " " + page.body());
        }
        return token(page.body());
    }

    static String token(String html) {
        Matcher field = TOKEN.matcher(html);
        if (field.find()) {
            return field.group(1);
        }
        Matcher meta = META.matcher(html);
        if (meta.find()) {
            return meta.group(1);
        }
        throw new AssertionError("no CSRF token on the page:\n" + html);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** POSTs a urlencoded form, as a browser submits one; {@code origin} null sends none. */
    HttpResponse<String> postForm(String path, Map<String, String> fields, String origin) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return send(b);
    }

    /** POSTs multipart/form-data: the text fields, then one file part named {@code filePart}. */
    HttpResponse<String> postMultipart(String path, Map<String, String> fields, String filePart, byte[] file,
                                       String origin) {
        String boundary = "gw" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + k + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + filePart
                + "\"; filename=\"face.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }
}
