package org.gatewatch.people;

import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;

/**
 * The format and size an image declares in its header (JPEG's SOF, PNG's IHDR), read without decoding a pixel, and
 * the size GateWatch agrees to decode: a 200-byte file may claim 20,000 × 20,000 pixels and ask for 1.6 GB of heap.
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

    /**
     * Reads the header through {@code reader}, whose input is set; {@link ImageReader#getWidth} and
     * {@link ImageReader#getHeight} parse the header only.
     *
     * @throws InvalidInputException (field "image") when the image is larger than {@link #MAX_PIXELS} or
     *                               {@link #MAX_SIDE}
     * @throws IOException           when there is no readable header
     */
    public static ImageHeader read(ImageReader reader) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        // The raw type comes from the header too (PNG's bit depth and colour type, JPEG's components).
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        int bits = raw == null ? 32 : raw.getColorModel().getPixelSize();
        ImageHeader header = new ImageHeader(reader.getFormatName().toLowerCase(Locale.ROOT), width, height, bits);
        header.checkSize();
        return header;
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
