package org.gatewatch.people;

import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageReader;

/**
 * The format and size an image declares in its header (JPEG's SOF, PNG's IHDR), read without decoding a pixel, and
 * the size GateWatch agrees to decode: a 50-byte PNG may claim 20,000 × 20,000 pixels and ask for 1.2 GB of heap.
 */
public record ImageHeader(String format, int width, int height, int bitsPerPixel) {

    /** Above this the decoded image (3 bytes a pixel, twice: ImageIO and OpenCV) would take too much memory. */
    public static final long MAX_PIXELS = 40_000_000L;
    /** No camera or phone takes a wider photo; a side beyond it is a crafted header. */
    public static final int MAX_SIDE = 10_000;
    /**
     * What ImageIO may allocate for the decoded pixels: 40 megapixels of 8-bit RGBA. A 16-bit RGBA PNG (8 bytes a
     * pixel) compresses to little when flat, so its limit in pixels is lower.
     */
    public static final long MAX_DECODED_BYTES = MAX_PIXELS * 4;
    /** ImageIO decodes a JPEG to 8-bit BGR or grey (CMYK it refuses). */
    static final int JPEG_BITS_PER_PIXEL = 24;

    /**
     * Reads the header through {@code reader}, whose input is set to {@code bytes}: {@link ImageReader#getWidth}
     * and {@link ImageReader#getHeight} parse the header only. (Not {@code getRawImageType}: for a PNG it reads
     * every chunk before the pixels and inflates the compressed text ones, which is what we guard against.)
     *
     * @throws InvalidInputException (field "image") when the image is larger than {@link #MAX_PIXELS},
     *                               {@link #MAX_SIDE} or {@link #MAX_DECODED_BYTES}
     * @throws IOException           when there is no readable header
     */
    public static ImageHeader read(ImageReader reader, byte[] bytes) throws IOException {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        ImageHeader header = new ImageHeader(format, reader.getWidth(0), reader.getHeight(0),
                format.equals("png") ? pngBitsPerPixel(bytes) : JPEG_BITS_PER_PIXEL);
        header.checkSize();
        return header;
    }

    /**
     * Bits a decoded pixel takes, from the IHDR that the reader has just checked (signature, then the IHDR chunk:
     * width at 16, height at 20, bit depth at 24, colour type at 25). A palette image decodes to a byte a pixel.
     */
    static int pngBitsPerPixel(byte[] png) {
        int depth = png[24] & 0xFF;
        return switch (png[25]) {
            case 0 -> depth;         // grey
            case 2 -> depth * 3;     // RGB
            case 4 -> depth * 2;     // grey and alpha
            case 6 -> depth * 4;     // RGB and alpha
            default -> 8;            // palette
        };
    }

    public long pixels() {
        return (long) width * height;
    }

    /** The heap the decoded pixels take, at whole bytes a pixel. */
    public long decodedBytes() {
        return pixels() * ((bitsPerPixel + 7) / 8);
    }

    private void checkSize() {
        if (width <= 0 || height <= 0) {
            throw new InvalidInputException("image", "the image header declares no size");
        }
        if (width > MAX_SIDE || height > MAX_SIDE || pixels() > MAX_PIXELS) {
            throw new InvalidInputException("image", "the image is " + width + " x " + height + " pixels: at most "
                    + MAX_SIDE + " a side and " + MAX_PIXELS / 1_000_000 + " megapixels");
        }
        if (decodedBytes() > MAX_DECODED_BYTES) {
            throw new InvalidInputException("image", "the image is " + width + " x " + height + " pixels of "
                    + bitsPerPixel + " bits: at most " + MAX_DECODED_BYTES / 1_000_000 + " MB decoded");
        }
    }
}
