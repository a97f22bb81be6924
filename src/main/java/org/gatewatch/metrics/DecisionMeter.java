package org.gatewatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.EventListener;

/**
 * Counts the committed decisions by camera, decision and rule ({@code gatewatch_decisions_total}). A series appears
 * with the first decision of its kind; cameras and rules are few, so the series stay few.
 */
final class DecisionMeter implements EventListener {

    /** The rule of an event that names none. */
    static final String NO_RULE = "none";

    private final MeterRegistry registry;

    DecisionMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Invoked on the recorder's thread once per walk-through; the registry finds the counter made before. */
    @Override
    public void onEvent(AccessEvent event) {
        Counter.builder("gatewatch.decisions").description("Access decisions recorded")
                .tags("camera", event.camera(), "decision", event.decision().name(),
                        "rule", event.rule() == null ? NO_RULE : event.rule())
                .register(registry).increment();
    }
}
