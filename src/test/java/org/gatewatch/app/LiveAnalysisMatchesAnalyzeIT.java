package org.gatewatch.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.bench.pedestrians.PedestrianBenchmark;
import org.gatewatch.camera.Analyzers;
import org.gatewatch.capture.FfmpegSource;
import org.gatewatch.cli.AnalyzeCommand;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.config.ConfigLoader;
import org.gatewatch.config.GateWatchConfig;
import org.gatewatch.db.Database;
import org.gatewatch.db.TestDatabases;
import org.gatewatch.events.Decision;
import org.gatewatch.events.EventStore;
import org.gatewatch.events.StoredRecording;
import org.gatewatch.people.FaceStore;
import org.gatewatch.people.People;
import org.gatewatch.people.PersonStore;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/**
 * {@code bin/gatewatch analyze} gives the same answers as a live camera on the same frames: one configuration file
 * (shared people.* keys, the camera's own override and counting line), read once by the server's camera assembly
 * and once by {@code analyze --config FILE --camera door}, on the first frames of vtest.avi. The live camera skips
 * frames only when it is busy; here it is given every frame, as the tool is.
 */
class LiveAnalysisMatchesAnalyzeIT {

    private static final int FRAMES = 400;

    @Test
    void liveCameraAndAnalyzeCountTheSamePeopleAcrossTheLine() throws IOException {
        Path vtest = PedestrianBenchmark.VTEST;
        if (!Files.isReadable(vtest)) {
            System.out.println("LiveAnalysisMatchesAnalyzeIT skipped: " + vtest + " is missing (apt-get install "
                    + "opencv-doc; bin/gatewatch test installs it)");
        }
        assumeTrue(Files.isReadable(vtest), vtest + " is missing");
        Path work = Files.createDirectories(TestDatabases.WORK.resolve("live-vs-analyze-" + UUID.randomUUID()));
        String text = String.join("\n",
                "cameras = door",
                "camera.door.source = " + vtest,
                "camera.door.analysis = people",
                "camera.door.countingLine = 384,150,384,450",
                // HOG, whose key the camera overrides below: the test is about the override reaching both sides.
                "camera.door.people.detector = hog",
                "camera.door.people.hog.minPersonHeight = 44",
                "people.track.maxMissed = 12",
                "");
        Path file = Files.writeString(work.resolve("gatewatch.properties"), text);

        AnalyzeCommand.Summary offline;
        AnalyzeCommand.Summary sharedKeysOnly;
        try (PrintStream csv = new PrintStream(OutputStream.nullOutputStream())) {
            offline = AnalyzeCommand.analyze(vtest, AnalyzeCommand.loadConfig(file, "door", List.of()), FRAMES, csv);
            sharedKeysOnly = AnalyzeCommand.analyze(vtest, AnalyzeCommand.loadConfig(file, null,
                    List.of("people.countingLine=384,150,384,450")), FRAMES, csv);
        }
        // Else a camera override lost on either side would go unnoticed. What is found, not only what is counted:
        // two detectors may count the same crossings.
        assertNotEquals(found(sharedKeysOnly), found(offline),
                "the door camera's own people.* keys change what is found");

        Properties p = new Properties();
        p.load(new StringReader(text));
        GateWatchConfig config = ConfigLoader.parse(p, file.toString());
        CameraConfig door = config.cameras().get(0);
        long[] live;
        long passages;
        Path data = work.resolve("data");
        try (Database db = Database.open(data).migrate();
             StoredRecording recording = new StoredRecording(data, db.dataSource())) {
            EventStore events = new EventStore(db.dataSource());
            People people = new People(new PersonStore(db.dataSource()),
                    new FaceStore(db.dataSource(), data.resolve("faces")), Clock.systemUTC());
            try (Analyzers analyzers = new Analyzers(config.faces(), people, recording.recorder(), Gallery::empty,
                    Clock.systemUTC())) {
                FrameAnalyzer camera = analyzers.forCamera(door);
                try (FfmpegSource source = new FfmpegSource(vtest.toString(), null, Map.of(), false, false)) {
                    source.open();
                    Mat frame;
                    for (int i = 0; i < FRAMES && (frame = source.grab()) != null; i++) {
                        camera.analyze(frame, System.currentTimeMillis());
                    }
                } finally {
                    camera.close();
                }
                live = camera.crossings();
            }
            recording.awaitStored();
            passages = events.countsSince(Instant.EPOCH, "door").getOrDefault(Decision.PASSAGE, 0L);
        }

        assertEquals(FRAMES, offline.frames());
        assertTrue(offline.in() + offline.out() > 0, "people cross the line in these frames: " + offline);
        assertArrayEquals(new long[] {offline.in(), offline.out()}, live,
                "the live camera counts what analyze counts on the same frames");
        assertTrue(passages > 0, "each walk-through of the live camera is recorded as a PASSAGE event");
    }

    private static List<Long> found(AnalyzeCommand.Summary s) {
        return List.of(s.in(), s.out(), (long) s.tracks(), s.rows());
    }
}
