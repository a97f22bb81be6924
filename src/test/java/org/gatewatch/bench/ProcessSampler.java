package org.gatewatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** CPU time and thread counts of a process, read from Linux's /proc; also this JVM's own CPU time and fd limit. */
public final class ProcessSampler {

    private static final long DEFAULT_CLOCK_TICKS = 100;

    private final Path stat;
    private final Path status;
    private final long clockTicks;

    public ProcessSampler(long pid) {
        this.stat = Path.of("/proc", Long.toString(pid), "stat");
        this.status = Path.of("/proc", Long.toString(pid), "status");
        this.clockTicks = clockTicks();
    }

    /** User plus system CPU time in nanoseconds. */
    public OptionalLong cpuNanos() {
        try {
            String line = Files.readString(stat, StandardCharsets.US_ASCII);
            // The command name (field 2) may contain spaces and parentheses; fields after the last ')' are fixed.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalLong.of(ticks * 1_000_000_000L / clockTicks);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Live threads, from the {@code Threads:} line of /proc/pid/status. */
    public OptionalInt threads() {
        OptionalLong n = statusField("Threads:");
        return n.isPresent() ? OptionalInt.of((int) n.getAsLong()) : OptionalInt.empty();
    }

    /** Resident memory in bytes (Java heap, natives and models alike), from the {@code VmRSS:} line. */
    public OptionalLong rssBytes() {
        OptionalLong kb = statusField("VmRSS:");
        return kb.isPresent() ? OptionalLong.of(kb.getAsLong() * 1024) : OptionalLong.empty();
    }

    /** The number that follows {@code name} in /proc/pid/status (a count, or kB). */
    private OptionalLong statusField(String name) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith(name)) {
                    return OptionalLong.of(Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Reported as a missing value.
        }
        return OptionalLong.empty();
    }

    boolean exists() {
        return Files.exists(stat);
    }

    /** This JVM's CPU time in nanoseconds (all threads, user plus system). */
    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of one thread of this JVM in nanoseconds, or -1 if unsupported. */
    static long threadCpuNanos(long threadId) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(threadId);
    }

    /** File descriptors this JVM has open now, or -1 if unknown. */
    static long openFiles() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The soft "Max open files" limit of this process, or -1 if unknown or unlimited. */
    static long openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? -1 : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unknown limit: no warning.
        }
        return -1;
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            // Fall back to Linux's usual value.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_CLOCK_TICKS;
    }
}
