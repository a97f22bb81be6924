package org.gatewatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultRowTest {

    private static RoundSnapshot parts(long... perViewer) {
        return new RoundSnapshot(perViewer.length, perViewer.length, 0, 0, 0, perViewer, 15, new Histogram(1000),
                new Histogram(1000), Map.of());
    }

    @Test
    void serverCpuPerDeliveredFrameIsTheWindowsCpuOverEveryViewersParts() {
        // 3 ms of CPU for 10 + 20 frames delivered: 100 µs a frame.
        assertEquals(100.0, ResultRow.microsPerFrame(3_000_000L, parts(10, 20)), 1e-9);
    }

    @Test
    void withoutCpuOrFramesThereIsNoFigure() {
        assertNull(ResultRow.microsPerFrame(null, parts(10)));
        assertNull(ResultRow.microsPerFrame(1_000L, parts(0, 0)));
    }

    @Test
    void theTableHasTheColumn() {
        ResultRow row = ResultRow.of(parts(150), 10.0).withServer(10.0, 60, 50.0, 20.0, 25.04);
        assertEquals("server_us_per_frame", ResultTable.header().trim().replaceAll(".*\\s", ""));
        assertEquals("25.0", ResultTable.row(row).trim().replaceAll(".*\\s", ""));
    }
}
