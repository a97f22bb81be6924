package org.gatewatch.bench.cameras;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bin/gatewatch bench-cameras}: for each camera count N, one real Tomcat with N always-on cameras, each with the
 * whole gate analysis and a gallery, some replaying vtest.avi (busy: people all the time), the rest a mostly empty
 * door ({@link DoorFootage}); 10 viewers per camera. Prints per camera its analysed fps against its source's and the
 * fps its viewers got, then per N the decision latency (walk end to event, on the door cameras), CPU, heap and
 * resident memory.
 * Progress goes to stderr, tables to stdout. Exit status 0 when every N met the goal, 1 otherwise, 2 for bad options.
 */
public final class CamerasBenchmark {

    static final String USAGE = """
            usage: bin/gatewatch bench-cameras [--cameras N,N,...] [--seconds S] [--busy half|K] [--viewers V]
                                          [--warmup S]
              --cameras  camera counts, one Tomcat each (default 1,2,4,8,16)
              --seconds  measurement window per count (default 25)
              --warmup   seconds between the start (viewers connecting, the JIT compiling) and the window (default 15)
              --busy     how many cameras replay vtest.avi, people walking all the time: 'half' (default; at least
                         one) or a number; the others are doors with one walk a loop, never two of the first 16
                         doors at once (--busy 1: at most two cameras busy at once)
              --viewers  viewers per camera (default 10), HTTP Basic as the viewer user
            Goal per N: every camera analysed at >= 90 % of its source's fps, every viewer (p5) at >= 95 %.
            Needs vtest.avi (apt-get install opencv-doc) and the face photos (bin/fetch-face-images).""";

    static final Path VTEST = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");
    private static final Set<String> KEYS = Set.of("--cameras", "--seconds", "--busy", "--viewers", "--warmup");

    private CamerasBenchmark() {
    }

    /** The command line, checked. {@code busy} is -1 for half. */
    record Options(List<Integer> cameras, int seconds, int busy, int viewers, int warmup) {

        int busyOf(int n) {
            return busy < 0 ? Math.max(1, n / 2) : Math.min(busy, n);
        }

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (!KEYS.contains(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
                }
                given.put(args[i], args[i + 1]);
            }
            List<Integer> cameras = Arrays.stream(given.getOrDefault("--cameras", "1,2,4,8,16").split(","))
                    .map(String::trim).map(Integer::parseInt).toList();
            if (cameras.stream().anyMatch(n -> n < 1 || n > 64)) {
                throw new IllegalArgumentException("--cameras: 1 to 64 each");
            }
            String busy = given.getOrDefault("--busy", "half");
            return new Options(cameras, Integer.parseInt(given.getOrDefault("--seconds", "25")),
                    busy.equals("half") ? -1 : Integer.parseInt(busy),
                    Integer.parseInt(given.getOrDefault("--viewers", "10")),
                    Integer.parseInt(given.getOrDefault("--warmup", "15")));
        }
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (!Files.isReadable(VTEST)) {
            System.err.println("bench-cameras: " + VTEST + " is missing (apt-get install opencv-doc)");
            System.exit(2);
        }
        org.gatewatch.natives.OpenCvRuntime.load();
        Path work = Path.of("target/bench-cameras").toAbsolutePath();
        Path faces = Path.of("target/face-bench/gallery/cap").toAbsolutePath();
        int doors = options.cameras().stream().mapToInt(n -> n - options.busyOf(n)).max().orElse(0);
        DoorFootage.ensure(VTEST, work.resolve("footage"), doors);
        String shipped = Files.readString(Path.of("conf/gatewatch.properties"));
        boolean all = true;
        for (int n : options.cameras()) {
            List<CameraPlan> plans = CameraPlan.mix(n, options.busyOf(n), VTEST, work.resolve("footage"));
            Path config = work.resolve("cameras-" + n + ".properties");
            Files.writeString(config, CameraPlan.properties(shipped, plans));
            all &= new CameraRound(plans, config, faces, options).run();
        }
        System.exit(all ? 0 : 1);
    }
}
