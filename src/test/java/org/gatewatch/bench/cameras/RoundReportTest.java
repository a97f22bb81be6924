package org.gatewatch.bench.cameras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoundReportTest {

    private static ServerApi.Sample captured(long frames) {
        return new ServerApi.Sample(frames, 0, 0, DoorFootage.FPS, 0);
    }

    @Test
    void aDoorsWalkIsCountedWhereItsFramesFellInTheWindow() {
        // Door 0 walks in frames 120-154 of each 640-frame loop.
        assertEquals(155, DoorFootage.walkEndFrame(0));
        assertEquals(35, RoundReport.walkFramesIn(0, captured(100), captured(300)));
        assertEquals(5, RoundReport.walkFramesIn(0, captured(150), captured(200)));
        assertEquals(0, RoundReport.walkFramesIn(0, captured(155), captured(700)));
        assertEquals(10, RoundReport.walkFramesIn(0, captured(640 + 100), captured(640 + 130)));
        // Door 1 walks 40 frames later: none of its walk in the first window.
        assertEquals(0, RoundReport.walkFramesIn(1, captured(100), captured(160)));
    }
}
