package org.gatewatch.bench.cameras;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where Tomcat's CPU goes, by kind of thread, from Linux's per-thread counters (/proc/PID/task/TID/stat): the
 * cameras' analysis and capture threads, the stream fan-out, the garbage collector, the JIT, and the rest (Tomcat's
 * connector among them). A thread that native code starts takes the kernel name of the thread that started it, so
 * OpenCV's worker threads count with the analysis that first used them.
 */
final class ThreadCpu {

    private static final long CLOCK_TICKS = 100;
    /** A thread's first line in a jcmd thread dump: {@code "name" #12 ... nid=0x1a2b ...}. */
    private static final Pattern THREAD_LINE = Pattern.compile("(?m)^\"(.*)\" #.*? nid=0x([0-9a-f]+) ");

    private ThreadCpu() {
    }

    /** CPU ticks so far per thread id, with the thread's kind. */
    record Snapshot(Map<String, Long> ticks, Map<String, String> kinds) {
    }

    static Snapshot take(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        Map<String, String> kinds = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String line = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    String comm = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                    String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
                    String tid = task.getFileName().toString();
                    ticks.put(tid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    kinds.put(tid, kind(comm));
                } catch (IOException | RuntimeException e) {
                    // The thread ended between the listing and the read: its time is left out.
                }
            }
        } catch (IOException e) {
            System.err.println("bench-cameras: cannot read threads of " + pid + ": " + e);
        }
        return new Snapshot(ticks, kinds);
    }

    /** Per kind, the share of one core (%) used between the two snapshots, {@code seconds} apart. */
    static Map<String, Double> byKind(Snapshot a, Snapshot b, double seconds) {
        Map<String, Double> byKind = new TreeMap<>();
        b.ticks().forEach((tid, t) -> byKind.merge(b.kinds().get(tid),
                100.0 * (t - a.ticks().getOrDefault(tid, 0L)) / CLOCK_TICKS / seconds, Double::sum));
        return byKind;
    }

    /** E.g. "analysis 61%, capture+encode 12%", the largest first. */
    static String format(Map<String, Double> byKind) {
        StringBuilder out = new StringBuilder();
        byKind.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e ->
                out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.0f%%", e.getValue())));
        return out.toString();
    }

    /**
     * Per Java thread name, the share of one core (%) it used between the snapshots: the kernel's thread names are cut
     * to 15 characters, so the names come from {@code jcmd PID Thread.print} (whose {@code nid} is the kernel's id).
     */
    static Map<String, Double> byJavaName(long pid, Snapshot a, Snapshot b, double seconds) {
        Map<String, Double> out = new HashMap<>();
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print").redirectErrorStream(true)
                    .start();
            String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = THREAD_LINE.matcher(dump);
            while (m.find()) {
                String tid = Long.toString(Long.parseLong(m.group(2), 16));
                Long t1 = b.ticks().get(tid);
                if (t1 != null) {
                    out.put(m.group(1), 100.0 * (t1 - a.ticks().getOrDefault(tid, 0L)) / CLOCK_TICKS / seconds);
                }
            }
        } catch (IOException e) {
            System.err.println("bench-cameras: jcmd " + pid + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static String kind(String comm) {
        if (comm.startsWith("gatewatch-analy")) {
            return "analysis";
        } else if (comm.startsWith("gatewatch-captu")) {
            return "capture+encode";
        } else if (comm.startsWith("gatewatch-fanou")) {
            return "fan-out";
        } else if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "gc";
        } else if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "jit";
        }
        return "other";
    }
}
