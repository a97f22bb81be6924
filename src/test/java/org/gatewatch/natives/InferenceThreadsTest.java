package org.gatewatch.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InferenceThreadsTest {

    @Test
    void aRunAloneHasTheCores() {
        assertEquals(2, new InferenceThreads(1, 2).start());
        assertEquals(InferenceThreads.MAX, new InferenceThreads(1, 16).start(), "no more than MAX");
    }

    @Test
    void runsAtOnceShareTheCoresAndEachHasOne() {
        InferenceThreads node = new InferenceThreads(2, 2);
        assertEquals(2, node.start());
        assertEquals(1, node.start(), "a second run while the first goes on");
        assertEquals(1, node.start(), "never fewer than one");
        node.finished();
        node.finished();
        node.finished();
        assertEquals(2, node.start(), "alone again");
    }

    @Test
    void moreCamerasThanCoresRunOnOneThreadEach() {
        InferenceThreads node = new InferenceThreads(16, 2);
        assertEquals(1, node.start(), "even alone: the other cameras' stages keep the cores busy");
        assertEquals(InferenceThreads.MAX, new InferenceThreads(4, 8).start(), "4 cameras on 8 cores: up to MAX alone");
    }

    @Test
    void aCameraThatMayRunWideHasAWideInterpreter() {
        assertEquals(2, new InferenceThreads(2, 2).wide());
        assertEquals(1, new InferenceThreads(3, 2).wide(), "more cameras than cores: one thread only");
    }
}
