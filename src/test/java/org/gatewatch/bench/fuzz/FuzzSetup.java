package org.gatewatch.bench.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Prepares a target through the ordinary API: whether anonymous requests are refused (logins on), and one person
 * to aim the face uploads at, created with the first user's credentials.
 */
public final class FuzzSetup {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FuzzSetup() {
    }

    /** {@code base}: the app's URL with a trailing slash, e.g. {@code http://127.0.0.1:8080/gatewatch/}. */
    public static FuzzTarget prepare(URI base, List<String> authorizations, List<String> privatePaths)
            throws IOException, InterruptedException {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(base.resolve("api/people?size=1"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        boolean loginsRequired = anonymous.statusCode() == 401;
        HttpRequest.Builder create = HttpRequest.newBuilder(base.resolve("api/people"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Fuzz target " + System.nanoTime() + "\"}"));
        if (!authorizations.isEmpty()) {
            create.header("Authorization", authorizations.get(0));
        }
        HttpResponse<String> created = HTTP.send(create.build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IOException("cannot create the target person (" + created.statusCode() + "): "
                    + created.body() + (authorizations.isEmpty() ? "; give an admin's --user" : ""));
        }
        long person = new ObjectMapper().readTree(created.body()).get("id").asLong();
        String path = base.getPath().endsWith("/") ? base.getPath().substring(0, base.getPath().length() - 1)
                : base.getPath();
        return new FuzzTarget(new InetSocketAddress(base.getHost(), base.getPort()), path, person, authorizations,
                privatePaths, loginsRequired);
    }
}
