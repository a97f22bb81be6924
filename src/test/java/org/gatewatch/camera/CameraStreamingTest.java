package org.gatewatch.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Test;

/** How old a camera's newest frame may be while the readiness probe still counts it as streaming. */
class CameraStreamingTest {

    @Test
    void anOrdinaryCameraMayPauseFiveSeconds() {
        assertEquals(5_000, Camera.staleAfterMillis(0, 25));
        assertEquals(5_000, Camera.staleAfterMillis(2, 10), "a 2 fps cap");
        assertEquals(5_000, Camera.staleAfterMillis(0, 0), "no rate known yet");
    }

    @Test
    void aSlowCameraMayPauseThreeFrameIntervals() {
        assertEquals(30_000, Camera.staleAfterMillis(0.1, 25), "the cap sets the rate below the source's");
        assertEquals(15_000, Camera.staleAfterMillis(0, 0.2), "a slow source");
        assertEquals(15_000, Camera.staleAfterMillis(30, 0.2), "a cap above the source's rate changes nothing");
        assertEquals(6_000, Camera.staleAfterMillis(0.5, 0), "the cap before the source's rate is known");
    }
}
