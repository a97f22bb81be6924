package org.gatewatch.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The built WAR for the health probes: an always-on camera "door" (the demo clip, or an image folder with nothing to
 * play) and an on-demand camera "spare" whose folder is empty, which readiness must ignore because nobody watches it.
 */
final class HealthDeployment {

    static final Path WORK = Path.of(System.getProperty("gatewatch.test.work", "target/it-work"), "health");
    static final String DOOR = "door";
    /** The folder of the door camera that cannot stream; the probe's answer must not show it. */
    static final Path EMPTY_FOLDER = WORK.resolve("nothing-to-play");

    private HealthDeployment() {
    }

    /** @param doorStreams true: the door plays the demo clip; false: its folder source has no image */
    static synchronized WebArchive war(boolean doorStreams) {
        try {
            Path home = fresh(WORK.resolve(doorStreams ? "home-ready" : "home-unready"));
            fresh(EMPTY_FOLDER);
            Path config = WORK.resolve(doorStreams ? "ready.properties" : "unready.properties");
            Files.writeString(config, String.join("\n",
                    "cameras = door, spare",
                    "camera.door.source = " + (doorStreams ? "demo" : EMPTY_FOLDER.toAbsolutePath()),
                    "camera.door.alwaysOn = true",
                    "camera.spare.source = " + EMPTY_FOLDER.toAbsolutePath(),
                    ""));
            System.setProperty("gatewatch.config", config.toAbsolutePath().toString());
            System.setProperty("gatewatch.home", home.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the health test configuration", e);
        }
        File war = new File(System.getProperty("gatewatch.war", "target/gatewatch.war"));
        return TestRealm.addTo(ShrinkWrap.createFromZipFile(WebArchive.class, war), WORK);
    }

    /** A GET with the 2 s timeout a supervisor would give a probe. */
    static HttpResponse<String> probe(URI uri) throws IOException, InterruptedException {
        return GateWatchDeployment.HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An empty folder: files of an earlier run must not leak into this one. */
    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }
}
