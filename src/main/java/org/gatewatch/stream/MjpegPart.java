package org.gatewatch.stream;

import java.nio.charset.StandardCharsets;

/**
 * The multipart/x-mixed-replace framing of the seed ({@code --frame}, then an image/jpeg part), with the part
 * headers this service adds: Content-Length, X-Timestamp (capture time) and X-Frame (sequence number).
 */
public final class MjpegPart {

    public static final String BOUNDARY = "frame";
    public static final String CONTENT_TYPE = "multipart/x-mixed-replace; boundary=" + BOUNDARY;

    private static final byte[] CRLF = {'\r', '\n'};

    private MjpegPart() {
    }

    static JpegFrame build(long seq, long captureMillis, byte[] jpeg) {
        byte[] head = ("--" + BOUNDARY + "\r\n"
                + "Content-Type: image/jpeg\r\n"
                + "Content-Length: " + jpeg.length + "\r\n"
                + "X-Timestamp: " + captureMillis + "\r\n"
                + "X-Frame: " + seq + "\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] part = new byte[head.length + jpeg.length + CRLF.length];
        System.arraycopy(head, 0, part, 0, head.length);
        System.arraycopy(jpeg, 0, part, head.length, jpeg.length);
        System.arraycopy(CRLF, 0, part, head.length + jpeg.length, CRLF.length);
        return new JpegFrame(seq, captureMillis, part, head.length, jpeg.length);
    }
}
