package org.gatewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatewatch.analysis.faces.Match;
import org.gatewatch.cli.FaceEvaluation.ProbeResult;
import org.gatewatch.cli.FaceEvaluation.Rates;
import org.junit.jupiter.api.Test;

class FaceEvaluationTest {

    private static ProbeResult enrolled(String truth, String best, double score) {
        return new ProbeResult(Path.of("x.jpg"), 0, truth, true, Optional.of(new Match(best, score)));
    }

    private static ProbeResult stranger(double score) {
        return new ProbeResult(Path.of("s.jpg"), 0, "_unknown", false, Optional.of(new Match("ann", score)));
    }

    @Test
    void ratesCountRecognisedWrongPersonAndFalseAcceptsAtAThreshold() {
        List<ProbeResult> r = List.of(enrolled("ann", "ann", 0.9), enrolled("ann", "bob", 0.7),
                enrolled("bob", "bob", 0.5), new ProbeResult(Path.of("n.jpg"), -1, "bob", true, Optional.empty()),
                stranger(0.65), stranger(0.3), new ProbeResult(Path.of("u.jpg"), 0, null, false, Optional.empty()));
        Rates at6 = FaceEvaluation.rates(r, 0.6);
        assertEquals(4, at6.enrolledProbes(), "an enrolled probe without a face still counts, as not recognised");
        assertEquals(1, at6.recognized());
        assertEquals(1, at6.wrongPerson());
        assertEquals(2, at6.impostorFaces(), "unlabelled probes are left out");
        assertEquals(1, at6.falseAccepts());
    }

    @Test
    void theOnePercentThresholdIsTheLowestWithNoMoreThanOnePercentFalseAccepts() {
        List<ProbeResult> r = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            r.add(stranger(i < 2 ? 0.55 : 0.2)); // two of 200 strangers (1 %) score 0.55
        }
        r.add(stranger(0.7)); // at 0.55 three of 201 strangers (1.5 %) pass, from 0.56 only this one (0.5 %)
        r.add(enrolled("ann", "ann", 0.8));
        Rates t = FaceEvaluation.thresholdFor(r, 0.01).orElseThrow();
        assertEquals(0.56, t.threshold(), 1e-9);
        assertEquals(1, t.falseAccepts());
        assertEquals(1, t.recognized());
    }
}
