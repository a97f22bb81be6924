package org.gatewatch.bench;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Incremental parser for one MJPEG stream response: status line, response headers, then the multipart parts. It
 * accepts the bytes in whatever pieces the socket delivers, and skips each JPEG body by moving the buffer position:
 * at 3,000 viewers the bodies are gigabytes per second, and the client must not spend the shared cores copying them.
 */
final class PartParser {

    /** Called on the thread that calls {@link #feed}. */
    interface Listener {

        /** The response's status code. For anything but 200 the parser ignores the rest of the response. */
        void onStatus(int status);

        /** The last body byte of a part was consumed; -1 for a header the part did not carry. */
        void onPart(long frame, long timestampMillis);
    }

    private static final int MAX_LINE_BYTES = 1024;
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] X_TIMESTAMP = ascii("x-timestamp");
    private static final byte[] X_FRAME = ascii("x-frame");

    private enum State { STATUS_LINE, RESPONSE_HEADERS, DELIMITER, PART_HEADERS, PART_BODY, FINISHED }

    private final Listener listener;
    private final LineBuffer line = new LineBuffer(MAX_LINE_BYTES);
    private final ChunkedDecoder.Sink bodySink = this::parseBody;
    private State state = State.STATUS_LINE;
    private String contentType;
    private boolean chunked;
    private ChunkedDecoder chunkedDecoder;
    private byte[] delimiter;
    private byte[] closeDelimiter;
    private boolean sawPart;
    private long partLength;
    private long partFrame;
    private long partTimestamp;
    private long bodyRemaining;

    PartParser(Listener listener) {
        this.listener = listener;
    }

    /** Consumes every remaining byte of {@code in}. */
    void feed(ByteBuffer in) throws ProtocolException {
        while (in.hasRemaining() && (state == State.STATUS_LINE || state == State.RESPONSE_HEADERS)) {
            parseHeadLine(in);
        }
        if (!in.hasRemaining()) {
            return;
        }
        if (chunkedDecoder != null) {
            chunkedDecoder.feed(in, bodySink);
        } else {
            parseBody(in);
        }
    }

    /** True once the response was not 200 or the stream's closing delimiter arrived. */
    boolean finished() {
        return state == State.FINISHED;
    }

    private void parseHeadLine(ByteBuffer in) throws ProtocolException {
        if (!line.fill(in)) {
            return;
        }
        if (state == State.STATUS_LINE) {
            int status = statusCode(line.text());
            state = status == 200 ? State.RESPONSE_HEADERS : State.FINISHED;
            listener.onStatus(status);
        } else if (line.isEmpty()) {
            startBody();
        } else {
            String header = line.text();
            int colon = header.indexOf(':');
            if (colon > 0) {
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                if (name.equals("content-type")) {
                    contentType = value;
                } else if (name.equals("transfer-encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                }
            }
        }
    }

    private void startBody() throws ProtocolException {
        String boundary = boundaryOf(contentType);
        delimiter = ascii("--" + boundary);
        closeDelimiter = ascii("--" + boundary + "--");
        chunkedDecoder = chunked ? new ChunkedDecoder() : null;
        state = State.DELIMITER;
    }

    private void parseBody(ByteBuffer in) throws ProtocolException {
        while (in.hasRemaining()) {
            switch (state) {
                case DELIMITER -> parseDelimiterLine(in);
                case PART_HEADERS -> parsePartHeaderLine(in);
                case PART_BODY -> skipBody(in);
                default -> in.position(in.limit());
            }
        }
    }

    private void parseDelimiterLine(ByteBuffer in) throws ProtocolException {
        if (!line.fill(in) || line.isEmpty()) {
            // An empty line is the CR LF that ends the previous body.
            return;
        }
        if (line.isToken(delimiter)) {
            partLength = -1;
            partFrame = -1;
            partTimestamp = -1;
            state = State.PART_HEADERS;
        } else if (line.isToken(closeDelimiter)) {
            state = State.FINISHED;
        } else if (sawPart) {
            // Catches a Content-Length that does not match the body actually sent.
            throw new ProtocolException("expected " + new String(delimiter, StandardCharsets.US_ASCII)
                    + " after a part, got: " + line.preview());
        }
        // Text before the first delimiter is a multipart preamble, which RFC 2046 allows.
    }

    private void parsePartHeaderLine(ByteBuffer in) throws ProtocolException {
        if (!line.fill(in)) {
            return;
        }
        if (line.isEmpty()) {
            if (partLength < 0) {
                throw new ProtocolException("part without Content-Length (frame " + partFrame + ")");
            }
            bodyRemaining = partLength;
            state = State.PART_BODY;
            if (bodyRemaining == 0) {
                finishPart();
            }
        } else if (line.isHeader(CONTENT_LENGTH)) {
            partLength = line.headerNumber();
        } else if (line.isHeader(X_TIMESTAMP)) {
            partTimestamp = line.headerNumber();
        } else if (line.isHeader(X_FRAME)) {
            partFrame = line.headerNumber();
        }
    }

    private void skipBody(ByteBuffer in) {
        int n = (int) Math.min(bodyRemaining, in.remaining());
        in.position(in.position() + n);
        bodyRemaining -= n;
        if (bodyRemaining == 0) {
            finishPart();
        }
    }

    private void finishPart() {
        sawPart = true;
        state = State.DELIMITER;
        listener.onPart(partFrame, partTimestamp);
    }

    private static int statusCode(String statusLine) throws ProtocolException {
        String[] fields = statusLine.split(" ", 3);
        if (fields.length < 2 || !fields[0].startsWith("HTTP/")) {
            throw new ProtocolException("not an HTTP status line: " + statusLine);
        }
        try {
            return Integer.parseInt(fields[1]);
        } catch (NumberFormatException e) {
            throw new ProtocolException("not an HTTP status line: " + statusLine);
        }
    }

    private static String boundaryOf(String contentType) throws ProtocolException {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new ProtocolException("not a multipart response, Content-Type: " + contentType);
        }
        for (String param : contentType.split(";")) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String boundary = param.substring(eq + 1).trim();
                if (boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
                    boundary = boundary.substring(1, boundary.length() - 1);
                }
                if (!boundary.isEmpty()) {
                    return boundary;
                }
            }
        }
        throw new ProtocolException("no boundary in Content-Type: " + contentType);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
