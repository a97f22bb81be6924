package org.gatewatch.app;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.gatewatch.db.Database;
import org.gatewatch.db.DatabaseProbe;
import org.gatewatch.db.JdbcDrivers;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.events.EventStore;
import org.gatewatch.events.Retention;
import org.gatewatch.events.SnapshotStore;
import org.gatewatch.metrics.AppMetrics;
import org.gatewatch.natives.OpenCvRuntime;
import org.gatewatch.people.FaceStore;
import org.gatewatch.people.People;
import org.gatewatch.people.PersonStore;
import org.gatewatch.people.enrollment.Enrollment;
import org.gatewatch.stream.HubDirectory;
import org.gatewatch.stream.links.StreamLinks;
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

    private Database database;
    private OwnedPool<ExecutorService> databaseChecks;
    private DatabaseProbe databaseProbe;
    private People people;
    private EventStore events;
    private SnapshotStore snapshots;
    private EventRecorder recorder;
    private AppMetrics metrics;
    private Outputs outputs;
    private OwnedPool<ScheduledExecutorService> retention;
    private Enrollment enrollment;
    private OwnedPool<ExecutorService> fanOut;
    private CameraRegistry cameras;
    private OwnedPool<ScheduledExecutorService> keepAlive;
    private StreamLinks streamLinks;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            OpenCvRuntime.load();
            Path dataDir = DataDir.prepare();
            GateWatchConfig config = loadConfig(context, dataDir);
            startDatabase(dataDir);
            startDatabaseProbe();
            startStores(dataDir);
            startMetrics();
            startOutputs(config.records());
            startRetention(config.records());
            startEnrollment(config.faces());
            startFanOut(config.stream());
            startCameras(config, dataDir);
            startKeepAlive();
            startStreamLinks(config, dataDir);
            share(context);
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
        unshare(event.getServletContext());
        stopEverything();
        LOG.info("GateWatch stopped");
    }

    /** Reverse order of start; safe to run twice and after a failed start. */
    private synchronized void stopEverything() {
        stopKeepAlive();
        stopCameras();
        stopFanOut();
        stopEnrollment();
        stopRetention();
        stopOutputs();
        stopMetrics();
        stopDatabaseProbe();
        stopDatabase();
    }

    private static GateWatchConfig loadConfig(ServletContext context, Path dataDir) {
        Path file = ConfigLocation.fromSystem().configFile(context.getInitParameter(CONFIG_PARAM), dataDir);
        return ConfigLoader.load(file);
    }

    /** The site's JNDI jdbc/gatewatch, else the embedded H2 database; the schema migrated to the newest version. */
    private void startDatabase(Path dataDir) {
        database = Database.open(dataDir);
        database.migrate();
    }

    /**
     * Closes the pool (a JNDI HikariCP pool of the WAR's own classes included, its threads awaited: see
     * {@link Database#close}) and deregisters the JDBC drivers this webapp's class loader registered.
     */
    private void stopDatabase() {
        if (database != null) {
            database.close();
            JdbcDrivers.deregisterLoadedBy(GateWatchListener.class.getClassLoader());
            database = null;
        }
    }

    /** The readiness probe's database check, on one thread of its own: a hung database never holds a request thread. */
    private void startDatabaseProbe() {
        databaseChecks = OwnedPool.fixed("Database check", "gatewatch-dbcheck-", 1);
        databaseProbe = new DatabaseProbe(database.dataSource(), databaseChecks.executor(),
                DatabaseProbe.DEFAULT_TIMEOUT);
    }

    /** Interrupts a check that still waits for the database, before the pool it waits on closes. */
    private void stopDatabaseProbe() {
        if (databaseChecks != null) {
            databaseChecks.stop(true);
            databaseChecks = null;
            databaseProbe = null;
        }
    }

    /** People and their faces, access events and their snapshots, on the database and the data directory. */
    private void startStores(Path dataDir) {
        people = new People(new PersonStore(database.dataSource()),
                new FaceStore(database.dataSource(), dataDir.resolve("faces")), Clock.systemUTC());
        events = new EventStore(database.dataSource());
        snapshots = new SnapshotStore(dataDir.resolve("snapshots"));
        recorder = new EventRecorder(events, snapshots);
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

    private void startOutputs(RecordsConfig config) {
        outputs = Outputs.start(config, recorder, events, metrics);
    }

    private void stopOutputs() {
        if (outputs != null) {
            outputs.close();
            outputs = null;
        }
    }

    /** Deletes old events and snapshots a minute after start (not during it), then hourly. */
    private void startRetention(RecordsConfig config) {
        Retention task = new Retention(events, snapshots, Duration.ofDays(config.retentionDays()), Clock.systemUTC());
        retention = OwnedPool.scheduled("Retention", "gatewatch-retention-");
        retention.executor().scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Retention pass failed; the next runs in an hour", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    private void stopRetention() {
        if (retention != null) {
            retention.stop(true);
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
                enrollment::gallery, Clock.systemDefaultZone(), metrics::stageTimer);
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

    private void startKeepAlive() {
        keepAlive = OwnedPool.scheduled("Keep-alive", "gatewatch-keepalive-");
        CameraRegistry registry = cameras;
        keepAlive.executor().scheduleWithFixedDelay(() -> {
            try {
                registry.keepAlive();
            } catch (RuntimeException e) {
                LOG.error("Keep-alive round failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    private void stopKeepAlive() {
        if (keepAlive != null) {
            keepAlive.stop(false);
            keepAlive = null;
        }
    }

    /** Signed stream links: checked by the authenticator valve, minted by the admin API. No thread of their own. */
    private void startStreamLinks(GateWatchConfig config, Path dataDir) {
        streamLinks = StreamLinks.open(config.stream(), dataDir, config.cameras().get(0).id());
    }

    /** What the servlets use, each under its own attribute (read through {@link Services}). */
    private void share(ServletContext context) {
        context.setAttribute(Services.CAMERAS, cameras);
        context.setAttribute(HubDirectory.ATTRIBUTE, cameras);
        context.setAttribute(Services.PEOPLE, people);
        context.setAttribute(Services.ENROLLMENT, enrollment);
        context.setAttribute(Services.EVENTS, events);
        context.setAttribute(Services.SNAPSHOTS, snapshots);
        context.setAttribute(Services.RECORDER, recorder);
        context.setAttribute(Services.DATABASE_PROBE, databaseProbe);
        context.setAttribute(Services.STREAM_LINKS, streamLinks);
        context.setAttribute(AppMetrics.ATTRIBUTE, metrics);
    }

    private static void unshare(ServletContext context) {
        for (String attribute : new String[] {AppMetrics.ATTRIBUTE, Services.STREAM_LINKS, Services.DATABASE_PROBE,
                Services.RECORDER, Services.SNAPSHOTS, Services.EVENTS, Services.ENROLLMENT, Services.PEOPLE,
                HubDirectory.ATTRIBUTE, Services.CAMERAS}) {
            context.removeAttribute(attribute);
        }
    }
}
