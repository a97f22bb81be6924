package org.gatewatch.bench.cameras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Listens to {@code /api/events/stream} as a guard's browser would and notes each access event with the time it
 * arrived here, so a decision's latency is counted to the moment a listener sees it.
 */
final class EventTap implements AutoCloseable {

    /** One event: its camera, its time (the frame that decided), when it arrived here (epoch ms). */
    record Seen(String camera, long eventMillis, long receivedMillis, String decision) {
    }

    private final List<Seen> seen = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    EventTap(ServerApi api) {
        HttpRequest request = api.request("/api/events/stream").timeout(java.time.Duration.ofDays(1))
                .header("Accept", "text/event-stream").GET().build();
        response = api.http().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            if (r.statusCode() != 200) {
                System.err.println("bench-cameras: event stream answered HTTP " + r.statusCode());
                return;
            }
            lines = r.body();
            try {
                lines.forEach(this::line);
            } catch (RuntimeException e) {
                // Ends when close() closes the stream, or the server goes away.
            }
        });
    }

    private void line(String line) {
        if (!line.startsWith("data:")) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            JsonNode e = json.readTree(line.substring("data:".length()).strip());
            if (e.hasNonNull("camera") && e.hasNonNull("time")) {
                synchronized (seen) {
                    seen.add(new Seen(e.path("camera").asText(), Instant.parse(e.path("time").asText()).toEpochMilli(),
                            now, e.path("decision").asText()));
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("bench-cameras: unreadable event: " + e);
        }
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        Stream<String> l = lines;
        if (l != null) {
            l.close();
        }
    }
}
