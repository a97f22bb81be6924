package org.gatewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FacesToolTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return FacesTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpExplainsTheFoldersAndExitsZero() {
        assertEquals(0, run("--help"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--gallery DIR") && text.contains("--probes DIR") && text.contains("--sweep"), text);
    }

    @Test
    void missingFoldersAreAUsageErrorWithExitTwo() {
        assertEquals(2, run("--gallery", "g"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--gallery and --probes are required"));
    }

    @Test
    void aFolderThatDoesNotExistIsNamedInTheError() {
        assertEquals(2, run("--gallery", "/nonexistent/gallery", "--probes", "/nonexistent/probes"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not a readable folder: /nonexistent/gallery"));
    }

    @Test
    void anUnknownOptionIsRefused() {
        assertEquals(2, run("--gallery", "g", "--probes", "p", "--frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option --frobnicate"));
    }
}
