package org.gatewatch.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.gatewatch.people.enrollment.FaceBench;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The built WAR with a configuration of its own for the enrollment tests (its own folder and data directory, so
 * {@link GateWatchDeployment}'s stays as it is): a camera that shows one face, one that shows none, and one whose
 * source never answers.
 */
final class EnrollmentDeployment {

    static final Path WORK = Path.of(System.getProperty("gatewatch.test.work", "target/it-work"), "enrollment");
    /** A folder camera looping a webcam frame of one man (probes/cap/cap13_011.jpg of the face set). */
    static final String FACE_CAMERA = "face";
    /** A folder camera looping a picture with no face. */
    static final String EMPTY_CAMERA = "empty";
    /** An MJPEG camera on a port where nothing listens: it never gives a frame. */
    static final String DEAD_CAMERA = "dead";

    private EnrollmentDeployment() {
    }

    static synchronized WebArchive war() {
        try {
            Path face = Files.createDirectories(WORK.resolve("face-camera"));
            Files.copy(FaceBench.ensure().resolve("probes/cap/cap13_011.jpg"), face.resolve("frame.jpg"),
                    StandardCopyOption.REPLACE_EXISTING);
            Path empty = Files.createDirectories(WORK.resolve("empty-camera"));
            Files.write(empty.resolve("frame.jpg"), FaceBench.noFace());
            Path config = WORK.resolve("gatewatch.properties");
            Files.writeString(config, String.join("\n",
                    "cameras = " + String.join(", ", FACE_CAMERA, EMPTY_CAMERA, DEAD_CAMERA),
                    "camera." + FACE_CAMERA + ".source = " + face.toAbsolutePath(),
                    "camera." + FACE_CAMERA + ".fps = 5",
                    "camera." + EMPTY_CAMERA + ".source = " + empty.toAbsolutePath(),
                    "camera." + EMPTY_CAMERA + ".fps = 5",
                    // Port 1 refuses every connection: the capture thread keeps reconnecting, no frame ever comes.
                    "camera." + DEAD_CAMERA + ".source = http://127.0.0.1:1/stream",
                    ""));
            System.setProperty("gatewatch.config", config.toAbsolutePath().toString());
            System.setProperty("gatewatch.home", WORK.resolve("home").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the enrollment test configuration", e);
        }
        File war = new File(System.getProperty("gatewatch.war", "target/gatewatch.war"));
        return TestRealm.addTo(ShrinkWrap.createFromZipFile(WebArchive.class, war), WORK);
    }
}
