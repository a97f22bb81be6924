package org.gatewatch.bench.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.gatewatch.analysis.StillLooks;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.pedestrians.PedestrianAnalyzer;
import org.gatewatch.bench.pedestrians.PedestrianBenchmark;
import org.gatewatch.cli.AnalyzeCommand;
import org.gatewatch.config.PedestrianConfig;
import org.gatewatch.natives.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A door camera with nobody in front of it, on real footage through the real models: vtest.avi's empty background with
 * sensor noise and light drift ({@link StillScene}), then the clip's walkers. The whole-picture looks for people who
 * stand still back off while the picture is still and empty ({@link StillLooks}), and walkers who then come are found
 * as soon as a camera that had just started would find them.
 */
public class EmptyDoorIT {

    private static final Path VTEST = PedestrianBenchmark.VTEST;
    /** Where the walkers come from: a stretch of vtest with several people in view. */
    private static final int WALKERS_FROM = 60;
    private static final int WALKER_FRAMES = 5;

    @BeforeAll
    public static void natives() {
        if (!Files.isReadable(VTEST)) {
            System.out.println("EmptyDoorIT skipped: " + VTEST + " is missing (apt-get install opencv-doc; "
                    + "bin/gatewatch test installs it)");
        }
        assumeTrue(Files.isReadable(VTEST), VTEST + " is missing");
        OpenCvRuntime.load();
    }

    @Test
    public void anEmptyDoorIsLookedAtWholeLessAndLessOften() throws IOException {
        int frames = 600;
        PedestrianConfig config = AnalyzeCommand.loadConfig(null, List.of());
        GateTiming.Run run = new GateTiming(40).run(GateTiming.Footage.still(StillScene.medianOf(VTEST, 10), 10),
                config, Gallery.empty(), frames, 0);
        // Every 10th frame would be 60 scans; backing off to every 80th, about 10 (the first ones come sooner).
        System.out.printf("EmptyDoorIT: faces looked for on %d of %d frames of an empty door, %.1f ms of CPU a frame%n",
                run.faces().ran(), frames, run.processCpuMs());
        assertTrue(run.faces().ran() <= 15, "faces looked for on " + run.faces().ran() + " frames");
        assertTrue(run.faces().ran() >= frames / (10 * StillLooks.MAX_BACKOFF), "the looks go on, less often");
        assertTrue(run.tracks() == 0 && run.events() == 0, "nobody is at the door");
    }

    @Test
    public void walkersIntoALongEmptyDoorAreFoundAsSoonAsOnAFreshCamera() throws IOException {
        PedestrianConfig config = AnalyzeCommand.loadConfig(null, List.of());
        int wholeLooks = 0;
        int[] afterStill;
        try (PedestrianAnalyzer door = new PedestrianAnalyzer(config);
             StillScene scene = StillScene.medianOf(VTEST, 10)) {
            for (int i = 0; i < 300; i++) {
                wholeLooks += door.analyze(scene.next()).detectorRan() ? 1 : 0;
            }
            afterStill = peopleInWalkerFrames(door);
        }
        int[] fresh;
        try (PedestrianAnalyzer camera = new PedestrianAnalyzer(config)) {
            fresh = peopleInWalkerFrames(camera);
        }
        System.out.printf("EmptyDoorIT: %d whole looks in 30 s of an empty door; people reported in the walkers' "
                + "first frames %s after it, %s on a fresh camera%n", wholeLooks, Arrays.toString(afterStill),
                Arrays.toString(fresh));
        assertTrue(wholeLooks <= 8, wholeLooks + " whole looks (every 10th frame would be 30)");
        int sumAfter = 0;
        int sumFresh = 0;
        for (int i = 0; i < WALKER_FRAMES; i++) {
            sumAfter += afterStill[i];
            sumFresh += fresh[i];
        }
        assertTrue(sumFresh > 0, "the fresh camera finds the walkers");
        assertTrue(sumAfter >= sumFresh, "after the empty door: " + sumAfter + " against " + sumFresh);
    }

    /** People reported in each of the walkers' first frames. */
    private static int[] peopleInWalkerFrames(PedestrianAnalyzer analyzer) throws IOException {
        int[] people = new int[WALKER_FRAMES];
        try (GateTiming.Footage footage = GateTiming.Footage.of(VTEST)) {
            for (int i = 0; i < WALKERS_FROM; i++) {
                footage.next();
            }
            for (int i = 0; i < WALKER_FRAMES; i++) {
                people[i] = analyzer.analyze(footage.next()).pedestrians().size();
            }
        }
        return people;
    }
}
