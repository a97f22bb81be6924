package org.gatewatch.analysis.pedestrians;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * {@code people.detector = auto}: SSD everywhere, and where nothing tells how tall the people are (a look at the whole
 * frame), a second pass over overlapping squares of the frame at higher resolution, so the small, distant people a
 * 300×300 view of a wide frame loses are found too. Regions that come with an expected person height are already
 * tiled for it by {@link SsdTiling}.
 */
public final class AutoPersonDetector implements PedestrianDetector {

    /**
     * The second pass's squares: sized for a person of this share of the frame's height. A wide frame whose people
     * are this small (vtest.avi: 30-90 px of 576) is out of the single view's reach; at a close-up door they are not.
     */
    static final double SMALL_PERSON_SHARE = 0.15;

    private final SsdPersonDetector ssd;

    public AutoPersonDetector(SsdPersonDetector ssd) {
        this.ssd = ssd;
    }

    @Override
    public List<Detection> detect(Mat frame) {
        return detect(frame, List.of(SearchRegion.whole(frame.cols(), frame.rows())));
    }

    @Override
    public List<Detection> detect(Mat frame, List<SearchRegion> regions) {
        List<SearchRegion> looks = new ArrayList<>(regions.size() + 1);
        for (SearchRegion r : regions) {
            looks.add(r);
            if (r.pedestrianHeight() == 0) {
                looks.add(new SearchRegion(r.x(), r.y(), r.width(), r.height(),
                        SMALL_PERSON_SHARE * frame.rows()));
            }
        }
        return ssd.detect(frame, looks);
    }

    @Override
    public void close() {
        ssd.close();
    }
}
