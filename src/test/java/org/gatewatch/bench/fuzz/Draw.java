package org.gatewatch.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The dice and the target of one case: every choice a case makes comes from {@link #random}, seeded from the run's
 * seed and the case's index, so the same pair always gives the same bytes. Also picks the credentials the request
 * carries: none, a real user's, or a broken {@code Authorization} header.
 */
final class Draw {

    /** Ids no test creates: far above any sequence, so a bad request never reaches a real row by accident. */
    static final long ABSENT_ID = 987_654_321_012L;

    final Random random;
    final FuzzTarget target;
    final long index;
    private final String authorization;
    private final String credentials;

    Draw(FuzzTarget target, long seed, long index) {
        this.target = target;
        this.index = index;
        this.random = new Random(seed * 0x9E3779B97F4A7C15L + index);
        int pick = random.nextInt(100);
        List<String> users = target.authorizations();
        if (pick < 35 || users.isEmpty() && pick < 70) {
            authorization = null;
            credentials = "anonymous";
        } else if (pick < 75 && !users.isEmpty()) {
            int u = pick < 60 ? 0 : random.nextInt(users.size());
            authorization = users.get(u);
            credentials = "user " + u;
        } else {
            authorization = badAuthorization();
            credentials = "bad Authorization";
        }
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** The context path and {@code path}: {@code /gatewatch/api/people}. */
    String at(String path) {
        return target.contextPath() + path;
    }

    long person() {
        return target.personId();
    }

    /** A request with the usual headers: Host, the chosen credentials, Connection: close. */
    Wire request(String method, String path) {
        return withUsualHeaders(Wire.request(method, at(path)));
    }

    Wire withUsualHeaders(Wire wire) {
        wire.header("Host", target.hostHeader()).header("User-Agent", "GateWatch-Fuzz");
        if (authorization != null) {
            wire.header("Authorization", authorization);
        }
        return wire.header("Connection", "close");
    }

    BadRequest done(String kind, String what, Wire wire) {
        return done(kind, what, wire, Set.of());
    }

    BadRequest done(String kind, String what, Wire wire, Set<Integer> alsoAllowed) {
        return new BadRequest(index, kind, what + " [" + credentials + "]", wire.bytes(), 0, new byte[0], alsoAllowed,
                false);
    }

    /** A body of {@code wire}'s bytes, {@code fill} filler bytes, then {@code tail}: sent streaming. */
    BadRequest filled(String kind, String what, Wire wire, long fill, byte[] tail) {
        return new BadRequest(index, kind, what + " [" + credentials + "]", wire.bytes(fill + tail.length), fill, tail,
                Set.of(), false);
    }

    byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A string of {@code n} characters drawn from {@code alphabet}. */
    String text(int n, String alphabet) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private String badAuthorization() {
        return pick(
                "Basic",
                "Basic ",
                "Basic !!!not-base64!!!",
                "Basic " + b64("no-colon-here"),
                "Basic " + b64("admin:wrong-password-" + random.nextInt(1000)),
                "Basic " + b64(":"),
                "Basic " + b64("\u0000:\u0000"),
                "Basic " + b64("a".repeat(3000) + ":" + "b".repeat(1000)),
                "Bearer " + text(40, "abcdef0123456789"),
                "Digest username=\"admin\", realm=\"x\", nonce=\"0\", uri=\"/\", response=\"0\"",
                "NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==",
                "basic " + b64("admin:admin"),
                "Basic " + b64("admin:admin") + " trailing",
                "\u00ff\u00feBasic",
                "Basic " + "A".repeat(9000));
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
