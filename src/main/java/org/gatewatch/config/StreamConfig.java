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
 */
public record StreamConfig(int maxViewers, int fanoutThreads, int bufferBytes, int stallSeconds,
                           int maxViewersPerAddress) {

    public static final StreamConfig DEFAULTS = new StreamConfig(4000, 2, 131_072, 30, 50);

    /** With the default per-address limit. */
    public StreamConfig(int maxViewers, int fanoutThreads, int bufferBytes, int stallSeconds) {
        this(maxViewers, fanoutThreads, bufferBytes, stallSeconds, 50);
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
    }
}
