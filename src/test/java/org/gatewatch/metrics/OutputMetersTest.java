package org.gatewatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutputMetersTest {

    /** Stands for an output's queue: what waits, what went, what was lost. */
    private static final class Queue {
        final AtomicLong waiting = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
    }

    @Test
    void theMetersReadTheOutputAtEachScrape() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Queue queue = new Queue();
        OutputMeters.bind(registry, "webhook", queue, q -> q.waiting.get(), q -> q.sent.get(), q -> q.lost.get());
        queue.waiting.set(7);
        queue.sent.set(40);
        queue.lost.set(2);

        assertEquals(7, registry.get("gatewatch.outputs.backlog").tag("output", "webhook").gauge().value());
        assertEquals(40, registry.get("gatewatch.outputs.delivered").tag("output", "webhook").functionCounter()
                .count());
        assertEquals(2, registry.get("gatewatch.outputs.dropped").tag("output", "webhook").functionCounter().count());
        queue.waiting.set(0);
        assertEquals(0, registry.get("gatewatch.outputs.backlog").tag("output", "webhook").gauge().value());
    }
}
