package org.gatewatch.pipeline;

import java.util.List;
import java.util.Locale;
import org.gatewatch.analysis.PedestrianAnalyzer;
import org.gatewatch.track.Box;
import org.gatewatch.track.Tracker.TrackedObject;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * The live pedestrian analysis of a camera: the same {@link PedestrianAnalyzer} as {@code bin/gatewatch analyze},
 * its result drawn as boxes with track ids, the counting line, in/out counts and the analysis rate.
 */
public final class PeopleAnalysis implements FrameAnalyzer {

    /** BGR. Amber: a person seen, no access decision yet (recognition adds green/red). */
    private static final Scalar PERSON = new Scalar(0, 191, 255);
    private static final Scalar LINE = new Scalar(255, 160, 0);
    private static final Scalar HUD_BG = new Scalar(20, 20, 20);
    private static final Scalar WHITE = new Scalar(255, 255, 255);

    private final PedestrianAnalyzer analyzer;
    private final double[] countingLine;
    private long windowStart = System.nanoTime();
    private int inWindow;
    private double fps;

    /** @param countingLine x1,y1,x2,y2 in frame pixels, or null */
    public PeopleAnalysis(PedestrianAnalyzer analyzer, double[] countingLine) {
        this.analyzer = analyzer;
        this.countingLine = countingLine == null ? null : countingLine.clone();
    }

    /** Invoked by the camera's analysis thread. */
    @Override
    public Overlay analyze(Mat frame, long captureMillis) {
        PedestrianAnalyzer.Result result = analyzer.analyze(frame);
        measureRate();
        List<TrackedObject> people = result.people();
        String hud = String.format(Locale.ROOT, "people %d  in %d  out %d  analysis %.1f fps",
                people.size(), result.in(), result.out(), fps);
        return target -> draw(target, people, hud);
    }

    private void measureRate() {
        inWindow++;
        long now = System.nanoTime();
        if (now - windowStart >= 2_000_000_000L) {
            fps = inWindow * 1e9 / (now - windowStart);
            windowStart = now;
            inWindow = 0;
        }
    }

    /** Invoked by the capture thread on each frame to be streamed. */
    private void draw(Mat frame, List<TrackedObject> people, String hud) {
        for (TrackedObject p : people) {
            Box b = p.box();
            Point topLeft = new Point(b.x(), b.y());
            Imgproc.rectangle(frame, topLeft, new Point(b.x() + b.width(), b.y() + b.height()), PERSON, 2);
            Imgproc.putText(frame, "#" + p.id(), new Point(b.x(), Math.max(12, b.y() - 4)),
                    Imgproc.FONT_HERSHEY_SIMPLEX, 0.45, PERSON, 1, Imgproc.LINE_AA);
        }
        if (countingLine != null) {
            Imgproc.line(frame, new Point(countingLine[0], countingLine[1]),
                    new Point(countingLine[2], countingLine[3]), LINE, 2);
        }
        Imgproc.rectangle(frame, new Point(0, 0), new Point(8 + hud.length() * 8.2, 22), HUD_BG, -1);
        Imgproc.putText(frame, hud, new Point(6, 16), Imgproc.FONT_HERSHEY_SIMPLEX, 0.45, WHITE, 1, Imgproc.LINE_AA);
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
