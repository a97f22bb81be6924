package org.gatewatch.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatewatch.natives.OpenCvRuntime;
import org.gatewatch.stream.FrameHub;
import org.gatewatch.stream.FrameViewer;
import org.gatewatch.stream.JpegEncoder;
import org.gatewatch.stream.JpegFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class SizedPublishTest {

    private final JpegEncoder encoder = new JpegEncoder(80);
    private final FrameHub hub = new FrameHub("cam", Runnable::run, 1, () -> { });
    private final Mat frame = new Mat(576, 768, CvType.CV_8UC3, new Scalar(30, 120, 200));

    @BeforeAll
    static void natives() {
        OpenCvRuntime.load();
    }

    @AfterEach
    void release() {
        frame.release();
        encoder.close();
    }

    private static int[] size(JpegFrame f) {
        Mat decoded = Imgcodecs.imdecode(new MatOfByte(f.jpeg()), Imgcodecs.IMREAD_COLOR);
        int[] wh = {decoded.cols(), decoded.rows()};
        decoded.release();
        return wh;
    }

    private int publish(long seq) {
        JpegFrame full = encoder.encode(frame, seq, seq);
        hub.publish(full);
        return SizedPublish.publish(hub, frame, full, encoder, seq, seq);
    }

    @Test
    void eachWidthGetsTheFrameScaledWithItsAspectAndEncodedOncePerFrameForAllItsViewers() {
        List<JpegFrame> a = new CopyOnWriteArrayList<>();
        List<JpegFrame> b = new CopyOnWriteArrayList<>();
        List<JpegFrame> medium = new CopyOnWriteArrayList<>();
        hub.atWidth(320).addViewer(a::add);
        hub.atWidth(320).addViewer(b::add);
        hub.atWidth(640).addViewer(medium::add);
        assertSame(hub.atWidth(320), hub.atWidth(320), "one hub per width");

        for (long seq = 1; seq <= 5; seq++) {
            assertEquals(2, publish(seq), "one encode per watched width, not per viewer");
        }
        assertEquals(5, hub.sizes().encodedAt(320));
        assertEquals(5, hub.sizes().encodedAt(640));
        assertEquals(5, a.size());
        assertSame(a.get(4), b.get(4), "both viewers of a width share the bytes of one encode");
        assertEquals(320, size(a.get(0))[0]);
        assertEquals(240, size(a.get(0))[1]);
        assertEquals(640, size(medium.get(0))[0]);
        assertEquals(480, size(medium.get(0))[1]);
        assertEquals(3, hub.viewersAllWidths());
        assertEquals(0, hub.viewerCount(), "the full picture has no viewer of its own");
    }

    @Test
    void aWidthWithoutViewersCostsNothingAndAWideOneGetsTheFullPictureNeverAnUpscaledOne() {
        FrameHub unwatched = hub.atWidth(160);
        assertEquals(0, publish(1));
        assertEquals(0, hub.sizes().encodedAt(160));
        assertEquals(null, unwatched.newest());

        List<JpegFrame> wide = new CopyOnWriteArrayList<>();
        hub.atWidth(960).addViewer(wide::add);
        assertEquals(0, publish(2), "the full picture's JPEG is reused, not encoded again");
        assertSame(hub.newest(), wide.get(0));
        assertEquals(768, size(wide.get(0))[0]);
    }

    @Test
    void aCleanStreamWithoutFullSizeViewersEncodesTheFullPictureOnlyWhenAWideWidthNeedsIt() {
        List<JpegFrame> wide = new CopyOnWriteArrayList<>();
        hub.atWidth(1280).addViewer(wide::add);
        assertEquals(1, SizedPublish.publish(hub, frame, null, encoder, 1, 1));
        assertEquals(576, size(wide.get(0))[1]);
        assertThrows(IllegalArgumentException.class, () -> encoder.encodeScaled(frame, 768, 1, 1), "never upscales");
    }

    @Test
    void viewersOfAWidthKeepTheCameraWantedAndOnlyFixedWidthsHaveHubs() {
        FrameHub small = hub.atWidth(320);
        FrameViewer viewer = f -> { };
        small.addViewer(viewer);
        assertTrue(hub.wantedWithin(java.time.Duration.ZERO));
        small.removeViewer(viewer);
        assertEquals(0, hub.viewersAllWidths());
        assertThrows(IllegalArgumentException.class, () -> hub.atWidth(300));
        assertThrows(IllegalStateException.class, () -> small.atWidth(160));
    }
}
