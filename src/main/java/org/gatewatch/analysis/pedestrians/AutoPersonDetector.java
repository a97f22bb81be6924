package org.gatewatch.analysis.pedestrians;

import java.util.ArrayList;
import java.util.List;
import org.gatewatch.config.HogConfig;
import org.opencv.core.Mat;

/**
 * {@code people.detector = auto}: SSD for close and medium range, HOG for small distant people. Per region:
 * <ul>
 *   <li>a region where people of {@link #SMALL_PERSON} px or more are expected (a close person's track or moving
 *       blob: the analyzer merges those apart from the smaller ones), or one without an expected size (a look at the
 *       whole frame), is shown to SSD whole, in one view;</li>
 *   <li>a region whose expected person is under {@link #SMALL_PERSON} px goes to HOG instead, limited to people of at
 *       most {@link #HOG_MAX_PERSON} px: there SSD would need several enlarged views (30-70 ms each here) where HOG,
 *       made for upright people of that size, scans the region in a few ms;</li>
 *   <li>but when small moving blobs cover most of the picture ({@link #MOST_OF_FRAME}: a close-up where everything
 *       moves a little, a change of light), SSD looks at it whole instead: HOG over a whole enlarged frame costs
 *       hundreds of ms and finds body parts of anyone close.</li>
 * </ul>
 * A HOG box lying mostly inside an SSD box of the same frame is a part of a close person (hair, an ear, an arm) and
 * is dropped; HOG's SVM margins are mapped below SSD's lowest kept score, so SSD's box wins any other overlap.
 */
public final class AutoPersonDetector implements PedestrianDetector {

    /** HOG's range: its window holds a 96 px person, enlarged up to 2× for 48 px ones (HogConfig's defaults). */
    static final double SMALL_PERSON = 120;
    static final double HOG_MAX_PERSON = 2 * SMALL_PERSON;
    /**
     * An SSD box under half the height of the person expected in its region is not that person: a bag, a head, a
     * figure far behind (blobs and tracks are at most a little taller than their person).
     */
    static final double PART_OF_EXPECTED = 0.5;
    /** A region this share of the frame or more is "everything moved". */
    static final double MOST_OF_FRAME = 0.6;
    /** A HOG box with more than this share of its area inside an SSD box is a body part of that person. */
    static final double INSIDE_SSD = 0.5;

    private final SsdPersonDetector ssd;
    private final HogPedestrianDetector hog;

    public AutoPersonDetector(SsdPersonDetector ssd, HogConfig hogConfig) {
        this.ssd = ssd;
        this.hog = new HogPedestrianDetector(limited(hogConfig));
    }

    @Override
    public List<Detection> detect(Mat frame) {
        return detect(frame, List.of(SearchRegion.whole(frame.cols(), frame.rows())));
    }

    @Override
    public List<Detection> detect(Mat frame, List<SearchRegion> regions) {
        List<SearchRegion> forHog = new ArrayList<>();
        List<Detection> found = new ArrayList<>();
        long frameArea = (long) frame.cols() * frame.rows();
        for (SearchRegion r : regions) {
            if (usesHog(r, frameArea)) {
                forHog.add(r);
                continue;
            }
            // Whole, in one view; nobody much shorter than the region's expected person (a bag, a head).
            for (Detection d : ssd.detect(frame, List.of(new SearchRegion(r.x(), r.y(), r.width(), r.height(), 0)))) {
                if (d.height() >= PART_OF_EXPECTED * r.pedestrianHeight()) {
                    found.add(d);
                }
            }
        }
        int fromSsd = found.size();
        for (Detection h : forHog.isEmpty() ? List.<Detection>of() : hog.detect(frame, forHog)) {
            if (!insideAny(h, found.subList(0, fromSsd))) {
                found.add(new Detection(h.x(), h.y(), h.width(), h.height(), hogScore(h.score())));
            }
        }
        return found;
    }

    /** Whether SSD looks at this region: anywhere HOG does not. */
    static boolean usesSsd(SearchRegion r, long frameArea) {
        return !usesHog(r, frameArea);
    }

    /** Whether HOG looks instead: the people expected here are small, and the region is not most of the frame. */
    static boolean usesHog(SearchRegion r, long frameArea) {
        return r.pedestrianHeight() > 0 && r.pedestrianHeight() < SMALL_PERSON && r.area() < MOST_OF_FRAME * frameArea;
    }

    /** The camera's HOG settings, with the tallest person at most {@link #HOG_MAX_PERSON} (never under the smallest). */
    static HogConfig limited(HogConfig c) {
        double max = c.maxPersonHeight() == 0 ? HOG_MAX_PERSON : Math.min(c.maxPersonHeight(), HOG_MAX_PERSON);
        return new HogConfig(c.minPersonHeight(), Math.max(c.minPersonHeight(), max), c.scale(), c.stride(),
                c.hitThreshold(), c.groupThreshold());
    }

    /** An SVM margin (about 0-3) mapped into (0, SSD's lowest score), keeping its order. */
    static double hogScore(double margin) {
        return SsdPersonDetector.MIN_SCORE / (1 + Math.exp(-margin));
    }

    private static boolean insideAny(Detection d, List<Detection> boxes) {
        for (Detection b : boxes) {
            if (d.intersection(b) > INSIDE_SSD * d.area()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        ssd.close();
        hog.close();
    }
}
