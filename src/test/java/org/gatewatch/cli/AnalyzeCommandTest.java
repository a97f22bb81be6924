package org.gatewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line of {@code bin/gatewatch analyze}; runs on real footage are in PedestrianAnalysisIT. */
class AnalyzeCommandTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpExplainsTheCsvAndEveryKeyAndExitsZero() {
        assertEquals(0, AnalyzeCommand.run(new String[] {"--help"}, out));
        assertTrue(output().contains("frame,track,x,y,w,h,score"), output());
        assertTrue(output().contains("people.hog.minPersonHeight") && output().contains("people.countingLine"),
                output());
    }

    @Test
    void badUsageExitsTwoWithoutWritingCsv() {
        assertEquals(2, AnalyzeCommand.run(new String[] {}, out), "no video");
        assertEquals(2, AnalyzeCommand.run(new String[] {"a.avi", "b.avi"}, out), "two videos");
        assertEquals(2, AnalyzeCommand.run(new String[] {"a.avi", "--fast"}, out), "unknown option");
        assertEquals(2, AnalyzeCommand.run(new String[] {"a.avi", "--config"}, out), "option without value");
        assertEquals(2, AnalyzeCommand.run(new String[] {"a.avi", "--set", "novalue"}, out), "--set without =");
        // Bug pinned: --set of a key that is not people.* was accepted and silently ignored.
        assertEquals(2, AnalyzeCommand.run(new String[] {"a.avi", "--set", "stream.maxViewers=3"}, out),
                "--set of a key analyze does not read");
        assertEquals("", output());
    }

    @Test
    void aMissingVideoOrConfigurationFileExitsTwo() {
        assertEquals(2, AnalyzeCommand.run(new String[] {"/nonexistent/clip.avi"}, out));
        assertEquals(2, AnalyzeCommand.run(new String[] {"/nonexistent/clip.avi", "--config", "/nonexistent/x"},
                out));
        assertEquals("", output());
    }

    @Test
    void aCameraTheFileDoesNotListExitsTwo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        // Bug pinned: analyze --camera with a camera the file does not list ran on the shared keys alone, silently.
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("g.properties"),
                "cameras = door\ncamera.door.source = demo\n");
        assertEquals(2, AnalyzeCommand.run(new String[] {"a.avi", "--config", file.toString(), "--camera", "hall"},
                out));
        assertEquals("", output());
    }

    @Test
    void rowsAreTheVideosPixelsRounded() {
        var t = new org.gatewatch.analysis.track.Tracker.TrackedObject(7, new org.gatewatch.analysis.Box(10.4, 20.6, 30.5, 80),
                1.23456, true);
        assertEquals("42,7,10,21,31,80,1.235", AnalyzeCommand.row(42, t));
    }
}
