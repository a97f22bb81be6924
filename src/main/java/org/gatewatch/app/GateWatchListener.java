package org.gatewatch.app;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.camera.Analyzers;
import org.gatewatch.camera.CameraRegistry;
import org.gatewatch.config.ConfigLoader;
import org.gatewatch.config.ConfigLocation;
import org.gatewatch.config.GateWatchConfig;
import org.gatewatch.config.RecognitionConfig;
import org.gatewatch.config.RecordsConfig;
import org.gatewatch.config.StreamConfig;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.events.EventStore;
import org.gatewatch.events.SnapshotStore;
import org.gatewatch.http.AddressLimit;
import org.gatewatch.metrics.AppMetrics;
import org.gatewatch.natives.OpenCvRuntime;
import org.gatewatch.people.FaceStore;
import org.gatewatch.people.People;
import org.gatewatch.people.PersonStore;
import org.gatewatch.people.enrollment.Enrollment;
import org.gatewatch.stream.HubDirectory;
import org.gatewatch.stream.links.StreamLinks;
import org.gatewatch.web.ServerWarnings;
import org.gatewatch.web.Services;

/**
 * GateWatch's table of contents: builds and starts everything in order, and stops it in reverse. Every thread and
 * pool the application owns is started here and joined in {@link #contextDestroyed}, so an undeploy or reload
 * leaves nothing behind; the servlets reach what they need through {@link Services}.
 */
public final class GateWatchListener implements ServletContextListener {

    private static final Logger LOG = LogManager.getLogger(GateWatchListener.class);

    /** Context parameter naming the configuration file (see {@link ConfigLocation}). */
    public static final String CONFIG_PARAM = "gatewatch.config";

