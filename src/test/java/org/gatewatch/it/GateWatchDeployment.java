package org.gatewatch.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR that Maven built (target/gatewatch.war), deployed by Arquillian as users deploy it, with a test
 * configuration naming one camera per kind of source. The configuration reaches the webapp the way a site's does:
 * the system property gatewatch.config.
 */
public final class GateWatchDeployment {

    /**
     * The embedded Tomcat's port from arquillian.xml, which Arquillian lets a run override with this system property;
     * the relay camera reads the stream back through it.
     */
    static final int HTTP_PORT = Integer.getInteger("arq.container.tomcat-embedded.configuration.bindHttpPort", 8181);
    /** Ports of the sources the tests run themselves; two runs on one machine set them apart with these properties. */
    public static final int MJPEG_SOURCE_PORT = Integer.getInteger("gatewatch.it.mjpegSourcePort", 18092);
    public static final int RTSP_SOURCE_PORT = Integer.getInteger("gatewatch.it.rtspSourcePort", 18554);
    /** Viewers across all cameras in the test configuration; the next one gets 429. */
    public static final int MAX_VIEWERS = 60;
    /** Idle time of the "quick" camera, to watch the capture thread stop and start. */
    public static final int QUICK_IDLE_SECONDS = 2;

    static final Path WORK = Path.of(System.getProperty("gatewatch.test.work", "target/it-work"), "arquillian");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GateWatchDeployment() {
    }

    /** Writes the test configuration, points the webapp at it, and returns the built WAR. */
    public static synchronized WebArchive war() {
        try {
            Path stills = WORK.resolve("stills");
            writeStills(stills);
            Path config = WORK.resolve("gatewatch.properties");
            Files.writeString(config, String.join("\n",
                    "cameras = demo, quick, relay, mjpeg, rtsp, stills",
                    "camera.demo.source = demo",
                    "camera.quick.source = demo",
                    "camera.quick.idleSeconds = " + QUICK_IDLE_SECONDS,
                    "camera.relay.name = Relay of the demo camera",
                    "camera.relay.source = http://" + ItUsers.VIEWER.userName() + ":" + ItUsers.PASSWORD + "@127.0.0.1:" + HTTP_PORT + "/gatewatch/cameras/demo/video_feed",
                    "camera.mjpeg.source = http://127.0.0.1:" + MJPEG_SOURCE_PORT + "/stream",
                    "camera.mjpeg.idleSeconds = 3",
                    "camera.mjpeg.downAfterSeconds = 2",
                    "camera.rtsp.source = rtsp://127.0.0.1:" + RTSP_SOURCE_PORT + "/cam",
                    "camera.rtsp.idleSeconds = 3",
                    "camera.stills.source = " + stills.toAbsolutePath(),
                    "camera.stills.fps = 5",
                    "stream.maxViewers = " + MAX_VIEWERS,
                    // Every test viewer comes from 127.0.0.1: the per-address limit stays above the global one, so
                    // StreamIT meets the global limit (ClientLimitsIT tests the per-address one).
                    "stream.maxViewersPerAddress = " + 2 * MAX_VIEWERS,
                    ""));
            System.setProperty("gatewatch.config", config.toAbsolutePath().toString());
            System.setProperty("gatewatch.home", WORK.resolve("home").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the test configuration", e);
        }
        File war = new File(System.getProperty("gatewatch.war", "target/gatewatch.war"));
        return TestRealm.addTo(ShrinkWrap.createFromZipFile(WebArchive.class, war), WORK);
    }

    /** A few distinct still images (a folder source). */
    private static void writeStills(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < 3; i++) {
            BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(40 * i, 90, 160));
            g.fillRect(0, 0, 320, 240);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
            g.drawString("still " + i, 40, 140);
            g.dispose();
            ImageIO.write(image, "jpg", dir.resolve("still-" + i + ".jpg").toFile());
        }
        Files.writeString(dir.resolve("notes.txt"), "not an image: the folder source skips it");
    }

    /** GET as the admin of the test realm. */
    public static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", ItUsers.ADMIN.header())
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<byte[]> getBytes(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", ItUsers.ADMIN.header())
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The status entry of one camera from GET /api/status. */
    public static JsonNode cameraStatus(String base, String id) throws IOException, InterruptedException {
        JsonNode status = JSON.readTree(get(URI.create(base + "api/status")).body());
        for (JsonNode camera : status.get("cameras")) {
            if (camera.get("id").asText().equals(id)) {
                return camera;
            }
        }
        throw new AssertionError("camera " + id + " missing from /api/status: " + status);
    }

    /**
     * Waits until no viewer is counted on any camera. A viewer that closed its socket is released at the next
     * frame written to it, so tests that count viewers start from zero.
     */
    public static void awaitNoViewers(String base) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                JSON.readTree(get(URI.create(base + "api/status")).body()).get("viewers").asInt() == 0);
    }

    /** True while a thread with this name is alive in the test JVM (the embedded Tomcat runs here). */
    public static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
