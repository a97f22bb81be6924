package org.gatewatch.web;

import jakarta.servlet.ServletContext;
import java.util.concurrent.ScheduledExecutorService;
import org.gatewatch.camera.CameraRegistry;
import org.gatewatch.db.DatabaseProbe;
import org.gatewatch.events.EventHistory;
import org.gatewatch.events.EventRecorder;
import org.gatewatch.events.EventStore;
import org.gatewatch.events.SnapshotStore;
import org.gatewatch.http.AddressLimit;
import org.gatewatch.outputs.audit.AuditTrail;
import org.gatewatch.people.People;
import org.gatewatch.people.enrollment.Enrollment;
import org.gatewatch.stream.links.StreamLinks;

/**
 * What the application listener shares with the servlets: each object under its own ServletContext attribute,
 * read through its own typed accessor, which fails loudly if the application did not start.
 */
public final class Services {

    public static final String CAMERAS = CameraRegistry.class.getName();
    public static final String PEOPLE = People.class.getName();
    public static final String ENROLLMENT = Enrollment.class.getName();
    public static final String EVENTS = EventStore.class.getName();
    public static final String SNAPSHOTS = SnapshotStore.class.getName();
    public static final String RECORDER = EventRecorder.class.getName();
    public static final String EVENT_HISTORY = EventHistory.class.getName();
    public static final String AUDIT_TRAIL = AuditTrail.class.getName();
    public static final String DATABASE_PROBE = DatabaseProbe.class.getName();
    /** Named by its contract with the authenticator valve, which reads it too. */
    public static final String STREAM_LINKS = StreamLinks.ATTRIBUTE;
    public static final String SERVER_WARNINGS = ServerWarnings.class.getName();
    public static final String LISTENERS_PER_ADDRESS = "org.gatewatch.events.listenersPerAddress";
    public static final String TIMERS = "org.gatewatch.web.timers";

    private Services() {
    }

    public static CameraRegistry cameras(ServletContext context) {
        return get(context, CAMERAS, CameraRegistry.class);
    }

    public static People people(ServletContext context) {
        return get(context, PEOPLE, People.class);
    }

    public static Enrollment enrollment(ServletContext context) {
        return get(context, ENROLLMENT, Enrollment.class);
    }

    public static EventStore events(ServletContext context) {
        return get(context, EVENTS, EventStore.class);
    }

    public static SnapshotStore snapshots(ServletContext context) {
        return get(context, SNAPSHOTS, SnapshotStore.class);
    }

    public static EventRecorder recorder(ServletContext context) {
        return get(context, RECORDER, EventRecorder.class);
    }

    /** The events after an id, from the database and the journal, for a live view that reconnects. */
    public static EventHistory eventHistory(ServletContext context) {
        return get(context, EVENT_HISTORY, EventHistory.class);
    }

    /** The hash-chained audit trail: every administrative change is a record of it. */
    public static AuditTrail auditTrail(ServletContext context) {
        return get(context, AUDIT_TRAIL, AuditTrail.class);
    }

    /** Whether the database answers, within a bound: for the readiness probe. */
    public static DatabaseProbe databaseProbe(ServletContext context) {
        return get(context, DATABASE_PROBE, DatabaseProbe.class);
    }

    /** Mints signed stream links (the authenticator valve checks them through the same attribute). */
    public static StreamLinks streamLinks(ServletContext context) {
        return get(context, STREAM_LINKS, StreamLinks.class);
    }

    /** Problems with Tomcat's set-up found at start, for /api/status. */
    public static ServerWarnings serverWarnings(ServletContext context) {
        return get(context, SERVER_WARNINGS, ServerWarnings.class);
    }

    /** Caps the event stream listeners of one client address ({@code events.maxListenersPerAddress}). */
    public static AddressLimit listenersPerAddress(ServletContext context) {
        return get(context, LISTENERS_PER_ADDRESS, AddressLimit.class);
    }

    /** Runs the timeouts of requests that wait asynchronously (take from camera, enrollment?wait). */
    public static ScheduledExecutorService timers(ServletContext context) {
        return get(context, TIMERS, ScheduledExecutorService.class);
    }

    private static <T> T get(ServletContext context, String attribute, Class<T> type) {
        Object value = context.getAttribute(attribute);
        if (value == null) {
            throw new IllegalStateException("GateWatch did not start (no " + type.getSimpleName()
                    + "): see the log for the cause");
        }
        return type.cast(value);
    }
}
