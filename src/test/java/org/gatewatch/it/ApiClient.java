package org.gatewatch.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Plain HTTP calls on the JSON API of a deployed GateWatch, for the people and events tests, as one user of the test
 * realm (HTTP Basic on every request, as a script sends it) or as nobody.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * HTTP/1.1, as curl speaks to http:// URLs: by default the JDK's client first tries an h2c upgrade, and when that
     * first request is a POST with a body, Tomcat (which has no h2c here) answers it only after 5 to 30 s.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final ItUsers user;

    /** As the admin; {@code base} ends with the context path and a slash, e.g. http://127.0.0.1:8181/gatewatch/. */
    ApiClient(String base) {
        this(base, ItUsers.ADMIN);
    }

    /** As {@code user}, or without credentials when it is null. */
    ApiClient(String base, ItUsers user) {
        this.base = base;
        this.user = user;
    }

    /** The same server, as another user (null: no credentials). */
    ApiClient as(ItUsers other) {
        return new ApiClient(base, other);
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<byte[]> getBytes(String path) {
        try {
            return HTTP.send(authorized(HttpRequest.newBuilder(uri(path))).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> putJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** POSTs one file part named {@code part} as multipart/form-data. */
    HttpResponse<String> upload(String path, String part, String fileName, String contentType, byte[] bytes) {
        String boundary = "gw" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(authorized(request).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The request with this client's credentials, unless the test set an Authorization header of its own. */
    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        if (user != null && request.copy().build().headers().firstValue("Authorization").isEmpty()) {
            request.setHeader("Authorization", user.header());
        }
        return request;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** Creates a person and returns its JSON; fails the test on anything but 201. */
    JsonNode createPerson(String name, String externalId) {
        String body = JSON.createObjectNode().put("name", name).put("externalId", externalId).toString();
        HttpResponse<String> r = postJson("api/people", body);
        if (r.statusCode() != 201) {
            throw new AssertionError("create " + name + " -> " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }
}
