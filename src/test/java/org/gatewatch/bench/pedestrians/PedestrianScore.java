package org.gatewatch.bench.pedestrians;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.gatewatch.analysis.pedestrians.Detection;
import org.gatewatch.bench.pedestrians.PedestrianLabels.Person;

/**
 * Scores detections against labels, frame by frame, the PASCAL VOC way: a detection is a true positive when it
 * overlaps a still unmatched labelled person by IoU ≥ 0.5 (greedy, best overlap first). Detections that match an
 * {@code ignore} person instead count neither way, and ignored persons that nobody found are not misses.
 */
public record PedestrianScore(int frames, int truePositives, int falsePositives, int misses, int hardFound,
                          int hardTotal, double countMae) {

    /** PASCAL VOC's overlap criterion (Everingham et al. 2010). */
    public static final double MIN_IOU = 0.5;

    public double precision() {
        int found = truePositives + falsePositives;
        return found == 0 ? 0 : (double) truePositives / found;
    }

    public double recall() {
        int all = truePositives + misses;
        return all == 0 ? 0 : (double) truePositives / all;
    }

    /** Scores the labelled frames only; a labelled frame with no detections counts every person as missed. */
    public static PedestrianScore score(PedestrianLabels labels, Map<Long, List<Detection>> detections) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int hardFound = 0;
        int hardTotal = 0;
        double countError = 0;
        for (Map.Entry<Long, List<Person>> e : labels.frames().entrySet()) {
            List<Person> people = e.getValue();
            List<Detection> found = detections.getOrDefault(e.getKey(), List.of());
            boolean[] personTaken = new boolean[people.size()];
            boolean[] detectionTaken = new boolean[found.size()];
            boolean[] onIgnored = new boolean[found.size()];
            // Real persons first, so a detection between a real and an ignored person counts for the real one.
            for (boolean ignorePass : new boolean[] {false, true}) {
                List<int[]> pairs = new ArrayList<>();
                List<Double> ious = new ArrayList<>();
                for (int d = 0; d < found.size(); d++) {
                    for (int p = 0; p < people.size(); p++) {
                        double iou = found.get(d).iou(people.get(p).box());
                        if (people.get(p).ignore() == ignorePass && iou >= MIN_IOU) {
                            pairs.add(new int[] {d, p});
                            ious.add(iou);
                        }
                    }
                }
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < pairs.size(); i++) {
                    order.add(i);
                }
                order.sort(Comparator.comparingDouble((Integer i) -> ious.get(i)).reversed());
                for (int i : order) {
                    int d = pairs.get(i)[0];
                    int p = pairs.get(i)[1];
                    if (!detectionTaken[d] && !personTaken[p]) {
                        detectionTaken[d] = true;
                        personTaken[p] = true;
                        onIgnored[d] = ignorePass;
                    }
                }
            }
            int realPeople = 0;
            int counted = 0;
            for (int p = 0; p < people.size(); p++) {
                if (people.get(p).ignore()) {
                    hardTotal++;
                    hardFound += personTaken[p] ? 1 : 0;
                } else {
                    realPeople++;
                    if (personTaken[p]) {
                        tp++;
                    } else {
                        fn++;
                    }
                }
            }
            for (int d = 0; d < found.size(); d++) {
                fp += detectionTaken[d] ? 0 : 1;
                counted += onIgnored[d] ? 0 : 1; // the count a viewer would read: ignored persons aside
            }
            countError += Math.abs(counted - realPeople);
        }
        int n = labels.frames().size();
        return new PedestrianScore(n, tp, fp, fn, hardFound, hardTotal, n == 0 ? 0 : countError / n);
    }
}
