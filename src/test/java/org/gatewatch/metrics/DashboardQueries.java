package org.gatewatch.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names that the shipped Grafana dashboard (conf/grafana/gatewatch-dashboard.json) queries, and those a
 * scrape exports, so a test can hold one against the other.
 */
public final class DashboardQueries {

    /** Where the dashboard lives in the project. */
    public static final String FILE = "conf/grafana/gatewatch-dashboard.json";

    /**
     * GateWatch's own prefix and Micrometer's JVM and process ones: every name the dashboard may query. A label name
     * or a PromQL function never starts with one of them.
     */
    private static final Pattern NAME = Pattern.compile("\\b(?:gatewatch|jvm|process|system)_[A-Za-z0-9_]*");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    private DashboardQueries() {
    }

    public static JsonNode load(Path projectDir) throws IOException {
        return new ObjectMapper().readTree(projectDir.resolve(FILE).toFile());
    }

    /** Every PromQL expression: the panels' targets and the template variables' queries. */
    public static List<String> expressions(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        collect(dashboard, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, out));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if ((field.getKey().equals("expr") || field.getKey().equals("definition"))
                        && field.getValue().isTextual()) {
                    out.add(field.getValue().asText());
                } else {
                    collect(field.getValue(), out);
                }
            }
        }
    }

    /** The metric names one expression queries; label values in quotes are not names. */
    public static Set<String> namesIn(String expression) {
        Matcher m = NAME.matcher(QUOTED.matcher(expression).replaceAll("\"\""));
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The metric names of a scrape in the Prometheus text format (histograms by their _bucket, _sum, _count). */
    public static Set<String> exported(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = line.indexOf('{');
            names.add(line.substring(0, end >= 0 ? end : line.indexOf(' ')));
        }
        return names;
    }
}
