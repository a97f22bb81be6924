package org.gatewatch.stream;

/** Something that wants each new frame of a camera: a streaming HTTP response, or a test's reader. */
public interface FrameViewer {

    /**
     * Invoked by a fan-out thread when the hub has a frame newer than the last one offered. Must not block: a
     * viewer that cannot take the frame now keeps only this newest one and drops what it held before.
     */
    void offer(JpegFrame frame);

    /**
     * Invoked by the keep-alive thread about once a second. A viewer that has been sent nothing for a while (the
     * camera is reconnecting) sends its last frame again: a viewer that left is noticed by the failed write, and a
     * proxy does not time the stream out.
     */
    default void keepAlive() {
    }

    /** Invoked once when the camera shuts down: end the response, release what is held. */
    default void close() {
    }
}
