package org.gatewatch.bench.pedestrians;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.gatewatch.analysis.pedestrians.Detection;
import org.gatewatch.cli.AnalyzeCommand;
import org.gatewatch.config.PedestrianConfig;

/**
 * The close-up and mid-range half of bench-people: each labels file {@code NAME.csv} in the labels folder
 * (src/test/resources/labels/close) is scored against {@code analyze} on the clip {@code NAME.*} in the footage
 * folder (bin/close-footage makes it), up to its last labelled frame and at least {@link #MIN_SECONDS}. Pooled
 * precision and recall; on the clips with one person in view from the first frame to the last (listed in
 * {@link #ONE_PERSON}), how many tracks that person got and how long until the first was reported.
 */
final class CloseUpBenchmark {

    /** Clips in which one person is in view from the first frame on and never leaves: one walk, one track. */
    static final Set<String> ONE_PERSON = Set.of("franck", "cap12_edit", "cap13_edit2");
    /** Each clip is analysed at least this long, so a still person has had the time to be reported. */
    static final double MIN_SECONDS = 3;

    /** What one detector did on the close-up set. */
    record Result(PedestrianScore score, int onePersonTracks, int onePersonClips, double worstFirstReport,
                  double msPerFrame) {

        double tracksPerPerson() {
            return onePersonClips == 0 ? 0 : (double) onePersonTracks / onePersonClips;
        }
    }

    private CloseUpBenchmark() {
    }

    static Result run(Path labelsDir, Path footageDir, PedestrianConfig config, Path outDir, PrintStream out)
            throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(labelsDir)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        Map<Long, List<PedestrianLabels.Person>> pooledLabels = new HashMap<>();
        Map<Long, List<Detection>> pooledFound = new HashMap<>();
        int tracks = 0;
        int clips = 0;
        double worstFirst = 0;
        double ms = 0;
        long frames = 0;
        long offset = 0;
        for (Path labelsFile : files) {
            String name = labelsFile.getFileName().toString().replaceFirst("\\.csv$", "");
            Path video = video(footageDir, name);
            PedestrianLabels labels = PedestrianLabels.read(labelsFile);
            Path csv = outDir.resolve(name + ".csv");
            AnalyzeCommand.Summary s;
            long limit = labels.frames().lastKey() + 1;
            try (PrintStream file = new PrintStream(Files.newOutputStream(csv), false, "UTF-8")) {
                s = AnalyzeCommand.analyze(video, config, Math.max(limit, Math.round(MIN_SECONDS * 30)), file);
            }
            Map<Long, List<Detection>> found = PedestrianLabels.readAnalysis(csv);
            PedestrianScore clip = PedestrianScore.score(labels, found);
            double first = firstReport(csv) / (s.fps() > 0 ? s.fps() : 25);
            out.printf(Locale.ROOT, "  %-13s %4d frames  P %.3f R %.3f (TP %d FP %d FN %d)  %d tracks, first "
                            + "reported %s  %.1f ms/frame%n", name, s.frames(), clip.precision(), clip.recall(),
                    clip.truePositives(), clip.falsePositives(), clip.misses(), s.tracks(),
                    first < 0 ? "never" : String.format(Locale.ROOT, "at %.2f s", first), s.msPerFrame());
            if (ONE_PERSON.contains(name)) {
                tracks += s.tracks();
                clips++;
                worstFirst = first < 0 || worstFirst < 0 ? -1 : Math.max(worstFirst, first);
            }
            ms += s.msPerFrame() * s.frames();
            frames += s.frames();
            // Pool the clips into one set of frames: each clip's frame numbers moved past the previous clip's.
            for (Map.Entry<Long, List<PedestrianLabels.Person>> e : labels.frames().entrySet()) {
                pooledLabels.put(offset + e.getKey(), e.getValue());
                pooledFound.put(offset + e.getKey(), found.getOrDefault(e.getKey(), List.of()));
            }
            offset += 1_000_000;
        }
        PedestrianScore score = PedestrianScore.score(new PedestrianLabels(pooledLabels), pooledFound);
        return new Result(score, tracks, clips, worstFirst, frames == 0 ? 0 : ms / frames);
    }

    /** The clip {@code name.*} in {@code dir}. */
    static Path video(Path dir, String name) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(name + "."))
                    .findFirst().orElseThrow(() -> new IOException("no clip " + name + ".* in " + dir
                            + " (bin/close-footage makes them)"));
        }
    }

    /** The first frame with a reported person in an analyze CSV, or -1. */
    static long firstReport(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines) {
            if (!line.startsWith("frame")) {
                return Long.parseLong(line.substring(0, line.indexOf(',')));
            }
        }
        return -1;
    }
}
