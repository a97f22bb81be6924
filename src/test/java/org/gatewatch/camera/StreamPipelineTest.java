package org.gatewatch.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.gatewatch.analysis.AnalysisWorker;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.analysis.Overlay;
import org.gatewatch.natives.OpenCvRuntime;
import org.gatewatch.stream.FrameHub;
import org.gatewatch.stream.JpegEncoder;
import org.gatewatch.stream.JpegFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class StreamPipelineTest {

    private final ExecutorService fanOut = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void natives() {
        OpenCvRuntime.load();
    }

    @AfterEach
    void stop() throws InterruptedException {
        fanOut.shutdown();
        assertTrue(fanOut.awaitTermination(5, TimeUnit.SECONDS));
    }

    /** An analysis that takes 100 ms a frame and draws a white square: slower than the 10 ms frame interval. */
    private static final class SlowSquare implements FrameAnalyzer {
        @Override
        public Overlay analyze(Mat frame, long captureMillis) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return f -> Imgproc.rectangle(f, new Point(0, 0), new Point(31, 31), new Scalar(255, 255, 255), -1);
        }

        @Override
        public void close() {
        }
    }

    private static double topLeftBrightness(JpegFrame frame) {
        Mat decoded = Imgcodecs.imdecode(new MatOfByte(frame.jpeg()), Imgcodecs.IMREAD_GRAYSCALE);
        double value = decoded.get(8, 8)[0];
        decoded.release();
        return value;
    }

    @Test
    void slowAnalysisNeitherSlowsNorSkipsTheStreamAndItsOverlayIsDrawnOnEveryFrame() throws Exception {
        FrameHub hub = new FrameHub("cam", fanOut, 1, () -> { });
        FrameHub clean = new FrameHub("cam", fanOut, 1, () -> { });
        List<JpegFrame> annotated = new CopyOnWriteArrayList<>();
        List<JpegFrame> plain = new CopyOnWriteArrayList<>();
        hub.addViewer(annotated::add);
        clean.addViewer(plain::add);
        AnalysisWorker analysis = new AnalysisWorker("cam", new SlowSquare());
        analysis.start();
        StreamPipeline pipeline = new StreamPipeline(new JpegEncoder(90), hub, clean, analysis);
        Mat frame = new Mat(64, 64, CvType.CV_8UC3);

        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            frame.setTo(new Scalar(0, 0, 0));
            pipeline.accept(frame, System.currentTimeMillis());
            Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        analysis.stop();
        pipeline.close();
        frame.release();

        assertTrue(seconds < 1.8, "the capture loop was not held up by analysis: " + seconds + " s");
        assertEquals(100, hub.framesPublished(), "every captured frame was streamed");
        assertEquals(100, clean.framesPublished(), "the clean stream too, while it has a viewer");
        assertEquals(200, pipeline.framesEncoded());
        assertTrue(analysis.framesAnalyzed() >= 5 && analysis.framesAnalyzed() <= 20,
                "analysis ran on the newest frames only: " + analysis.framesAnalyzed());
        assertTrue(analysis.framesDropped() >= 70, "the rest were dropped for analysis: " + analysis.framesDropped());
        JpegFrame lastAnnotated = awaitSeq(annotated, 100);
        JpegFrame lastPlain = awaitSeq(plain, 100);
        assertTrue(topLeftBrightness(lastAnnotated) > 200, "the overlay is on the annotated stream");
        assertTrue(topLeftBrightness(lastPlain) < 50, "and not on the clean one");
    }

    @Test
    void cleanStreamIsNotEncodedWhileNobodyWatchesIt() {
        FrameHub hub = new FrameHub("cam", fanOut, 1, () -> { });
        FrameHub clean = new FrameHub("cam", fanOut, 1, () -> { });
        AnalysisWorker analysis = new AnalysisWorker("cam", new SlowSquare());
        StreamPipeline pipeline = new StreamPipeline(new JpegEncoder(80), hub, clean, analysis);
        Mat frame = new Mat(32, 32, CvType.CV_8UC3, new Scalar(10, 20, 30));
        for (int i = 0; i < 10; i++) {
            pipeline.accept(frame, System.currentTimeMillis());
        }
        analysis.stop();
        pipeline.close();
        frame.release();
        assertEquals(10, pipeline.framesEncoded());
        assertEquals(0, clean.framesPublished());
    }

    /** The viewer's frame with this sequence number (viewers may skip earlier ones, never the newest). */
    private static JpegFrame awaitSeq(List<JpegFrame> list, long seq) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            for (JpegFrame f : list) {
                if (f.seq() == seq) {
                    return f;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("frame " + seq + " never reached the viewer");
    }

    /** The metrics' capture-to-publish timer hears of every frame, after its JPEG reached the hub. */
    @Test
    void everyPublishedFrameIsTimedOnce() {
        FrameHub hub = new FrameHub("cam", fanOut, 1, () -> { });
        List<Long> times = new CopyOnWriteArrayList<>();
        StreamPipeline pipeline = new StreamPipeline(new JpegEncoder(80), hub, hub, null, nanos -> {
            assertEquals(times.size() + 1, hub.framesPublished(), "timed after publishing");
            times.add(nanos);
        });
        Mat frame = new Mat(64, 64, CvType.CV_8UC3, new Scalar(40, 80, 120));
        for (int i = 0; i < 5; i++) {
            pipeline.accept(frame, System.currentTimeMillis());
        }
        pipeline.close();
        frame.release();
        assertEquals(5, times.size());
        assertTrue(times.stream().allMatch(n -> n > 0), times.toString());
    }
}
