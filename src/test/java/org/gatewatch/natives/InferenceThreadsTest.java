package org.gatewatch.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InferenceThreadsTest {

    @Test
    void oneCameraHasTheCores() {
        assertEquals(2, InferenceThreads.forCameras(1, 2));
        assertEquals(4, InferenceThreads.forCameras(1, 16), "no more than MAX");
    }

    @Test
    void camerasShareTheCoresAndEachHasOne() {
        assertEquals(1, InferenceThreads.forCameras(2, 2));
        assertEquals(1, InferenceThreads.forCameras(16, 2));
        assertEquals(2, InferenceThreads.forCameras(4, 8));
        assertEquals(2, InferenceThreads.forCameras(0, 2), "no camera counted is one");
    }
}
