package org.gatewatch.config;

/**
 * How frames reach viewers.
 *
 * @param maxViewers        viewers across all cameras; the next one gets 429 instead of a silent stall
 * @param fanoutThreads     threads that hand each new frame to the viewers (viewers are split among them)
 * @param bufferBytes       response buffer per viewer: one whole JPEG part fits, so a frame is one socket write
 * @param stallSeconds      a viewer whose socket took nothing for this long is dropped
 * @param maxViewersPerAddress streams (and snapshots waiting for an idle camera) one client address may hold at
 *                          once; behind a proxy the address is the client's, through Tomcat's RemoteIpValve
 * @param tokenSecret       HMAC key of the signed stream links; empty: a random key kept in the data directory
 */
public record StreamConfig(int maxViewers, int fanoutThreads, int bufferBytes, int stallSeconds,
                           int maxViewersPerAddress, String tokenSecret) {

    /** A configured key shorter than this is refused: it is the only thing that keeps a link from being forged. */
    public static final int MIN_TOKEN_SECRET_LENGTH = 32;

    public static final StreamConfig DEFAULTS = new StreamConfig(4000, 2, 131_072, 30, 50, "");

    /** With the default per-address limit and a generated link key. */
    public StreamConfig(int maxViewers, int fanoutThreads, int bufferBytes, int stallSeconds) {
        this(maxViewers, fanoutThreads, bufferBytes, stallSeconds, 50, "");
    }

    public StreamConfig {
        if (maxViewers < 1 || maxViewers > 100_000) {
            throw ConfigException.invalid("stream.maxViewers", String.valueOf(maxViewers), "1 to 100000");
        }
        if (fanoutThreads < 1 || fanoutThreads > 64) {
            throw ConfigException.invalid("stream.fanoutThreads", String.valueOf(fanoutThreads), "1 to 64");
        }
        if (bufferBytes < 8192 || bufferBytes > 8 * 1024 * 1024) {
            throw ConfigException.invalid("stream.bufferBytes", String.valueOf(bufferBytes), "8192 to 8388608");
        }
        if (stallSeconds < 1 || stallSeconds > 3600) {
            throw ConfigException.invalid("stream.stallSeconds", String.valueOf(stallSeconds), "1 to 3600");
        }
        if (maxViewersPerAddress < 1 || maxViewersPerAddress > 100_000) {
            throw ConfigException.invalid("stream.maxViewersPerAddress", String.valueOf(maxViewersPerAddress),
                    "1 to 100000");
        }
        tokenSecret = tokenSecret == null ? "" : tokenSecret;
        if (!tokenSecret.isEmpty() && tokenSecret.length() < MIN_TOKEN_SECRET_LENGTH) {
            throw ConfigException.invalid("stream.tokenSecret", "(hidden)",
                    "empty (a generated key) or at least " + MIN_TOKEN_SECRET_LENGTH + " characters");
        }
    }

    /** As a record prints itself, with the link key masked. */
    @Override
    public String toString() {
        return "StreamConfig[maxViewers=" + maxViewers + ", fanoutThreads=" + fanoutThreads + ", bufferBytes="
                + bufferBytes + ", stallSeconds=" + stallSeconds + ", maxViewersPerAddress=" + maxViewersPerAddress
                + ", tokenSecret=" + Secrets.hidden(tokenSecret) + "]";
    }
}
