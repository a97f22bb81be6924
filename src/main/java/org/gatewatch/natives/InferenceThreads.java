package org.gatewatch.natives;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many threads a camera's person model (TensorFlow Lite) runs on, decided at each run. An interpreter's threads
 * are its own, not a shared pool like OpenCV's, and threads beyond the free cores only wait: on this 2-core machine
 * two interpreters running at once on two threads each took 49 ms of CPU a run instead of 29 (SSD-MobileNet,
 * 300×300), while one running alone on two threads finished in 16 ms instead of 30 for the same CPU. So the cores are
 * divided among the runs in progress, at most {@link #MAX} each, when a node has no more analysing cameras than
 * cores; with more cameras than cores their other stages keep every core busy, and each run keeps one thread.
 * One instance per node, shared by its cameras. A run is only as wide as the interpreter it runs on, whose threads are
 * set when it is built, so a camera that may run wide keeps a second, wide interpreter of its model.
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
     * The most threads a run may get: what a camera's model should be built with besides its one-thread build (an
     * interpreter's thread count is fixed when it is built). 1 when runs never get more.
     */
    public int wide() {
        return share ? Math.min(MAX, cores) : 1;
    }

    /** The threads for a run starting now; every call is followed by one {@link #finished()}. */
    public int start() {
        int now = running.incrementAndGet();
        return share ? Math.max(1, Math.min(MAX, cores / now)) : 1;
    }

    /** A run started with {@link #start()} is over. */
    public void finished() {
        running.decrementAndGet();
    }
}