    private DatabaseService database;
    private People people;
    private EventStore events;
    private SnapshotStore snapshots;
    private Recording recording;
    private EventRecorder recorder;
    private AppMetrics metrics;
    private Outputs outputs;
    private RetentionSchedule retention;
    private Enrollment enrollment;
    private OwnedPool<ExecutorService> fanOut;
    private CameraRegistry cameras;
    private CameraWatch cameraWatch;
    private StreamLinks streamLinks;
    private OwnedPool<ScheduledExecutorService> timers;
    private final List<String> shared = new ArrayList<>();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            OpenCvRuntime.load();
            Path dataDir = DataDirectory.prepare();
            GateWatchConfig config = loadConfig(context, dataDir);
            startDatabase(dataDir);
            startStores(dataDir);
            startMetrics();
            startOutputs(config.records(), dataDir);
            startRetention(config.records());
            startEnrollment(config.faces());
            startFanOut(config.stream());
            startCameras(config, dataDir);
            startCameraWatch();
            startStreamLinks(config, dataDir);
            startTimers();
            share(context, config.records());
            LOG.info("GateWatch started: {} camera(s) from {}, data in {}", config.cameras().size(), config.origin(),
                    dataDir);
        } catch (RuntimeException e) {
            LOG.error("GateWatch failed to start: {}", e.getMessage(), e);
            stopEverything();
            throw e;
        }
    }

    /**
     * Runs on a thread Tomcat (or a test) may have interrupted: the flag is set aside while the stop waits for
     * threads and closes the database, which an interrupt would cut short and leave its file locked.
     */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        boolean interrupted = Thread.interrupted();
        try {
            unshare(event.getServletContext());
            stopEverything();
            LOG.info("GateWatch stopped");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Reverse order of start; safe to run twice and after a failed start. A step that fails does not skip the rest:
     * a database left open would keep its file locked, and the next deploy of this data directory would fail.
     */
    private synchronized void stopEverything() {
        List<Runnable> steps = List.of(this::stopTimers, this::stopCameraWatch, this::stopCameras, this::stopFanOut,
                this::stopEnrollment, this::stopRetention, this::stopOutputs, this::stopRecording, this::stopMetrics,
                this::stopDatabase);
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.error("A step of GateWatch's stop failed; the remaining steps still run", e);
            }
        }
    }

    private static GateWatchConfig loadConfig(ServletContext context, Path dataDir) {
        Path file = ConfigLocation.fromSystem().configFile(context.getInitParameter(CONFIG_PARAM), dataDir);
        return ConfigLoader.load(file);
    }

    private void startDatabase(Path dataDir) {
        database = DatabaseService.start(dataDir);
    }

    private void stopDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** People and their faces, access events and their snapshots, on the database and the data directory. */
    private void startStores(Path dataDir) {
        people = new People(new PersonStore(database.dataSource()),
                new FaceStore(database.dataSource(), dataDir.resolve("faces")), Clock.systemUTC());
        events = new EventStore(database.dataSource());
        snapshots = new SnapshotStore(dataDir.resolve("snapshots"));
        recording = Recording.start(dataDir, database.dataSource(), events, snapshots);
        recorder = recording.recorder();
    }

    /** After the outputs, whose journal readers it outlives; before the database its own reader writes to. */
    private void stopRecording() {
        if (recording != null) {
            recording.close();
            recording = null;
        }
    }

    /** The one meter registry (GET /metrics), with the JVM's meters; the decisions counted as they commit. */
    private void startMetrics() {
        metrics = AppMetrics.start();
        recorder.addListener(metrics.decisions());
    }

    /** After the outputs and cameras whose meters it reads; lets go of the JVM's GC listeners. */
    private void stopMetrics() {
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
    }

    private void startOutputs(RecordsConfig config, Path dataDir) {
        outputs = Outputs.start(config, recording, events, metrics, dataDir);
    }

    private void stopOutputs() {
        if (outputs != null) {
            outputs.close();
            outputs = null;
        }
    }

    private void startRetention(RecordsConfig config) {
        retention = new RetentionSchedule(events, snapshots, outputs.auditTrail(), config.retentionDays());
    }

    private void stopRetention() {
        if (retention != null) {
            retention.stop();
            retention = null;
        }
    }

    /** Face enrollment and the live gallery; before the cameras, whose analysis reads the gallery. */
    private void startEnrollment(RecognitionConfig faces) {
        enrollment = Enrollment.start(people, database.dataSource(), faces.threshold());
    }

    private void stopEnrollment() {
        if (enrollment != null) {
            enrollment.close();
            enrollment = null;
        }
    }

    private void startFanOut(StreamConfig stream) {
        fanOut = OwnedPool.fixed("Fan-out", "gatewatch-fanout-", stream.fanoutThreads());
    }

    private void stopFanOut() {
        if (fanOut != null) {
            fanOut.stop(false);
            fanOut = null;
        }
    }

    private void startCameras(GateWatchConfig config, Path dataDir) {
        // The gallery is read on every analysed frame: a retrained one applies at once, with no restart.
        Analyzers analyzers = new Analyzers(config.faces(), people, recorder,
                enrollment::gallery, Clock.systemDefaultZone(), metrics::stageTimer, config.analysingCameras());
        cameras = CameraAssembly.build(config, dataDir, fanOut.executor(), analyzers, metrics::publishTimer);
        metrics.bindCameras(cameras);
        cameras.startAll();
    }

    private void stopCameras() {
        if (cameras != null) {
            cameras.stopAll();
            cameras = null;
        }
    }

    /** The streams' keep-alive, and the cameras' sight recorded as events. */
    private void startCameraWatch() {
        cameraWatch = new CameraWatch(cameras, recorder);
    }

    private void stopCameraWatch() {
        if (cameraWatch != null) {
            cameraWatch.stop();
            cameraWatch = null;
        }
    }

    /** Signed stream links: checked by the authenticator valve, minted by the admin API. No thread of their own. */
    private void startStreamLinks(GateWatchConfig config, Path dataDir) {
        streamLinks = StreamLinks.open(config.stream(), dataDir, config.cameras().get(0).id());
    }

    /** Timeouts of requests that wait without a thread (take from camera, enrollment?wait): short tasks, one thread. */
    private void startTimers() {
        timers = OwnedPool.scheduled("Request timers", "gatewatch-timer-");
    }

    /** A wait still pending at stop is ended by its container timeout, set a little beyond its own. */
    private void stopTimers() {
        if (timers != null) {
            timers.stop(true);
            timers = null;
        }
    }

    /** What the servlets reach through {@link Services}; each name is remembered, and removed again at stop. */
    private void share(ServletContext context, RecordsConfig records) {
        put(context, Services.CAMERAS, cameras);
        put(context, HubDirectory.ATTRIBUTE, cameras);
        put(context, Services.PEOPLE, people);
        put(context, Services.ENROLLMENT, enrollment);
        put(context, Services.EVENTS, events);
        put(context, Services.SNAPSHOTS, snapshots);
        put(context, Services.RECORDER, recorder);
        put(context, Services.EVENT_HISTORY, recording.history(events));
        put(context, Services.AUDIT_TRAIL, outputs.auditTrail());
        put(context, Services.DATABASE_PROBE, database.probe());
        put(context, Services.STREAM_LINKS, streamLinks);
        put(context, Services.SERVER_WARNINGS, new ServerWarnings(ConnectorCheck.run()));
        put(context, Services.LISTENERS_PER_ADDRESS,
                new AddressLimit(records.maxListenersPerAddress(), "events.maxListenersPerAddress"));
        put(context, Services.TIMERS, timers.executor());
        put(context, AppMetrics.ATTRIBUTE, metrics);
    }

    private void put(ServletContext context, String name, Object value) {
        context.setAttribute(name, value);
        shared.add(name);
    }

    private void unshare(ServletContext context) {
        shared.forEach(context::removeAttribute);
        shared.clear();
    }
}
