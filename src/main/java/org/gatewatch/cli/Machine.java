package org.gatewatch.cli;

import java.lang.management.ManagementFactory;

/** What the benchmarks print beside their timings: this process's CPU time, and how busy the machine is. */
public final class Machine {

    private Machine() {
    }

    /** This process's CPU time over every thread (OpenCV's worker pool too), in ns; 0 where the JVM cannot tell. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** The one-minute load average; other work on the machine slows every figure printed beside it. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
