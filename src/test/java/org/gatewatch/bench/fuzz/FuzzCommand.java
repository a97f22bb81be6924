package org.gatewatch.bench.fuzz;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code bin/gatewatch fuzz}: sends randomized bad requests to a running GateWatch and checks every answer (4xx, no
 * server insides), while one viewer watches a camera's stream; with {@code --server-pid}, also the server's heap
 * after GC and threads before and after. Exit status 1 when anything failed. Loopback targets only: this is an
 * attack, and must never be pointed at someone else's server.
 */
public final class FuzzCommand {

    static final String USAGE = """
            usage: bin/gatewatch fuzz [--requests N] [--seed S] [--url BASE] [--user U:P]... [--threads T]
                                      [--case I] [--camera ID] [--server-pid PID] [--private PATH]...
              --requests    how many (default 100000)
              --seed        the run's seed (default: random, printed); with --case, sends that one case only
              --url         the app, e.g. http://127.0.0.1:8080/gatewatch/ (default: a Tomcat the command starts)
              --user        user:password sent as HTTP Basic on part of the requests; the first creates the target
                            person, so make it an admin (repeat for a guard)
              --threads     connections at a time (default 4)
              --camera      the camera whose stream a viewer watches meanwhile (default demo; "none": no viewer)
              --server-pid  Tomcat's pid: heap after GC and threads, before and after
              --private     a server folder no answer may name (repeatable)""";

    private FuzzCommand() {
    }

    public static void main(String[] args) throws Exception {
        long requests = 100_000;
        long seed = ThreadLocalRandom.current().nextLong();
        Long replay = null;
        URI url = URI.create("http://127.0.0.1:8080/gatewatch/");
        List<String> users = new ArrayList<>();
        List<String> privatePaths = new ArrayList<>();
        int threads = 4;
        String camera = "demo";
        Long pid = null;
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (key.equals("--help") || key.equals("-h")) {
                System.out.println(USAGE);
                return;
            }
            if (i + 1 >= args.length) {
                fail(key + " needs a value");
            }
            String value = args[++i];
            switch (key) {
                case "--requests" -> requests = Long.parseLong(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--case" -> replay = Long.parseLong(value);
                case "--url" -> url = URI.create(value.endsWith("/") ? value : value + "/");
                case "--user" -> users.add("Basic " + Base64.getEncoder().encodeToString(
                        value.getBytes(StandardCharsets.UTF_8)));
                case "--threads" -> threads = Integer.parseInt(value);
                case "--camera" -> camera = value;
                case "--server-pid" -> pid = Long.parseLong(value);
                case "--private" -> privatePaths.add(value);
                default -> fail("unknown option " + key);
            }
        }
        if (!InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
            fail("refusing " + url.getHost() + ": the fuzz targets loopback only");
        }
        FuzzTarget target = FuzzSetup.prepare(url, users, privatePaths);
        BadRequests generator = new BadRequests(target, seed);
        if (replay != null) {
            System.out.println(FuzzRun.one(target, generator, replay));
            return;
        }
        System.out.printf("fuzz: %,d bad requests to %s, seed %d (replay one: --seed %d --case I), %d at a time, "
                + "logins %s%n", requests, url, seed, seed, threads, target.loginsRequired() ? "on" : "off");
        boolean ok = new FuzzSession(target, url, camera, pid).run(generator, requests, threads);
        System.exit(ok ? 0 : 1);
    }

    private static void fail(String message) {
        System.err.println("fuzz: " + message + "\n" + USAGE);
        System.exit(2);
    }
}
