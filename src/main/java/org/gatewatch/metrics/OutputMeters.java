package org.gatewatch.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToLongFunction;

/**
 * An event output's queue, by output name ({@code output="webhook"}, {@code "mqtt"}): what waits now, what went
 * out, what was dropped. Any later output that queues (a journal) takes the same three names with its own tag.
 */
final class OutputMeters {

    private OutputMeters() {
    }

    static <T> void bind(MeterRegistry registry, String output, T sender, ToLongFunction<T> backlog,
                         ToLongFunction<T> delivered, ToLongFunction<T> dropped) {
        Gauge.builder("gatewatch.outputs.backlog", sender, s -> backlog.applyAsLong(s)).tag("output", output)
                .description("Events waiting in the output's queue (retries included)").register(registry);
        FunctionCounter.builder("gatewatch.outputs.delivered", sender, s -> delivered.applyAsLong(s))
                .tag("output", output).description("Events the output delivered").register(registry);
        FunctionCounter.builder("gatewatch.outputs.dropped", sender, s -> dropped.applyAsLong(s))
                .tag("output", output).description("Events the output dropped: its queue was full, or it gave up")
                .register(registry);
    }
}
