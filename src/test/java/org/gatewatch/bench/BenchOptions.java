package org.gatewatch.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line, checked before any socket is opened. Targets are limited to loopback: the benchmark opens
 * thousands of connections and must never be pointed at someone else's server.
 */
record BenchOptions(URI streamUri, InetSocketAddress server, URI statusUri, String camera, List<Integer> viewers,
                    int seconds, int warmupSeconds, int rampPerSecond, Long serverPid, String authorization) {

    static final String USAGE = """
            usage: StreamBenchmark [--url URL] [--status URL] [--camera ID] [--viewers N,N,...] [--seconds S]
                                   [--warmup S] [--ramp-per-second R] [--server-pid PID]
              --url              stream to load (default http://127.0.0.1:8080/gatewatch/cameras/demo/video_feed)
              --status           status API (default: derived from --url, e.g. .../gatewatch/api/status)
              --camera           camera id in the status API (default: from --url, else "demo")
              --viewers          viewer counts, one round each (default 10,100,1000,2000,3000)
              --seconds          measurement window per round (default 15)
              --warmup           seconds between the last connection opened and the window (default 5)
              --ramp-per-second  connections opened per second (default 500)
              --server-pid       Tomcat's pid, to sample its CPU and threads from /proc (optional)
            Only 127.0.0.1, localhost and ::1 are accepted as hosts. Every viewer and the status API log in with
            HTTP Basic as USER:PASSWORD from the environment variable GATEWATCH_BENCH_AUTH (not an option, so the
            password stays out of the process list); unset: no credentials.""";

    private static final String DEFAULT_URL = "http://127.0.0.1:8080/gatewatch/cameras/demo/video_feed";
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "::1");
    private static final Set<String> KEYS = Set.of("--url", "--status", "--camera", "--viewers", "--seconds",
            "--warmup", "--ramp-per-second", "--server-pid");

    static BenchOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!KEYS.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            given.put(args[i], args[i + 1]);
        }
        URI stream = URI.create(given.getOrDefault("--url", DEFAULT_URL));
        InetSocketAddress server = loopback(stream);
        URI status = URI.create(given.getOrDefault("--status", defaultStatus(stream)));
        loopback(status);
        String camera = given.getOrDefault("--camera", cameraOf(stream));
        List<Integer> viewers = Arrays.stream(given.getOrDefault("--viewers", "10,100,1000,2000,3000").split(","))
                .map(String::trim).map(v -> positive("--viewers", v)).toList();
        int seconds = positive("--seconds", given.getOrDefault("--seconds", "15"));
        int warmup = nonNegative("--warmup", given.getOrDefault("--warmup", "5"));
        int ramp = positive("--ramp-per-second", given.getOrDefault("--ramp-per-second", "500"));
        Long pid = given.containsKey("--server-pid") ? (long) positive("--server-pid", given.get("--server-pid")) : null;
        String auth = System.getenv("GATEWATCH_BENCH_AUTH");
        String authorization = auth == null || auth.isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8));
        return new BenchOptions(stream, server, status, camera, viewers, seconds, warmup, ramp, pid, authorization);
    }

    /** The GET request every viewer sends, as a player given {@code http://user:pass@host/…} would. */
    byte[] request() {
        String target = streamUri.getRawPath() + (streamUri.getRawQuery() == null ? "" : "?" + streamUri.getRawQuery());
        return ("GET " + target + " HTTP/1.1\r\n"
                + "Host: " + streamUri.getRawAuthority() + "\r\n"
                + "User-Agent: GateWatch-StreamBenchmark\r\n"
                + "Accept: multipart/x-mixed-replace, image/jpeg\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static InetSocketAddress loopback(URI uri) {
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http:// URL: " + uri);
        }
        String host = uri.getHost().replace("[", "").replace("]", "");
        if (!LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("refusing host '" + uri.getHost()
                    + "': this benchmark targets loopback only (127.0.0.1, localhost or ::1)");
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("'" + host + "' resolves to " + address + ", not loopback");
            }
            return new InetSocketAddress(address, uri.getPort() < 0 ? 80 : uri.getPort());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve " + host, e);
        }
    }

    /** {@code /gatewatch/cameras/x/video_feed} and {@code /gatewatch/video_feed} both give {@code /gatewatch/api/status}. */
    private static String defaultStatus(URI stream) {
        String path = stream.getPath();
        int cut = path.indexOf("/cameras/");
        if (cut < 0) {
            cut = path.endsWith("/video_feed") ? path.length() - "/video_feed".length() : 0;
        }
        return stream.getScheme() + "://" + stream.getRawAuthority() + path.substring(0, cut) + "/api/status";
    }

    private static String cameraOf(URI stream) {
        String[] segments = stream.getPath().split("/");
        for (int i = 0; i + 1 < segments.length; i++) {
            if (segments[i].equals("cameras")) {
                return segments[i + 1];
            }
        }
        return "demo";
    }

    private static int positive(String key, String value) {
        int n = nonNegative(key, value);
        if (n == 0) {
            throw new IllegalArgumentException(key + " must be positive: " + value);
        }
        return n;
    }

    private static int nonNegative(String key, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " needs a non-negative integer: " + value);
        }
    }
}
