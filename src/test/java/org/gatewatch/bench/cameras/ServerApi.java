package org.gatewatch.bench.cameras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** The REST calls the benchmark makes as the admin: status, enrolment, the heap from /metrics. */
final class ServerApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(120);

    /** One camera in /api/status, read at {@code sampledMillis} (this machine's wall clock). */
    record Sample(long framesCaptured, long framesAnalyzed, long lastFrameMillis, double fps, long sampledMillis) {
    }

    private final String base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    /** @param base e.g. http://127.0.0.1:8080/gatewatch */
    ServerApi(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    String base() {
        return base;
    }

    String authorization() {
        return authorization;
    }

    Map<String, Sample> status() throws IOException, InterruptedException {
        HttpResponse<String> r = send(request("/api/status").GET(), "status");
        long now = System.currentTimeMillis();
        Map<String, Sample> out = new HashMap<>();
        for (JsonNode c : json.readTree(r.body()).path("cameras")) {
            out.put(c.path("id").asText(), new Sample(c.path("framesCaptured").asLong(),
                    c.path("framesAnalyzed").asLong(), c.path("lastFrameMillis").asLong(), c.path("fps").asDouble(),
                    now));
        }
        return out;
    }

    /** Creates one person and uploads every image of {@code faces} as their enrolled faces; returns how many. */
    int enrol(String name, Path faces) throws IOException, InterruptedException {
        String body = json.createObjectNode().put("name", name).put("externalId", "bench-cameras").toString();
        HttpResponse<String> created = send(request("/api/people").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "create person");
        long id = json.readTree(created.body()).path("id").asLong();
        List<Path> images;
        try (Stream<Path> files = Files.list(faces)) {
            images = files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
        }
        for (Path image : images) {
            String boundary = "bench" + UUID.randomUUID();
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            part.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\""
                    + image.getFileName() + "\"\r\nContent-Type: image/jpeg\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            part.write(Files.readAllBytes(image));
            part.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            // Each upload finds and embeds the face before it answers: slow on a machine short of CPU.
            send(request("/api/people/" + id + "/faces").timeout(UPLOAD_TIMEOUT)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(part.toByteArray())), "upload " + image);
        }
        return images.size();
    }

    /** Heap in use now, bytes: the sum of Micrometer's jvm_memory_used_bytes over the heap's pools. */
    long heapUsedBytes() throws IOException, InterruptedException {
        HttpResponse<String> r = send(request("/metrics").GET(), "metrics");
        double sum = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }

    HttpClient http() {
        return http;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(what + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r;
    }
}
