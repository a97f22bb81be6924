package org.gatewatch.bench.pedestrians;

import java.util.Locale;
import org.gatewatch.cli.AnalyzeCommand;

/**
 * One detector's figures for bench-people's closing table: vtest's scores and speed, the close-up set's scores, tracks
 * per person and time to report a person in view from the first frame, and false tracks on footage with nobody.
 * NaN where a part was skipped.
 */
record DetectorFigures(PedestrianScore vtest, double vtestMsPerFrame, double vtestCpuMsPerFrame,
                       CloseUpBenchmark.Result close, int emptyTracks, double emptyMinutes) {

    static final String HEADER = "detector | vtest P  R     | close P  R     | count MAE vtest/close | tracks/person "
            + "| still person reported | false tracks/min (empty) | vtest ms/frame (CPU)";

    static DetectorFigures vtest(PedestrianScore score, AnalyzeCommand.Summary s) {
        return new DetectorFigures(score, s.msPerFrame(), s.cpuMsPerFrame(), null, 0, 0);
    }

    DetectorFigures withCloseUps(CloseUpBenchmark.Result r) {
        return new DetectorFigures(vtest, vtestMsPerFrame, vtestCpuMsPerFrame, r, emptyTracks, emptyMinutes);
    }

    DetectorFigures withEmpty(int tracks, double minutes) {
        return new DetectorFigures(vtest, vtestMsPerFrame, vtestCpuMsPerFrame, close, emptyTracks + tracks,
                emptyMinutes + minutes);
    }

    String line(String detector) {
        String closeScores = close == null ? "   -      -  " : String.format(Locale.ROOT, "%.3f %.3f",
                close.score().precision(), close.score().recall());
        String closeMae = close == null ? "-" : String.format(Locale.ROOT, "%.2f", close.score().countMae());
        String perPerson = close == null ? "-" : String.format(Locale.ROOT, "%.2f", close.tracksPerPerson());
        String still = close == null ? "-" : close.worstFirstReport() < 0 ? "never"
                : String.format(Locale.ROOT, "≤ %.2f s", close.worstFirstReport());
        String empty = emptyMinutes == 0 ? "-" : String.format(Locale.ROOT, "%.1f (%d in %.1f min)",
                emptyTracks / emptyMinutes, emptyTracks, emptyMinutes);
        return String.format(Locale.ROOT, "%-8s | %.3f %.3f   | %s   | %.2f / %s           | %-13s | %-21s | %-24s "
                        + "| %.1f (%.1f)", detector, vtest.precision(), vtest.recall(), closeScores, vtest.countMae(),
                closeMae, perPerson, still, empty, vtestMsPerFrame, vtestCpuMsPerFrame);
    }
}
