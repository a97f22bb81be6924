package org.gatewatch.stream;

import java.util.List;
import org.gatewatch.http.HttpError;

/**
 * The picture widths a stream or snapshot can be asked for ({@code ?width=N} or {@code ?size=small|medium|full}).
 * Every asked width is snapped up to one of a few fixed widths, so a client cannot make the server keep more than
 * that many encodes of a camera however many widths it tries.
 */
public final class StreamWidth {

    /** The full picture, as captured. */
    public static final int FULL = 0;
    /** The widths a downscaled picture can have, smallest first; a wider ask gets the full picture. */
    public static final List<Integer> WIDTHS = List.of(160, 320, 480, 640, 960, 1280);
    /** {@code ?size=small}: a phone's grid cell. */
    public static final int SMALL = 320;
    /** {@code ?size=medium}: a desktop's grid cell. */
    public static final int MEDIUM = 640;
    /** The largest {@code ?width=} accepted; anything wider than the largest fixed width means the full picture. */
    static final int MAX_ASK = 10_000;

    private StreamWidth() {
    }

    /** The fixed width for the request's parameters ({@link #FULL} when neither is given); 400 for a bad value. */
    public static int parse(String width, String size) {
        if (width != null && size != null) {
            throw new HttpError(400, "give width or size, not both", "width");
        }
        if (size != null) {
            return switch (size) {
                case "small" -> SMALL;
                case "medium" -> MEDIUM;
                case "full" -> FULL;
                default -> throw new HttpError(400, "size must be small, medium or full, not '" + size + "'", "size");
            };
        }
        if (width == null) {
            return FULL;
        }
        int asked;
        try {
            asked = Integer.parseInt(width);
        } catch (NumberFormatException e) {
            asked = -1;
        }
        if (asked < 1 || asked > MAX_ASK) {
            throw new HttpError(400, "width must be a whole number of pixels from 1 to " + MAX_ASK + ", not '"
                    + width + "'", "width");
        }
        return snap(asked);
    }

    /** The smallest fixed width at least {@code asked} wide, or {@link #FULL} above the largest. */
    public static int snap(int asked) {
        for (int w : WIDTHS) {
            if (w >= asked) {
                return w;
            }
        }
        return FULL;
    }
}
