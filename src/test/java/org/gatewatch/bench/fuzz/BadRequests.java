package org.gatewatch.bench.fuzz;

/**
 * The generator: case {@code index} of a run with {@code seed} is always the same request, so a failure found in a
 * run of a million can be sent again alone ({@code --case}). The weights keep the slow kinds (oversized bodies,
 * decoded images) rare enough for 10,000 requests to take well under a minute on two cores.
 */
public final class BadRequests {

    private final FuzzTarget target;
    private final long seed;

    public BadRequests(FuzzTarget target, long seed) {
        this.target = target;
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    public BadRequest make(long index) {
        Draw d = new Draw(target, seed, index);
        int pick = d.nextInt(1000);
        if (pick < 150) {
            return UploadCases.multipart(d);
        } else if (pick < 270) {
            return UploadCases.image(d);
        } else if (pick < 420) {
            return JsonCases.make(d);
        } else if (pick < 440) {
            return OversizeCases.make(d);
        } else if (pick < 600) {
            return PathCases.make(d);
        } else if (pick < 700) {
            return ProtocolCases.query(d);
        } else if (pick < 780) {
            return ProtocolCases.headers(d);
        } else if (pick < 850) {
            return ProtocolCases.method(d);
        } else if (pick < 880) {
            return ProtocolCases.range(d);
        } else if (pick < 950) {
            return ProtocolCases.contentLength(d);
        }
        return ProtocolCases.token(d);
    }
}
