package org.gatewatch.stream;

/**
 * One encoded frame, shared read-only by every viewer. {@code part} is the whole multipart part (headers, JPEG,
 * trailing CRLF) so that sending a frame to a viewer is a single write of bytes built once.
 *
 * @param seq           sequence number, increasing per camera
 * @param captureMillis when the frame was captured, epoch milliseconds
 * @param part          the bytes of the multipart part; never modified after construction
 * @param jpegOffset    where the JPEG starts inside {@code part}
 * @param jpegLength    the JPEG's length
 */
public record JpegFrame(long seq, long captureMillis, byte[] part, int jpegOffset, int jpegLength) {

    /** Builds the part around {@code jpeg} (one copy, once per frame). */
    public static JpegFrame of(long seq, long captureMillis, byte[] jpeg) {
        return MjpegPart.build(seq, captureMillis, jpeg);
    }

    /** A copy of the JPEG alone, for callers that need the image rather than the part. */
    public byte[] jpeg() {
        return java.util.Arrays.copyOfRange(part, jpegOffset, jpegOffset + jpegLength);
    }
}
