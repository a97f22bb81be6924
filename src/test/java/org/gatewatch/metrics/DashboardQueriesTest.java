package org.gatewatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The extraction MetricsIT relies on; MetricsIT holds the names against a scrape of the deployed WAR. */
class DashboardQueriesTest {

    @Test
    void namesAreFoundAndLabelsFunctionsAndQuotedValuesAreNot() {
        assertEquals(Set.of("gatewatch_camera_capture_to_publish_seconds_bucket"), DashboardQueries.namesIn(
                "histogram_quantile(0.95, sum by (camera, le) (rate(gatewatch_camera_capture_to_publish_seconds_bucket"
                        + "{camera=~\"$camera\"}[5m])))"));
        assertEquals(Set.of("jvm_memory_used_bytes", "jvm_memory_max_bytes"), DashboardQueries.namesIn(
                "sum(jvm_memory_used_bytes{area=\"heap\", id=\"gatewatch_fake\"}) / sum(jvm_memory_max_bytes)"));
    }

    @Test
    void aScrapeListsItsMetricNames() {
        String scrape = """
                # HELP gatewatch_viewers Viewers across all cameras now
                # TYPE gatewatch_viewers gauge
                gatewatch_viewers 1.0
                gatewatch_camera_frames_sent_total{camera="demo"} 12.0
                """;
        assertEquals(Set.of("gatewatch_viewers", "gatewatch_camera_frames_sent_total"),
                DashboardQueries.exported(scrape));
    }

    @Test
    void everyQueryOfTheShippedDashboardNamesAMetric() throws Exception {
        JsonNode dashboard = DashboardQueries.load(Path.of(System.getProperty("user.dir")));
        List<String> expressions = DashboardQueries.expressions(dashboard);
        assertTrue(expressions.size() > 15, "the dashboard's queries: " + expressions);
        for (String expression : expressions) {
            assertFalse(DashboardQueries.namesIn(expression).isEmpty(), "no metric in " + expression);
        }
    }
}
