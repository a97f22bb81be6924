package org.gatewatch.stream.links;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiPredicate;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.config.Secrets;
import org.gatewatch.config.StreamConfig;

/**
 * Links to one camera's stream or snapshot that open without a login until they expire. The admin API mints them;
 * the authenticator valve checks them through {@link #test}, finding this object as the {@link BiPredicate} under
 * the ServletContext attribute {@value #ATTRIBUTE}: the valve lives in Tomcat's lib/ and sees only JDK types.
 */
public final class StreamLinks implements BiPredicate<String, String> {

    /** The ServletContext attribute the valve reads; its name is a contract with the valve. */
    public static final String ATTRIBUTE = "org.gatewatch.streamLinks";
    /** The longest life a link may have: a forgotten link stops working within a week. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);

    private static final String CAMERAS = "/cameras/";

    /** A minted link's token and when it stops working (whole seconds). */
    public record Link(String token, Instant expires) {

        /** Without the token: it opens the camera to whoever holds it. */
        @Override
        public String toString() {
            return "Link[token=" + Secrets.hidden(token) + ", expires=" + expires + "]";
        }
    }

    private final LinkToken tokens;
    private final String firstCameraId;
    private final Clock clock;

    /** {@code firstCameraId}: the camera that {@code /video_feed} shows. */
    public StreamLinks(byte[] key, String firstCameraId, Clock clock) {
        this.tokens = new LinkToken(key);
        this.firstCameraId = firstCameraId;
        this.clock = clock;
    }

    /** With the configured key or the data directory's (see {@link LinkKey}), on the system clock. */
    public static StreamLinks open(StreamConfig config, Path dataDir, String firstCameraId) {
        return new StreamLinks(LinkKey.resolve(config, dataDir), firstCameraId, Clock.systemUTC());
    }

    /** A link to {@code cameraId} for {@code lifetime} from now (above zero, at most {@link #MAX_LIFETIME}). */
    public Link mint(String cameraId, Duration lifetime) {
        if (!CameraConfig.isValidId(cameraId)) {
            throw new IllegalArgumentException("not a camera id: " + cameraId);
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("a link lives above 0 and at most " + MAX_LIFETIME + ", not " + lifetime);
        }
        // Cut to the second the token holds, so the link never outlives what was asked.
        Instant expires = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        return new Link(tokens.sign(cameraId, expires.getEpochSecond()), expires);
    }

    /**
     * Called by the authenticator valve, on a request thread, for a request with a {@code token}: true only when
     * {@code path} (inside the webapp) is a stream or snapshot of one camera and {@code token} is a valid, unexpired
     * link to exactly that camera. Anything else, null included, is false, never an exception.
     */
    @Override
    public boolean test(String path, String token) {
        String cameraId = cameraOf(path);
        return cameraId != null && tokens.read(token)
                .filter(claim -> claim.cameraId().equals(cameraId))
                .filter(claim -> clock.instant().getEpochSecond() < claim.expiresEpochSecond())
                .isPresent();
    }

    /**
     * The camera that {@code path} streams or snapshots, in exactly the spellings CameraServlet serves; null for any
     * other path, so a link opens nothing else (a dot segment or a trailing part included).
     */
    String cameraOf(String path) {
        if ("/video_feed".equals(path)) {
            return firstCameraId;
        }
        if (path == null || !path.startsWith(CAMERAS)) {
            return null;
        }
        String[] parts = path.substring(CAMERAS.length()).split("/", -1);
        if (parts.length != 2 || !CameraConfig.isValidId(parts[0])) {
            return null;
        }
        return parts[1].equals("video_feed") || parts[1].equals("snapshot.jpg") ? parts[0] : null;
    }

    /** Nothing of the key. */
    @Override
    public String toString() {
        return "StreamLinks[firstCamera=" + firstCameraId + ", maxLifetime=" + MAX_LIFETIME + "]";
    }
}
