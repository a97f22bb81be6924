package org.gatewatch.app;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.events.EventStore;
import org.gatewatch.events.Retention;
import org.gatewatch.events.SnapshotStore;
import org.gatewatch.outputs.audit.AuditTrail;

/**
 * Deletes old events, their snapshots and the audit trail's old days a minute after start (not during it), then
 * hourly, on a thread of its own that {@link #stop} joins.
 */
final class RetentionSchedule {

    private static final Logger LOG = LogManager.getLogger(RetentionSchedule.class);

    private final OwnedPool<ScheduledExecutorService> pool = OwnedPool.scheduled("Retention", "gatewatch-retention-");

    RetentionSchedule(EventStore events, SnapshotStore snapshots, AuditTrail trail, int retentionDays) {
        Duration keep = Duration.ofDays(retentionDays);
        Clock clock = Clock.systemUTC();
        Retention task = new Retention(events, snapshots, keep, clock);
        pool.executor().scheduleWithFixedDelay(() -> {
            try {
                task.run();
                trail.prune(clock.instant().minus(keep));
            } catch (RuntimeException e) {
                LOG.error("Retention pass failed; the next runs in an hour", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    /** Interrupts a pass that is running; the next start runs it again. */
    void stop() {
        pool.stop(true);
    }
}
