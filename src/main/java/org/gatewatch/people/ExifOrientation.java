package org.gatewatch.people;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The EXIF orientation of a JPEG (how a phone held upright says its sensor was turned), applied to the pixels, so a
 * face image keeps its way up once re-encoded without its EXIF. ImageIO's JPEG reader ignores the tag; OpenCV's
 * decoder applies it, so the stored image and its embedding see the same face.
 */
final class ExifOrientation {

    static final int NORMAL = 1;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

    private ExifOrientation() {
    }

    /** The orientation (1-8) in the first APP1 Exif segment of a JPEG; {@link #NORMAL} when absent or malformed. */
    static int of(byte[] jpeg) {
        ByteBuffer b = ByteBuffer.wrap(jpeg);
        if (b.remaining() < 4 || b.getShort() != (short) 0xFFD8) {
            return NORMAL;
        }
        // Segments until the scan starts: marker (FF xx) and a length that counts itself.
        while (b.remaining() >= 4 && b.get() == (byte) 0xFF) {
            int marker = b.get() & 0xFF;
            int length = b.getShort() & 0xFFFF;
            if (marker == 0xDA || length < 2 || length - 2 > b.remaining()) {
                return NORMAL;
            }
            ByteBuffer segment = b.slice(b.position(), length - 2);
            if (marker == 0xE1 && startsWith(segment, EXIF)) {
                return orientation(segment.slice(EXIF.length, segment.remaining() - EXIF.length));
            }
            b.position(b.position() + length - 2);
        }
        return NORMAL;
    }

    /** IFD0 of the TIFF structure inside the Exif segment: its entry for the orientation tag, if any. */
    private static int orientation(ByteBuffer tiff) {
        try {
            tiff.order(tiff.getShort(0) == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            int ifd = tiff.getInt(4);
            int entries = tiff.getShort(ifd) & 0xFFFF;
            for (int i = 0; i < entries; i++) {
                int entry = ifd + 2 + 12 * i;
                if ((tiff.getShort(entry) & 0xFFFF) == ORIENTATION_TAG) {
                    int value = tiff.getShort(entry + 8) & 0xFFFF;
                    return value >= 1 && value <= 8 ? value : NORMAL;
                }
            }
        } catch (IndexOutOfBoundsException e) {
            // An offset past the segment: a malformed Exif block says nothing about orientation.
            return NORMAL;
        }
        return NORMAL;
    }

    /** {@code image} turned the way {@code orientation} says it is viewed; the image itself when 1. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= NORMAL || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        // Pixel (x, y) of the stored image goes to (x', y') of the upright one, per the TIFF 6.0 orientation values.
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            default -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
        boolean turned = orientation >= 5;
        int type = image.getType() == BufferedImage.TYPE_BYTE_GRAY ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_3BYTE_BGR;
        BufferedImage upright = new BufferedImage(turned ? h : w, turned ? w : h, type);
        Graphics2D g = upright.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return upright;
    }

    private static boolean startsWith(ByteBuffer b, byte[] prefix) {
        if (b.remaining() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b.get(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
