package org.gatewatch.camera;

import java.time.ZoneId;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import org.gatewatch.analysis.AnalysisWorker;
import org.gatewatch.capture.FrameSink;
import org.gatewatch.stream.FrameHub;
import org.gatewatch.stream.JpegEncoder;
import org.gatewatch.stream.JpegFrame;
import org.opencv.core.Mat;
import org.opencv.core.Size;

/**
 * The frame path of one camera: captured frame → (a copy to analysis) → overlay of the newest analysis result →
 * JPEG, once → the camera's hub. With analysis, the clean picture ({@code ?overlay=0}) is encoded too, but only
 * while someone watches it. Each downscaled width ({@code ?width=}) is scaled from the same picture and encoded once
 * per frame while someone watches that width.
 */
public final class StreamPipeline implements FrameSink {

    private final JpegEncoder encoder;
    private final FrameHub hub;
    private final FrameHub cleanHub;
    private final AnalysisWorker analysis;
    private final LongAdder encoded = new LongAdder();
    private final LongAdder fullEncoded = new LongAdder();
    private final LongConsumer publishNanos;
    private long seq;
    private int lastWidth;
    private int lastHeight;

    /** Without analysis: one hub, the clean picture. */
    public StreamPipeline(JpegEncoder encoder, FrameHub hub) {
        this(encoder, hub, hub, null);
    }

    /** As {@link #StreamPipeline(JpegEncoder, FrameHub, FrameHub, AnalysisWorker, LongConsumer)}, timing nothing. */
    public StreamPipeline(JpegEncoder encoder, FrameHub hub, FrameHub cleanHub, AnalysisWorker analysis) {
        this(encoder, hub, cleanHub, analysis, nanos -> { });
    }

    /**
     * @param hub      the annotated stream
     * @param cleanHub the stream without overlay
     * @param analysis the camera's analysis, or null
     * @param publishNanos told, on the capture thread, how long each frame took from its grab to its JPEG in the
     *                     hub (handing it to analysis, the overlay, the encodes); must not block or allocate
     */
    public StreamPipeline(JpegEncoder encoder, FrameHub hub, FrameHub cleanHub, AnalysisWorker analysis,
                          LongConsumer publishNanos) {
        this.encoder = encoder;
        this.hub = hub;
        this.cleanHub = cleanHub;
        this.analysis = analysis;
        this.publishNanos = publishNanos;
    }

    /**
     * Invoked by the capture thread with each frame; draws on it (the source's buffer) before encoding. Synchronized
     * with {@link #publishNoSignal}, which the keep-alive thread calls only while no frame comes: uncontended.
     */
    @Override
    public synchronized void accept(Mat frame, long captureMillis) {
        long start = System.nanoTime();
        long n = ++seq;
        lastWidth = frame.cols();
        lastHeight = frame.rows();
        if (analysis != null) {
            analysis.offer(frame, captureMillis);
            if (cleanHub != hub) {
                JpegFrame clean = null;
                if (cleanHub.viewerCount() > 0) {
                    clean = encoder.encode(frame, n, captureMillis);
                    cleanHub.publish(clean);
                    encoded.increment();
                }
                encoded.add(SizedPublish.publish(cleanHub, frame, clean, encoder, n, captureMillis));
            }
            analysis.latest().drawOn(frame);
        }
        JpegFrame full = encoder.encode(frame, n, captureMillis);
        hub.publish(full);
        encoded.increment();
        fullEncoded.increment();
        encoded.add(SizedPublish.publish(hub, frame, full, encoder, n, captureMillis));
        publishNanos.accept(System.nanoTime() - start);
    }

    /**
     * Sends the NO SIGNAL picture to every stream and width that has viewers, as a new part. It is not analysed, and
     * it carries the newest real frame's capture time, so nothing takes it for a live frame (readiness, the camera's
     * sight, snapshots that wait for a fresh frame).
     */
    public synchronized void publishNoSignal(String cameraName, long lastFrameMillis, ZoneId zone) {
        Mat picture = NoSignalPicture.draw(cameraName, lastFrameMillis, new Size(lastWidth, lastHeight), zone);
        try {
            long n = ++seq;
            JpegFrame full = encoder.encode(picture, n, lastFrameMillis);
            hub.publish(full);
            encoded.increment();
            encoded.add(SizedPublish.publish(hub, picture, full, encoder, n, lastFrameMillis));
            if (cleanHub != hub) {
                cleanHub.publish(full);
                encoded.add(SizedPublish.publish(cleanHub, picture, full, encoder, n, lastFrameMillis));
            }
        } finally {
            picture.release();
        }
    }

    /** JPEG encodes so far, of both streams. */
    public long framesEncoded() {
        return encoded.sum();
    }

    /** JPEG encodes of the full-size annotated stream (the one every camera has) so far. */
    public long framesEncodedFull() {
        return fullEncoded.sum();
    }

    /** Invoked after the capture thread stopped. */
    public synchronized void close() {
        encoder.close();
    }
}
