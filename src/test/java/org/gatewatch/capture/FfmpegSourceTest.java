package org.gatewatch.capture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.gatewatch.natives.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FFmpeg's own error message quotes the URL it could not open: what leaves the source is masked, causes included. */
class FfmpegSourceTest {

    @BeforeAll
    static void natives() {
        OpenCvRuntime.load();
    }

    @Test
    void aFailedOpenNeverCarriesThePassword() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        FfmpegSource source = FfmpegSource.rtsp("rtsp://user:s3cret@127.0.0.1:" + closed + "/x");
        try {
            IOException e = assertThrows(IOException.class, source::open);
            assertTrue(e.getMessage().contains("rtsp://user:***@127.0.0.1:" + closed + "/x"), e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t).contains("s3cret"), String.valueOf(t));
            }
            assertTrue(e.getCause().getStackTrace().length > 0, "the cause keeps FFmpeg's stack trace");
        } finally {
            source.close();
        }
    }
}
