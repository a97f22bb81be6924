package org.gatewatch.bench;

import java.net.ProtocolException;
import java.nio.ByteBuffer;

/**
 * Removes HTTP/1.1 chunked framing. The stream is meant to be sent with {@code Connection: close} and no chunking,
 * but Tomcat chunks when that header is missing, and the benchmark should still measure such a server.
 */
final class ChunkedDecoder {

    /** Receives chunk payload; must consume everything up to the buffer's limit. */
    interface Sink {
        void accept(ByteBuffer payload) throws ProtocolException;
    }

    private final LineBuffer line = new LineBuffer(256);
    private long chunkRemaining;
    private boolean expectChunkEnd;
    private boolean lastChunkSeen;

    void feed(ByteBuffer in, Sink sink) throws ProtocolException {
        while (in.hasRemaining()) {
            if (lastChunkSeen) {
                // Trailers after the last chunk carry nothing the benchmark uses.
                in.position(in.limit());
            } else if (chunkRemaining > 0) {
                int n = (int) Math.min(chunkRemaining, in.remaining());
                int limit = in.limit();
                in.limit(in.position() + n);
                sink.accept(in);
                in.position(in.limit()).limit(limit);
                chunkRemaining -= n;
                expectChunkEnd = chunkRemaining == 0;
            } else if (line.fill(in)) {
                if (expectChunkEnd) {
                    if (!line.isEmpty()) {
                        throw new ProtocolException("chunk not followed by CR LF: " + line.preview());
                    }
                    expectChunkEnd = false;
                } else {
                    chunkRemaining = chunkSize();
                    lastChunkSeen = chunkRemaining == 0;
                }
            }
        }
    }

    private long chunkSize() throws ProtocolException {
        String text = line.text();
        int end = text.indexOf(';');
        String hex = (end < 0 ? text : text.substring(0, end)).trim();
        try {
            long size = Long.parseLong(hex, 16);
            if (size < 0) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad chunk size line: " + line.preview());
        }
    }
}
