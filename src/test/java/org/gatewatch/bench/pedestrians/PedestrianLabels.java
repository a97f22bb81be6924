package org.gatewatch.bench.pedestrians;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gatewatch.analysis.pedestrians.Detection;

/**
 * Hand-made ground truth: {@code frame,x,y,w,h,ignore} per person per labelled frame (see
 * src/test/resources/labels/README.md). {@code ignore=1} marks a person the benchmark neither demands nor punishes:
 * mostly hidden, cut by the frame's edge, or smaller than the detector is configured for.
 */
public final class PedestrianLabels {

    /** One labelled person. */
    public record Person(Detection box, boolean ignore) {
    }

    private final TreeMap<Long, List<Person>> byFrame;

    public PedestrianLabels(Map<Long, List<Person>> byFrame) {
        this.byFrame = new TreeMap<>(byFrame);
    }

    public static PedestrianLabels read(Path csv) throws IOException {
        Map<Long, List<Person>> byFrame = new TreeMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("frame")) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 6) {
                throw new IOException(csv + ":" + (i + 1) + ": expected frame,x,y,w,h,ignore, got '" + line + "'");
            }
            try {
                Detection box = new Detection(Integer.parseInt(f[1].trim()), Integer.parseInt(f[2].trim()),
                        Integer.parseInt(f[3].trim()), Integer.parseInt(f[4].trim()), 1);
                byFrame.computeIfAbsent(Long.parseLong(f[0].trim()), k -> new ArrayList<>())
                        .add(new Person(box, f[5].trim().equals("1")));
            } catch (IllegalArgumentException e) {
                throw new IOException(csv + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new PedestrianLabels(byFrame);
    }

    /** Labelled frames, ascending. */
    public TreeMap<Long, List<Person>> frames() {
        return byFrame;
    }

    /** Reads analyze's CSV ({@code frame,track,x,y,w,h,score}) into boxes per frame. */
    public static Map<Long, List<Detection>> readAnalysis(Path csv) throws IOException {
        Map<Long, List<Detection>> out = new TreeMap<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("frame")) {
                continue;
            }
            String[] f = line.split(",");
            out.computeIfAbsent(Long.parseLong(f[0]), k -> new ArrayList<>())
                    .add(new Detection(Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                            Integer.parseInt(f[5]), Double.parseDouble(f[6])));
        }
        return out;
    }
}
