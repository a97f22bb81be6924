package org.gatewatch.bench.events;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.gatewatch.config.WebhookConfig;
import org.gatewatch.db.Database;
import org.gatewatch.events.Decision;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.events.EventRows;
import org.gatewatch.events.EventStore;
import org.gatewatch.events.NewEvent;
import org.gatewatch.events.SnapshotStore;
import org.gatewatch.events.journal.Backoff;
import org.gatewatch.events.journal.Journal;
import org.gatewatch.events.journal.JournalReader;
import org.gatewatch.outputs.WebhookSender;

/**
 * Part 1 of bench-events, on one database: decisions journaled per second with their two snapshots (one thread,
 * then four), what one decision costs the analysis thread that records it (p50/p99), how fast the database's reader
 * writes them, how long the backlog of a 30 s database outage takes to drain, and the time from decision to webhook
 * receipt on this machine (p50/p99).
 */
final class JournalBenchmark {

    private final String label;
    private final Database db;
    private final Path dir;
    private final byte[] frame;
    private final byte[] face;

    JournalBenchmark(String label, Database db, Path dir, byte[] frame, byte[] face) {
        this.label = label;
        this.db = db;
        this.dir = dir;
        this.frame = frame;
        this.face = face;
    }

    /** @param outageRate decisions per second made during the 30 s the database is away */
    void run(int n, int outageRate) throws Exception {
        try (db; Journal journal = Journal.open(dir.resolve("journal"), new EventStore(db.dataSource()).maxId())) {
            EventRecorder recorder = new EventRecorder(journal, new SnapshotStore(dir.resolve("snapshots")));
            JournalReader store = storeReader(journal).start();
            try {
                record(recorder, 200, 1, new Samples());
                awaitDrained(store, journal);
                for (int threads : new int[] {1, 4}) {
                    Samples cost = new Samples();
                    long start = System.nanoTime();
                    record(recorder, n, threads, cost);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    out("   %-22s %d thread(s): %,6.0f decisions/s journaled with snapshots; record() on the"
                            + " analysis thread %s", label, threads, n / seconds, cost.summary());
                    long drainStart = System.nanoTime();
                    awaitDrained(store, journal);
                    out("   %-22s             database rows written %,.1f s after the last decision",
                            label, (System.nanoTime() - drainStart) / 1e9);
                }
            } finally {
                store.close();
            }
            outage(journal, recorder, outageRate);
            webhook(journal, recorder);
        }
    }

    /** The database away for 30 s (its reader stopped) while decisions are made, then back: time to catch up. */
    private void outage(Journal journal, EventRecorder recorder, int rate) throws Exception {
        int backlog = rate * 30;
        record(recorder, backlog, 1, new Samples());
        long start = System.nanoTime();
        try (JournalReader store = storeReader(journal).start()) {
            awaitDrained(store, journal);
        }
        out("   %-22s backlog of a 30 s outage at %d decisions/s (%,d decisions) written in %.2f s", label, rate,
                backlog, (System.nanoTime() - start) / 1e9);
    }

    /** 200 decisions at 20/s to a receiver on this machine: from before record() to the receiver reading it. */
    private void webhook(Journal journal, EventRecorder recorder) throws Exception {
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        Samples latency = new Samples();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            long now = System.nanoTime();
            ex.getRequestBody().readAllBytes();
            Long sent = sentAt.get(Long.parseLong(ex.getRequestHeaders().getFirst("X-GateWatch-Event")));
            if (sent != null) {
                latency.add(now - sent);
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        WebhookConfig config = new WebhookConfig(List.of(url), "bench-secret-0123456789", 1000, 5, 100, 5, 24);
        try (WebhookSender sender = new WebhookSender(config, journal, Clock.systemUTC())) {
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                long t0 = System.nanoTime();
                // The id is known only once journaled; the receiver may already be reading it, so it is noted first.
                long next = journal.lastId() + 1;
                sentAt.put(next, t0);
                recorder.record(new NewEvent("bench", Instant.now(), Decision.GRANTED, null, "Bench", 0.9, "bench",
                        (long) i, frame, face));
                long wait = start + (i + 1) * 50_000_000L - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (latency.size() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            server.stop(0);
        }
        out("   %-22s decision to webhook receipt (20/s, receiver on this machine): %s", label, latency.summary());
    }

    private JournalReader storeReader(Journal journal) {
        return new JournalReader("store", journal, new EventRows(db.dataSource()), new Backoff(50, 1000),
                UnaryOperator.identity());
    }

    private static void awaitDrained(JournalReader store, Journal journal) throws InterruptedException {
        if (!store.awaitDelivered(journal.lastId(), 600_000)) {
            throw new IllegalStateException("the database's reader is stuck at " + store.position() + ": "
                    + store.lastError());
        }
    }

    private void record(EventRecorder recorder, int n, int threads, Samples cost) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger left = new AtomicInteger(n);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    long t0 = System.nanoTime();
                    recorder.record(new NewEvent("bench", Instant.now(), Decision.GRANTED, null, "Bench", 0.9,
                            "bench", 1L, frame, face));
                    cost.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    static Path workDir(Path root) {
        return root.resolve("journal-" + UUID.randomUUID());
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
