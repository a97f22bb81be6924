package org.gatewatch.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.gatewatch.people.enrollment.FaceBench;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The built WAR configured as a gate: folder cameras with live gate analysis (people, faces, decisions). One
 * shows webcam frames of a man whose enrollment photo comes from another session; one shows the same frames with
 * the liveness rule enforced at a threshold no face passes; one shows a stranger.
 */
final class GateDeployment {

    static final Path WORK = Path.of(System.getProperty("gatewatch.test.work", "target/it-work"), "gate");
    static final String GATE_CAMERA = "gate";
    static final String STRANGER_CAMERA = "stranger";
    static final String STRICT_CAMERA = "strict";
    /** Not the default (0.60), to see the setting reach the gallery. */
    static final double FACE_THRESHOLD = 0.55;

    private GateDeployment() {
    }

    static synchronized WebArchive war() {
        try {
            Path faces = FaceBench.ensure();
            // Empty until the test has enrolled him: a gate camera is always on, and would decide before that.
            Path gate = fresh(gateFolder());
            Path stranger = fresh(WORK.resolve("stranger-camera"));
            Files.copy(faces.resolve("probes/_unknown/walter2_crop.jpg"), stranger.resolve("frame.jpg"));
            Path config = WORK.resolve("gatewatch.properties");
            Files.writeString(config, String.join("\n",
                    "cameras = " + GATE_CAMERA + ", " + STRANGER_CAMERA + ", " + STRICT_CAMERA,
                    "faces.threshold = " + FACE_THRESHOLD,
                    "camera." + GATE_CAMERA + ".source = " + gate.toAbsolutePath(),
                    "camera." + GATE_CAMERA + ".fps = 4",
                    "camera." + GATE_CAMERA + ".analysis = gate",
                    "camera." + STRANGER_CAMERA + ".source = " + stranger.toAbsolutePath(),
                    "camera." + STRANGER_CAMERA + ".fps = 4",
                    "camera." + STRANGER_CAMERA + ".analysis = gate",
                    "camera." + STRICT_CAMERA + ".source = " + gate.toAbsolutePath(),
                    "camera." + STRICT_CAMERA + ".fps = 4",
                    "camera." + STRICT_CAMERA + ".analysis = gate",
                    "camera." + STRICT_CAMERA + ".liveness = enforce",
                    "camera." + STRICT_CAMERA + ".livenessThreshold = 0",
                    ""));
            System.setProperty("gatewatch.config", config.toAbsolutePath().toString());
            System.setProperty("gatewatch.home", fresh(WORK.resolve("home")).toAbsolutePath().toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the gate test configuration", e);
        }
        File war = new File(System.getProperty("gatewatch.war", "target/gatewatch.war"));
        return TestRealm.addTo(ShrinkWrap.createFromZipFile(WebArchive.class, war), WORK);
    }

    /** The gate cameras' source folder. */
    static Path gateFolder() {
        return WORK.resolve("gate-camera");
    }

    /**
     * The enrolled man walks up: his frames go into the gate cameras' folder, which they open at their next retry
     * (within 10 s).
     */
    static void capWalksUp() throws IOException {
        Path faces = FaceBench.ensure();
        try (Stream<Path> frames = Files.list(faces.resolve("probes/cap"))) {
            for (Path frame : (Iterable<Path>) frames.sorted()::iterator) {
                Files.copy(frame, gateFolder().resolve(frame.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** An empty folder: files of an earlier run must not leak into this one. */
    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }
}
