package org.gatewatch.bench;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One protocol line gathered across reads. Only header lines are copied here (about a hundred bytes per part), which
 * is what lets every connection read into one shared buffer: no unparsed bytes ever have to outlive a read.
 */
final class LineBuffer {

    private final byte[] bytes;
    private int length;
    private boolean complete;

    LineBuffer(int maxLength) {
        bytes = new byte[maxLength];
    }

    /** Takes bytes up to and including the next LF; true once a whole line is held (without its CR LF). */
    boolean fill(ByteBuffer in) throws ProtocolException {
        if (complete) {
            length = 0;
            complete = false;
        }
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
                complete = true;
                return true;
            }
            if (length == bytes.length) {
                throw new ProtocolException("line longer than " + bytes.length + " bytes: " + preview());
            }
            bytes[length++] = b;
        }
        return false;
    }

    boolean isEmpty() {
        return length == 0;
    }

    /** True for exactly {@code token}, optionally followed by spaces or tabs (RFC 2046 transport padding). */
    boolean isToken(byte[] token) {
        if (length < token.length) {
            return false;
        }
        for (int i = 0; i < token.length; i++) {
            if (bytes[i] != token[i]) {
                return false;
            }
        }
        for (int i = token.length; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Case-insensitive header-name match; {@code lowerName} must be lower-case ASCII. */
    boolean isHeader(byte[] lowerName) {
        if (length <= lowerName.length || bytes[lowerName.length] != ':') {
            return false;
        }
        for (int i = 0; i < lowerName.length; i++) {
            byte b = bytes[i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    /** The value of a header line as a non-negative decimal number, parsed without creating a String. */
    long headerNumber() throws ProtocolException {
        int i = indexOf((byte) ':') + 1;
        while (i < length && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        int digitsStart = i;
        long value = 0;
        while (i < length && bytes[i] >= '0' && bytes[i] <= '9' && i - digitsStart < 18) {
            value = value * 10 + (bytes[i] - '0');
            i++;
        }
        boolean rest = i == digitsStart;
        for (; i < length && !rest; i++) {
            rest = bytes[i] != ' ' && bytes[i] != '\t';
        }
        if (rest) {
            throw new ProtocolException("not a number in header: " + preview());
        }
        return value;
    }

    String text() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    String preview() {
        String text = text();
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private int indexOf(byte b) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
