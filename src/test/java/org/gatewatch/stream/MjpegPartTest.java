package org.gatewatch.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MjpegPartTest {

    @Test
    void partCarriesTheSeedFramingAndOurHeaders() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        JpegFrame frame = JpegFrame.of(42, 1_700_000_000_123L, jpeg);
        String head = new String(frame.part(), 0, frame.jpegOffset(), StandardCharsets.US_ASCII);
        assertEquals("--frame\r\n"
                + "Content-Type: image/jpeg\r\n"
                + "Content-Length: 7\r\n"
                + "X-Timestamp: 1700000000123\r\n"
                + "X-Frame: 42\r\n"
                + "\r\n", head);
        assertArrayEquals(jpeg, frame.jpeg());
        assertEquals(jpeg.length, frame.jpegLength());
        byte[] tail = Arrays.copyOfRange(frame.part(), frame.part().length - 2, frame.part().length);
        assertArrayEquals(new byte[] {'\r', '\n'}, tail, "each part ends with CRLF before the next boundary");
        assertEquals(frame.jpegOffset() + jpeg.length + 2, frame.part().length);
    }

    @Test
    void contentTypeNamesTheBoundaryThePartsUse() {
        assertEquals("multipart/x-mixed-replace; boundary=frame", MjpegPart.CONTENT_TYPE);
    }
}
