package org.gatewatch.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.gatewatch.bench.fuzz.BadRequests;
import org.gatewatch.bench.fuzz.FuzzSession;
import org.gatewatch.bench.fuzz.FuzzSetup;
import org.gatewatch.bench.fuzz.FuzzTarget;
import org.gatewatch.it.ItUsers;
import org.gatewatch.it.TestPaths;
import org.gatewatch.it.tomcat.RealTomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 10,000 randomized bad requests against the drop-in WAR in a real Tomcat with the shipped server.xml (its error
 * pages are part of what is checked): every answer is a 4xx that shows nothing of the server's insides, a viewer of
 * the demo camera keeps 90 % of its frame rate meanwhile, and the server's heap after GC and its threads are back
 * where they were. The seed is printed; {@code -Dgatewatch.fuzz.seed=S} runs the same requests again, and
 * {@code bin/gatewatch fuzz --seed S --case I --url ...} sends one of them alone. Longer runs:
 * {@code bin/gatewatch fuzz}.
 */
class FuzzIT {

    static final int REQUESTS = Integer.getInteger("gatewatch.fuzz.requests", 10_000);
    /** Requests at a time: enough to keep two cores busy while one waits on its socket. */
    static final int THREADS = 4;

    private static RealTomcat tomcat;
    private static Path config;

    @BeforeAll
    static void start() throws IOException {
        // The demo camera alone, analysis off: the stream and the requests share the two cores with no HOG.
        Files.createDirectories(TestPaths.workRoot());
        config = TestPaths.workRoot().resolve("fuzz.properties");
        Files.writeString(config, String.join("\n", "cameras = demo", "camera.demo.source = demo",
                "camera.demo.analysis = off", ""));
        tomcat = RealTomcat.startDropIn("fuzz", config);
    }

    @AfterAll
    static void stop() throws IOException {
        if (tomcat != null) {
            tomcat.stop();
        }
        Files.deleteIfExists(config);
    }

    @Test
    void tenThousandBadRequestsGetFourHundredsThatShowNoInsidesAndLeaveTheServerAsItWas() throws Exception {
        long seed = Long.getLong("gatewatch.fuzz.seed", ThreadLocalRandom.current().nextLong());
        System.out.println("FuzzIT seed " + seed + " (again: -Dgatewatch.fuzz.seed=" + seed + ")");
        URI base = URI.create(tomcat.baseUrl() + "/gatewatch/");
        FuzzTarget target = FuzzSetup.prepare(base, List.of(ItUsers.ADMIN.header(), ItUsers.GUARD.header()),
                List.of(tomcat.catalinaBase().toString(), tomcat.workDir().toString()));
        FuzzSession.Report report = new FuzzSession(target, base, "demo", tomcat.pid())
                .measure(new BadRequests(target, seed), REQUESTS, THREADS, n -> { });
        System.out.println(report.summary());
        assertTrue(report.problems().isEmpty(), () -> "seed " + seed + ":\n" + String.join("\n", report.problems()));
    }
}
