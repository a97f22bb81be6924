package org.gatewatch.it;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The built WAR with low per-address limits, for the limit tests (its own folder and data directory): a folder
 * camera that streams, and one whose source never answers, so a snapshot or a take from it waits.
 */
final class LimitsDeployment {

    static final Path WORK = Path.of(System.getProperty("gatewatch.test.work", "target/it-work"), "limits");
    /** A folder camera at 5 fps: its viewers are written to often, so one that left is noticed at once. */
    static final String CAMERA = "stills";
    /** An MJPEG camera on a port where nothing listens: it never gives a frame. */
    static final String DEAD_CAMERA = "dead";
    /** stream.maxViewersPerAddress in this deployment. */
    static final int STREAMS_PER_ADDRESS = 3;
    /** events.maxListenersPerAddress in this deployment. */
    static final int LISTENERS_PER_ADDRESS = 3;

    private LimitsDeployment() {
    }

    static synchronized WebArchive war() {
        try {
            Path stills = Files.createDirectories(WORK.resolve("stills"));
            for (int i = 0; i < 2; i++) {
                BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = image.createGraphics();
                g.setColor(new Color(60 * i, 120, 200));
                g.fillRect(0, 0, 160, 120);
                g.dispose();
                ImageIO.write(image, "jpg", stills.resolve("still-" + i + ".jpg").toFile());
            }
            Path config = WORK.resolve("gatewatch.properties");
            Files.writeString(config, String.join("\n",
                    "cameras = " + CAMERA + ", " + DEAD_CAMERA,
                    "camera." + CAMERA + ".source = " + stills.toAbsolutePath(),
                    "camera." + CAMERA + ".fps = 5",
                    // Port 1 refuses every connection: the capture thread keeps reconnecting, no frame ever comes.
                    "camera." + DEAD_CAMERA + ".source = http://127.0.0.1:1/stream",
                    "stream.maxViewersPerAddress = " + STREAMS_PER_ADDRESS,
                    "events.maxListenersPerAddress = " + LISTENERS_PER_ADDRESS,
                    ""));
            System.setProperty("gatewatch.config", config.toAbsolutePath().toString());
            System.setProperty("gatewatch.home", WORK.resolve("home").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the limits test configuration", e);
        }
        File war = new File(System.getProperty("gatewatch.war", "target/gatewatch.war"));
        return TestRealm.addTo(ShrinkWrap.createFromZipFile(WebArchive.class, war), WORK);
    }
}
