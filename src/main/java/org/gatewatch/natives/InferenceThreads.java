package org.gatewatch.natives;

/**
 * How many threads one camera's person model (TensorFlow Lite) may use. An interpreter's threads are its own, not a
 * shared pool like OpenCV's: two cameras with two threads each on two cores do not finish sooner, they wait for each
 * other, and each run cost 49 ms of CPU instead of 29 here (SSD-MobileNet, 300×300). One camera alone with two
 * threads runs in half the wall time (16 ms instead of 30) for the same CPU. So the cores are shared among the cameras
 * that analyse, at least one thread each and at most {@link #MAX}, where more threads no longer pay.
 */
public final class InferenceThreads {

    static final int MAX = 4;

    private InferenceThreads() {
    }

    /** The threads per interpreter when {@code analysingCameras} cameras analyse on this machine's cores. */
    public static int forCameras(int analysingCameras) {
        return forCameras(analysingCameras, Runtime.getRuntime().availableProcessors());
    }

    static int forCameras(int analysingCameras, int cores) {
        return Math.max(1, Math.min(MAX, cores / Math.max(1, analysingCameras)));
    }
}
