package org.gatewatch.analysis;

import java.lang.management.ManagementFactory;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Whether the machine has CPU to spare, from its whole recent load (every process, every core), read at most once a
 * second. The analysis asks it before keeping a frame that came while it was busy ({@link AnalysisWorker}): with cores
 * to spare a camera that ran late catches up at once; on a machine whose cores are all taken, catching up would only
 * take them from the cameras that keep their rate.
 */
public final class SpareCpu {

    /** This machine, as the JVM's operating-system bean reports it. */
    public static final SpareCpu MACHINE = new SpareCpu(SpareCpu::machineLoad, System::nanoTime);

    /** At or above this share of all cores busy, there is nothing to spare. */
    static final double BUSY_LOAD = 0.85;
    private static final long SAMPLE_NANOS = 1_000_000_000L;

    private final DoubleSupplier load;
    private final LongSupplier nanos;
    private long sampledAt;
    private boolean sampled;
    private volatile boolean spare = true;

    /** @param load the machine's recent load, 0 to 1, negative when unknown; read at most once a second */
    SpareCpu(DoubleSupplier load, LongSupplier nanos) {
        this.load = load;
        this.nanos = nanos;
    }

    /** True while the last second's load left cores to spare, or the load is unknown. */
    public boolean spare() {
        long now = nanos.getAsLong();
        synchronized (this) {
            if (!sampled || now - sampledAt >= SAMPLE_NANOS) {
                sampled = true;
                sampledAt = now;
                // An unknown load (negative) is under the limit too: then frames wait, as on a machine with room.
                spare = load.getAsDouble() < BUSY_LOAD;
            }
        }
        return spare;
    }

    static double machineLoad() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getCpuLoad();
        }
        return -1;
    }
}
