package org.gatewatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.Decision;
import org.junit.jupiter.api.Test;

class DecisionMeterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DecisionMeter meter = new DecisionMeter(registry);

    private static AccessEvent event(String camera, Decision decision, String rule) {
        return new AccessEvent(1, camera, Instant.EPOCH, decision, null, null, null, rule, 1L, null, null, null);
    }

    private double count(String camera, String decision, String rule) {
        return registry.get("gatewatch.decisions").tags("camera", camera, "decision", decision, "rule", rule)
                .counter().count();
    }

    @Test
    void decisionsAreCountedByCameraDecisionAndRule() {
        meter.onEvent(event("door", Decision.GRANTED, "recognized"));
        meter.onEvent(event("door", Decision.GRANTED, "recognized"));
        meter.onEvent(event("door", Decision.DENIED, "unknown"));
        meter.onEvent(event("hall", Decision.GRANTED, "recognized"));
        meter.onEvent(event("hall", Decision.PASSAGE, null));

        assertEquals(2, count("door", "GRANTED", "recognized"));
        assertEquals(1, count("door", "DENIED", "unknown"));
        assertEquals(1, count("hall", "GRANTED", "recognized"));
        assertEquals(1, count("hall", "PASSAGE", DecisionMeter.NO_RULE));
    }
}
