package org.gatewatch.app;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.camera.Analyzers;
import org.gatewatch.camera.Camera;
import org.gatewatch.camera.CameraRegistry;
import org.gatewatch.capture.SourceSpec;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.config.ConfigLoader;
import org.gatewatch.config.ConfigLocation;
import org.gatewatch.config.GateWatchConfig;
import org.gatewatch.config.StreamConfig;
import org.gatewatch.natives.OpenCvRuntime;
import org.gatewatch.people.enrollment.Enrollment;
import org.gatewatch.stream.HubDirectory;
import org.gatewatch.threads.OwnedThreads;

/**
 * Builds and starts GateWatch in order, and stops it in reverse. Everything that runs a thread is started here and
 * joined in {@link #contextDestroyed}, so an undeploy or reload leaves nothing behind.
 */
public final class GateWatchListener implements ServletContextListener {

    private static final Logger LOG = LogManager.getLogger(GateWatchListener.class);

    /** Context parameter naming the configuration file (see {@link ConfigLocation}). */
    public static final String CONFIG_PARAM = "gatewatch.config";
    /** ServletContext attribute with the configuration that was loaded. */
    public static final String CONFIG_ATTRIBUTE = GateWatchConfig.class.getName();

    private ExecutorService fanOut;
    private final OwnedThreads fanOutThreads = new OwnedThreads("gatewatch-fanout-");
    private ScheduledExecutorService keepAlive;
    private final OwnedThreads keepAliveThreads = new OwnedThreads("gatewatch-keepalive-");
    private CameraRegistry cameras;
    private Records records;
    private Enrollment enrollment;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            OpenCvRuntime.load();
            Path dataDir = prepareDataDir();
            GateWatchConfig config = loadConfig(context, dataDir);
            startRecords(context, dataDir, config);
            startEnrollment(context, config);
            startFanOut(config.stream());
            startCameras(config, dataDir);
            startKeepAlive();
            context.setAttribute(CONFIG_ATTRIBUTE, config);
            context.setAttribute(CameraRegistry.ATTRIBUTE, cameras);
            context.setAttribute(HubDirectory.ATTRIBUTE, cameras);
            LOG.info("GateWatch started: {} camera(s) from {}, data in {}", config.cameras().size(), config.origin(),
                    dataDir);
        } catch (RuntimeException e) {
            LOG.error("GateWatch failed to start: {}", e.getMessage(), e);
            stopEverything();
            throw e;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        context.removeAttribute(HubDirectory.ATTRIBUTE);
        context.removeAttribute(CameraRegistry.ATTRIBUTE);
        stopEverything();
        LOG.info("GateWatch stopped");
    }

    private static Path prepareDataDir() {
        Path dir = ConfigLocation.fromSystem().dataDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + dir + " (set GATEWATCH_HOME): " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalStateException("The data directory " + dir + " is not writable (set GATEWATCH_HOME)");
        }
        return dir;
    }

    private static GateWatchConfig loadConfig(ServletContext context, Path dataDir) {
        Path file = ConfigLocation.fromSystem().configFile(context.getInitParameter(CONFIG_PARAM), dataDir);
        return ConfigLoader.load(file);
    }

    /** People, faces and events on the database (JNDI jdbc/gatewatch, else embedded H2), schema migrated. */
    private void startRecords(ServletContext context, Path dataDir, GateWatchConfig config) {
        records = Records.open(dataDir, config.records());
        context.setAttribute(Records.ATTRIBUTE, records);
    }

    /** Face enrollment and the live gallery; before the cameras, whose analysis reads the gallery. */
    private void startEnrollment(ServletContext context, GateWatchConfig config) {
        enrollment = Enrollment.start(records.people(), records.database().dataSource(), config.faces().threshold());
        context.setAttribute(Enrollment.ATTRIBUTE, enrollment);
    }

    private void startFanOut(StreamConfig stream) {
        fanOut = Executors.newFixedThreadPool(stream.fanoutThreads(), fanOutThreads);
    }

    private void startCameras(GateWatchConfig config, Path dataDir) {
        // The gallery is read on every analysed frame: a retrained one applies at once, with no restart.
        Enrollment faces = enrollment;
        Analyzers analyzers = new Analyzers(config.faces(), records, faces::gallery, Clock.systemDefaultZone());
        List<Camera> list = new ArrayList<>();
        try {
            for (CameraConfig c : config.cameras()) {
                var sources = SourceSpec.parse("camera." + c.id() + ".source", c.source(), c.fpsCap(), dataDir);
                FrameAnalyzer analyzer = analyzers.forCamera(c);
                try {
                    list.add(new Camera(c, sources, fanOut, config.stream().fanoutThreads(), analyzer));
                } catch (RuntimeException e) {
                    if (analyzer != null) {
                        analyzer.close();
                    }
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            // The cameras made so far hold native models and buffers; nothing else will stop them.
            list.forEach(Camera::stop);
            throw e;
        }
        cameras = new CameraRegistry(list, config.stream());
        cameras.startAll();
    }

    private void startKeepAlive() {
        keepAlive = Executors.newSingleThreadScheduledExecutor(keepAliveThreads);
        CameraRegistry registry = cameras;
        keepAlive.scheduleWithFixedDelay(() -> {
            try {
                registry.keepAlive();
            } catch (RuntimeException e) {
                LOG.error("Keep-alive round failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Reverse order of start; safe to run twice and after a failed start. */
    private synchronized void stopEverything() {
        if (keepAlive != null) {
            shutdown(keepAlive, keepAliveThreads, "Keep-alive");
            keepAlive = null;
        }
        if (cameras != null) {
            cameras.stopAll();
            cameras = null;
        }
        if (fanOut != null) {
            shutdown(fanOut, fanOutThreads, "Fan-out");
            fanOut = null;
        }
        if (enrollment != null) {
            enrollment.close();
            enrollment = null;
        }
        if (records != null) {
            records.close();
            records = null;
        }
    }

    private static void shutdown(ExecutorService pool, OwnedThreads threads, String what) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.error("{} threads did not stop within 10 s", what);
                pool.shutdownNow();
            }
            if (!threads.joinAll(5_000)) {
                LOG.error("{} threads still alive 5 s after their pool terminated", what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
