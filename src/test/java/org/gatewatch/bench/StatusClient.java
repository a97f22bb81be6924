package org.gatewatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one camera's source fps and encode counter from the server's status API. Failures give an empty result and
 * one warning on stderr, so a busy or missing status endpoint leaves dashes in the table instead of ending the run.
 */
final class StatusClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final URI uri;
    private final String cameraId;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private String lastWarning;

    private final String authorization;

    /** @param authorization an Authorization header value, or null for none */
    StatusClient(URI uri, String cameraId, String authorization) {
        this.uri = uri;
        this.cameraId = cameraId;
        this.authorization = authorization;
    }

    Optional<CameraStatus> fetch() {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            HttpRequest request = builder.build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long now = System.nanoTime();
            if (response.statusCode() != 200) {
                return warn("status API answered HTTP " + response.statusCode());
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode camera : json.readTree(response.body()).path("cameras")) {
                String id = camera.path("id").asText();
                if (id.equals(cameraId)) {
                    return Optional.of(new CameraStatus(camera.path("fps").asDouble(Double.NaN),
                            camera.path("framesEncoded").asLong(-1), camera.path("viewers").asInt(-1), now));
                }
                ids.add(id);
            }
            return warn("camera '" + cameraId + "' not in status API; cameras: " + ids);
        } catch (IOException e) {
            return warn("status API " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<CameraStatus> warn(String message) {
        if (!message.equals(lastWarning)) {
            System.err.println("warning: " + message);
            lastWarning = message;
        }
        return Optional.empty();
    }
}
