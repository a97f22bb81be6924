package org.gatewatch.bench.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Sends cases {@code from .. from+count-1} of a {@link BadRequests} on {@code threads} connections at a time and
 * checks every answer. Keeps the first {@link #KEPT_FAILURES} failures whole, each with the seed and case number
 * that send it again.
 */
public final class FuzzRun {

    /** Failures kept whole; the rest are counted (-Dgatewatch.fuzz.keptFailures=N keeps more). */
    static final int KEPT_FAILURES = Integer.getInteger("gatewatch.fuzz.keptFailures", 20);
    /** Above the slowest legitimate answer: a decoded bomb waiting its turn for the face models on a busy machine. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    /** The outcome: tallies by status and by kind, the failures kept, and how long it took. */
    public record Result(long seed, long requests, Map<String, Long> byStatus, Map<String, Long> byKind,
                         Map<String, Long> secondsByKind, long failureCount, List<String> failures,
                         Duration elapsed) {

        public boolean passed() {
            return failureCount == 0;
        }

        public String summary() {
            StringBuilder s = new StringBuilder(String.format("%,d requests in %.1f s (seed %d): %d failure(s)%n",
                    requests, elapsed.toMillis() / 1000.0, seed, failureCount));
            s.append("  by status: ").append(byStatus).append('\n');
            s.append("  by kind:   ").append(byKind).append('\n');
            s.append("  seconds waited for answers, by kind: ").append(secondsByKind).append('\n');
            failures.forEach(f -> s.append('\n').append(f).append('\n'));
            if (failureCount > failures.size()) {
                s.append("... and ").append(failureCount - failures.size()).append(" more\n");
            }
            return s.toString();
        }
    }

    private FuzzRun() {
    }

    public static Result run(FuzzTarget target, BadRequests requests, long from, long count, int threads,
                             LongConsumer progress) {
        ResponseCheck check = new ResponseCheck(target.privatePaths());
        Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
        Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
        Map<String, LongAdder> nanosByKind = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failureCount = new AtomicLong();
        AtomicLong next = new AtomicLong(from);
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fuzz-client");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                long index;
                while ((index = next.getAndIncrement()) < from + count) {
                    BadRequest request = requests.make(index);
                    long sent = System.nanoTime();
                    RawResponse response = RawExchange.send(target.address(), request, ANSWER_TIMEOUT);
                    nanosByKind.computeIfAbsent(request.kind(), k -> new LongAdder()).add(System.nanoTime() - sent);
                    byStatus.computeIfAbsent(String.valueOf(response.status()), k -> new LongAdder()).increment();
                    byKind.computeIfAbsent(request.kind(), k -> new LongAdder()).increment();
                    Optional<String> problem = check.problem(request, response);
                    if (problem.isPresent() && failureCount.incrementAndGet() <= KEPT_FAILURES) {
                        failures.add("FAILED " + problem.get() + "\n  replay: --seed " + requests.seed() + " --case "
                                + index + "\n  request: " + request.describe() + "\n  response: "
                                + response.describe());
                    }
                    progress.accept(done.incrementAndGet());
                }
            });
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(6, TimeUnit.HOURS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        Map<String, Long> seconds = new TreeMap<>();
        nanosByKind.forEach((k, v) -> seconds.put(k, Math.round(v.sum() / 1e9)));
        return new Result(requests.seed(), done.get(), tally(byStatus), tally(byKind), seconds, failureCount.get(),
                List.copyOf(failures), Duration.ofNanos(System.nanoTime() - started));
    }

    /** One case alone, for a replay: the request and the answer in full. */
    public static String one(FuzzTarget target, BadRequests requests, long index) {
        BadRequest request = requests.make(index);
        RawResponse response = RawExchange.send(target.address(), request, ANSWER_TIMEOUT);
        Optional<String> problem = new ResponseCheck(target.privatePaths()).problem(request, response);
        return "request: " + request.describe() + "\n\nresponse: " + response.describe() + "\n\n"
                + problem.map(p -> "FAILED " + p).orElse("passed");
    }

    private static Map<String, Long> tally(Map<String, LongAdder> counts) {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted;
    }
}
