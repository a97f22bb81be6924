package org.gatewatch.it.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gatewatch.it.tomcat.RealTomcat;

/** What a fault test compares after the fault: the journal's files, the database through the API, the trail. */
final class RecordChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordChecks() {
    }

    /** The ids the journal's files hold: the truth of what was decided. A line cut short is no decision. */
    static Set<Long> journaledIds(Path dataDir) {
        Set<Long> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(dataDir.resolve("journal"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.endsWith("}")) {
                        ids.add(JSON.readTree(line).get("id").asLong());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    /** The ids of a camera's events in the database, through GET /api/events (the newest 500); empty on an error. */
    static Set<Long> storedIds(RealTomcat tomcat, String camera) {
        var r = tomcat.get("/gatewatch/api/events?camera=" + camera + "&size=500");
        if (r.statusCode() != 200) {
            return Set.of();
        }
        try {
            Set<Long> ids = new TreeSet<>();
            JSON.readTree(r.body()).get("items").forEach(e -> ids.add(e.get("id").asLong()));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<Long> receivedIds(WebhookReceiver receiver) {
        return receiver.accepted().stream().map(WebhookReceiver.Post::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** How many decision records of each event id the audit trail holds. */
    static Map<Long, Long> trailCounts(Path dataDir) {
        Map<Long, Long> counts = new TreeMap<>();
        try (Stream<Path> files = Files.list(dataDir.resolve("audit"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.contains("\"type\":\"decision\"")) {
                        counts.merge(JSON.readTree(line).get("event").get("id").asLong(), 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    static void await(Supplier<Boolean> done, String what, RealTomcat tomcat, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!done.get()) {
            assertTrue(System.nanoTime() < deadline, () -> tomcat + ": not within " + wait.toSeconds() + " s: " + what
                    + "\n" + tomcat.log().tail(40));
            Thread.sleep(250);
        }
    }
}
