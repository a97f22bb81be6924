package org.gatewatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AppMetricsTest {

    private static String scrape(AppMetrics metrics, String accept) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrape(out, accept);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theJvmAndTheProcessAreMeasuredFromTheStart() throws IOException {
        try (AppMetrics metrics = AppMetrics.start()) {
            String text = scrape(metrics, null);
            for (String name : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads",
                    "jvm_classes_loaded_classes", "jvm_gc_", "process_cpu_usage", "process_uptime_seconds"}) {
                assertTrue(text.contains(name), name + " missing from the scrape");
            }
        }
    }

    @Test
    void theFormatFollowsTheAcceptHeader() throws IOException {
        try (AppMetrics metrics = AppMetrics.start()) {
            assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.contentType(null));
            assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.contentType("text/plain"));
            String openMetrics = "application/openmetrics-text; version=1.0.0; charset=utf-8";
            assertEquals(openMetrics,
                    metrics.contentType("application/openmetrics-text;version=1.0.0,text/plain;q=0.5"));
            assertTrue(scrape(metrics, openMetrics).strip().endsWith("# EOF"), "an OpenMetrics body ends with # EOF");
        }
    }

    @Test
    void closingLetsGoOfEveryMeterAndTouchesNoGlobalRegistry() {
        AppMetrics metrics = AppMetrics.start();
        assertTrue(Metrics.globalRegistry.getRegistries().isEmpty(), "the global registry is never used");
        metrics.close();
        assertTrue(metrics.registry().isClosed());
        metrics.close();
    }
}
