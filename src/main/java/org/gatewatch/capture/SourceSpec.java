package org.gatewatch.capture;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.gatewatch.config.ConfigException;

/**
 * Turns a camera's {@code source} setting into a factory of {@link FrameSource}s, checking it once at start:
 * <ul>
 *   <li>{@code demo}: the pedestrian clip bundled in the WAR, looped at its native rate;</li>
 *   <li>{@code rtsp://…}: an RTSP camera; {@code http(s)://…}: an MJPEG stream;</li>
 *   <li>{@code v4l2:N}, {@code /dev/videoN} or {@code N}: a local V4L2 camera;</li>
 *   <li>a path to a video file (looped at its rate) or to a folder of images.</li>
 * </ul>
 */
public final class SourceSpec {

    /** The bundled clip: 40 s cut from OpenCV's vtest.avi (see demo/LICENSE-vtest.txt beside it). */
    public static final String DEMO_RESOURCE = "demo/vtest-40s.mp4";
    private static final Pattern V4L2 = Pattern.compile("(?:v4l2:)?(?:/dev/video)?(\\d{1,3})");

    private SourceSpec() {
    }

    /**
     * @param key     the configuration key, for messages
     * @param source  the setting
     * @param fpsCap  the camera's fps cap (the rate of an image folder)
     * @param dataDir where the demo clip is unpacked (FFmpeg reads files, not class-path resources)
     * @throws IllegalArgumentException naming the key and value when the source cannot work
     */
    public static Supplier<FrameSource> parse(String key, String source, double fpsCap, Path dataDir) {
        String s = source.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("demo")) {
            Path clip = unpackDemo(dataDir);
            return () -> FfmpegSource.file(clip.toString());
        }
        if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) {
            uri(key, s);
            return () -> FfmpegSource.rtsp(s);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri = uri(key, s);
            return () -> new MjpegHttpSource(uri);
        }
        var v4l2 = V4L2.matcher(lower);
        if (v4l2.matches()) {
            String device = "/dev/video" + v4l2.group(1);
            return () -> FfmpegSource.v4l2(device);
        }
        Path path = Path.of(s.startsWith("file:") ? s.substring("file:".length()) : s);
        if (Files.isDirectory(path)) {
            return () -> new ImageFolderSource(path, fpsCap);
        }
        if (Files.isRegularFile(path) && Files.isReadable(path)) {
            return () -> FfmpegSource.file(path.toString());
        }
        throw ConfigException.invalid(key, source, "not 'demo', an rtsp:// or http(s):// URL, a V4L2 device, or a "
                + "readable video file or image folder");
    }

    private static URI uri(String key, String s) {
        try {
            URI uri = new URI(s);
            if (uri.getHost() == null) {
                throw new URISyntaxException(s, "no host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ConfigException.invalid(key, s, e.getMessage());
        }
    }

    /** Copies the bundled clip next to the data once (again only if its size changed), so FFmpeg can open it. */
    public static Path unpackDemo(Path dataDir) {
        Path target = dataDir.resolve(DEMO_RESOURCE);
        try (InputStream in = SourceSpec.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The demo clip " + DEMO_RESOURCE + " is missing from the WAR");
            }
            byte[] clip = in.readAllBytes();
            if (!Files.isRegularFile(target) || Files.size(target) != clip.length) {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), "demo", ".tmp");
                Files.write(tmp, clip);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot unpack the demo clip to " + target + ": " + e.getMessage(), e);
        }
    }
}
