package org.gatewatch.capture;

import java.io.IOException;
import org.opencv.core.Mat;

/**
 * Where a camera's frames come from. Used by one capture thread at a time: open, grab until it ends or fails,
 * close. A source is opened again (a new instance) after a failure.
 */
public interface FrameSource extends AutoCloseable {

    /** Connects or opens the file; blocks at most the source's own timeout. */
    void open() throws IOException;

    /**
     * The next frame as BGR, owned by the source and valid until the next call; null when the source has ended.
     * File sources pace themselves to their native rate, so every source behaves like a live camera.
     */
    Mat grab() throws IOException;

    /** The source's frame rate, or 0 while unknown. */
    double fps();

    /** Releases the connection and any native memory. Safe to call more than once. */
    @Override
    void close();

    /**
     * Invoked from another thread at shutdown to unblock a {@link #grab} waiting on the network. Sources whose
     * reads end by their own timeout keep this default.
     */
    default void abort() {
    }
}
