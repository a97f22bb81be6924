package org.gatewatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartParserTest {

    private static final String STREAM_HEAD = "HTTP/1.1 200 \r\n"
            + "Content-Type: multipart/x-mixed-replace; boundary=frame\r\n"
            + "Connection: close\r\n"
            + "\r\n";

    /** What the listener saw: "status N" and "frame F @ T" entries in order. */
    private static final class Recorder implements PartParser.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onStatus(int status) {
            events.add("status " + status);
        }

        @Override
        public void onPart(long frame, long timestampMillis) {
            events.add("frame " + frame + " @ " + timestampMillis);
        }
    }

    @Test
    void reportsEveryPartWhateverTheReadBoundaries() throws Exception {
        byte[] stream = stream(STREAM_HEAD, part(7, 1_700_000_000_123L, 5000), part(8, 1_700_000_000_223L, 1),
                part(9, 1_700_000_000_323L, 70_000));
        List<String> expected = List.of("status 200", "frame 7 @ 1700000000123", "frame 8 @ 1700000000223",
                "frame 9 @ 1700000000323");

        // Every single split point covers headers cut mid-name, mid-number, between CR and LF, and bodies cut anywhere.
        for (int cut = 0; cut <= stream.length; cut += cut < 400 ? 1 : 97) {
            assertEquals(expected, parseInPieces(stream, cut, stream.length - cut), "split at " + cut);
        }
        assertEquals(expected, parseInPieces(stream, oneByteReads(stream.length)));
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            assertEquals(expected, parseInPieces(stream, randomReads(random, stream.length)), "run " + run);
        }
    }

    @Test
    void bodyThatContainsTheBoundaryIsSkippedByLength() throws Exception {
        byte[] body = "\r\n--frame\r\nContent-Length: 1\r\n\r\nx".getBytes(StandardCharsets.US_ASCII);
        byte[] stream = stream(STREAM_HEAD, partWithBody(1, 100, body), part(2, 200, 10));

        assertEquals(List.of("status 200", "frame 1 @ 100", "frame 2 @ 200"), parseInPieces(stream, 3, 11, 1000));
    }

    @Test
    void rejectionIsReportedAndItsBodyIgnored() throws Exception {
        byte[] response = ("HTTP/1.1 429 \r\nContent-Type: text/plain\r\nContent-Length: 28\r\n\r\n"
                + "too many viewers (limit 2000)").getBytes(StandardCharsets.US_ASCII);
        Recorder recorder = new Recorder();
        PartParser parser = new PartParser(recorder);

        feed(parser, response, 10, response.length - 10);

        assertEquals(List.of("status 429"), recorder.events);
        assertTrue(parser.finished());
    }

    @Test
    void chunkedStreamIsDecoded() throws Exception {
        byte[] parts = stream("", part(1, 10, 3000), part(2, 20, 17));
        String head = "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace;boundary=\"frame\"\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n";
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        chunked.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        for (int start = 0; start < parts.length; start += 1000) {
            int n = Math.min(1000, parts.length - start);
            chunked.writeBytes((Integer.toHexString(n) + ";ext=1\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(parts, start, n);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] stream = chunked.toByteArray();

        List<String> expected = List.of("status 200", "frame 1 @ 10", "frame 2 @ 20");
        Random random = new Random(7);
        for (int run = 0; run < 100; run++) {
            assertEquals(expected, parseInPieces(stream, randomReads(random, stream.length)), "run " + run);
        }
    }

    @Test
    void closingDelimiterFinishesTheStream() throws Exception {
        byte[] stream = stream(STREAM_HEAD, part(1, 10, 5), "--frame--\r\n".getBytes(StandardCharsets.US_ASCII));
        Recorder recorder = new Recorder();
        PartParser parser = new PartParser(recorder);

        feed(parser, stream, stream.length);

        assertEquals(List.of("status 200", "frame 1 @ 10"), recorder.events);
        assertTrue(parser.finished());
    }

    @Test
    void partWithoutOptionalHeadersReportsMinusOne() throws Exception {
        byte[] stream = stream(STREAM_HEAD,
                "--frame\r\nContent-Type: image/jpeg\r\ncontent-length: 4\r\n\r\nabcd\r\n"
                        .getBytes(StandardCharsets.US_ASCII));

        assertEquals(List.of("status 200", "frame -1 @ -1"), parseInPieces(stream, stream.length));
    }

    @Test
    void wrongContentLengthIsAProtocolError() {
        byte[] stream = stream(STREAM_HEAD, "--frame\r\nContent-Length: 3\r\nX-Frame: 1\r\n\r\nabcdef\r\n"
                .getBytes(StandardCharsets.US_ASCII), part(2, 20, 5));

        assertThrows(ProtocolException.class, () -> parseInPieces(stream, stream.length));
    }

    @Test
    void partWithoutContentLengthIsAProtocolError() {
        byte[] stream = stream(STREAM_HEAD, "--frame\r\nX-Frame: 1\r\n\r\nabc\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThrows(ProtocolException.class, () -> parseInPieces(stream, stream.length));
    }

    @Test
    void nonMultipartResponseIsAProtocolError() {
        byte[] stream = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>".getBytes(StandardCharsets.US_ASCII);

        assertThrows(ProtocolException.class, () -> parseInPieces(stream, stream.length));
    }

    @Test
    void unfinishedPartIsNotReported() throws Exception {
        byte[] stream = stream(STREAM_HEAD, part(1, 10, 100));
        Recorder recorder = new Recorder();
        PartParser parser = new PartParser(recorder);

        feed(parser, stream, stream.length - 3);

        assertEquals(List.of("status 200"), recorder.events);
        assertFalse(parser.finished());
    }

    private static List<String> parseInPieces(byte[] stream, int... pieces) throws ProtocolException {
        Recorder recorder = new Recorder();
        feed(new PartParser(recorder), stream, pieces);
        return recorder.events;
    }

    /** Feeds the pieces through one reused buffer, the way the pool's shared read buffer is used. */
    private static void feed(PartParser parser, byte[] stream, int... pieces) throws ProtocolException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(stream.length);
        int offset = 0;
        for (int piece : pieces) {
            int n = Math.min(piece, stream.length - offset);
            buffer.clear();
            buffer.put(stream, offset, n).flip();
            parser.feed(buffer);
            assertEquals(0, buffer.remaining(), "the parser must consume each read completely");
            offset += n;
        }
    }

    private static int[] oneByteReads(int length) {
        int[] pieces = new int[length];
        java.util.Arrays.fill(pieces, 1);
        return pieces;
    }

    private static int[] randomReads(Random random, int length) {
        List<Integer> pieces = new ArrayList<>();
        for (int left = length; left > 0; ) {
            int n = Math.min(left, 1 + random.nextInt(random.nextBoolean() ? 16 : 20_000));
            pieces.add(n);
            left -= n;
        }
        return pieces.stream().mapToInt(Integer::intValue).toArray();
    }

    private static byte[] part(long frame, long timestamp, int bodyLength) {
        byte[] body = new byte[bodyLength];
        new Random(frame).nextBytes(body);
        return partWithBody(frame, timestamp, body);
    }

    /** The server's part format (MjpegPart): delimiter, four headers, blank line, body, CR LF. */
    private static byte[] partWithBody(long frame, long timestamp, byte[] body) {
        String head = "--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + body.length + "\r\n"
                + "X-Timestamp: " + timestamp + "\r\nX-Frame: " + frame + "\r\n\r\n";
        return stream(head, body, "\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] stream(String head, byte[]... rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        for (byte[] bytes : rest) {
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
