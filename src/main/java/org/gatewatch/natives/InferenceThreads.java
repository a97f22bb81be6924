package org.gatewatch.natives;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many threads a camera's person model (TensorFlow Lite) runs on, decided at each run. An interpreter's threads
 * are its own, not a shared pool like OpenCV's, and threads beyond the free cores only wait: two interpreters running
 * at once on two threads each cost more CPU a run than on one, while one running alone on two threads finishes in
 * about half the time for the same CPU ({@code bin/gatewatch bench-ssd-threads} prints both). So a run that starts
 * while no other runs gets the node's cores, at most {@link #MAX}, when the node has no more analysing cameras than
 * cores; any other run keeps one thread, and with more cameras than cores every run does, since their other stages
 * keep every core busy. One instance per node, shared by its cameras. An interpreter's threads are set when it is
 * built, so a camera that may run wide keeps a second, wide interpreter of its model.
 */
public final class InferenceThreads {

    /** Past this, more threads no longer pay for a 300×300 model. */
    static final int MAX = 4;

    private final int cores;
    private final boolean share;
    private final AtomicInteger running = new AtomicInteger();

    /** For a node whose {@code analysingCameras} cameras analyse, on this machine's cores. */
    public InferenceThreads(int analysingCameras) {
        this(analysingCameras, Runtime.getRuntime().availableProcessors());
    }

    InferenceThreads(int analysingCameras, int cores) {
        this.cores = cores;
        this.share = analysingCameras <= cores;
    }

    /** One camera analysing alone (the analyze tool, a benchmark). */
    public static InferenceThreads alone() {
        return new InferenceThreads(1);
    }

    /**
     * The threads of a run alone: what a camera's model should be built with besides its one-thread build. 1 when
     * runs never get more.
     */
    public int wide() {
        return share ? Math.min(MAX, cores) : 1;
    }

    /** The threads for a run starting now: {@link #wide()} if no other runs, else 1; then one {@link #finished()}. */
    public int start() {
        return running.incrementAndGet() == 1 ? wide() : 1;
    }

    /** A run started with {@link #start()} is over. */
    public void finished() {
        running.decrementAndGet();
    }
}
