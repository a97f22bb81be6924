package org.gatewatch.bench;

import java.util.Map;

/**
 * What the viewers of one round saw, taken on the pool's thread when the window closed.
 *
 * @param partsPerViewer parts received in the window by every viewer that was not rejected with 429; a viewer that
 *                       failed or got no frame counts with 0, so a server that silently starves viewers shows up
 * @param failures       failure and disconnect reasons with their counts
 */
public record RoundSnapshot(int viewers, int connected, int rejected, int failed, int disconnected,
                     long[] partsPerViewer, double windowSeconds, Histogram staleness, Histogram firstFrame,
                     Map<String, Integer> failures) {
}
