package org.gatewatch.camera;

import org.gatewatch.stream.FrameHub;
import org.gatewatch.stream.JpegEncoder;
import org.gatewatch.stream.JpegFrame;
import org.opencv.core.Mat;

/**
 * The publish step of a picture's downscaled widths, on the capture thread: once per frame, each width that has
 * viewers gets the frame scaled and encoded once; a width not narrower than the frame gets the full picture (never an
 * upscaled one), encoded at most once for all such widths.
 */
final class SizedPublish {

    private SizedPublish() {
    }

    /**
     * @param full the frame's full-size JPEG if it was encoded already, else null
     * @return the JPEG encodes made
     */
    static int publish(FrameHub picture, Mat frame, JpegFrame full, JpegEncoder encoder, long seq,
                       long captureMillis) {
        int[] encodes = {0};
        JpegFrame[] whole = {full};
        picture.sizes().forEachWatched((width, hub) -> {
            if (width >= frame.cols()) {
                if (whole[0] == null) {
                    whole[0] = encoder.encode(frame, seq, captureMillis);
                    encodes[0]++;
                }
                hub.publish(whole[0]);
            } else {
                hub.publish(encoder.encodeScaled(frame, width, seq, captureMillis));
                picture.sizes().countEncoded(width);
                encodes[0]++;
            }
        });
        return encodes[0];
    }
}
