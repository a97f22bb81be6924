package org.gatewatch.people;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Images whose headers lie, are cut short, or carry the uploader's EXIF: for the checks on uploads. */
public final class CraftedImages {

    private CraftedImages() {
    }

    /** A PNG of a few dozen bytes whose IHDR declares {@code width} × {@code height} and that has no pixels. */
    public static byte[] pngClaiming(int width, int height) {
        return pngClaiming(width, height, 8);
    }

    /** As {@link #pngClaiming(int, int)}, RGB of {@code bitDepth} (8 or 16) bits a sample. */
    public static byte[] pngClaiming(int width, int height, int bitDepth) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(ihdr);
            d.writeInt(width);
            d.writeInt(height);
            d.write(new byte[] {(byte) bitDepth, 2, 0, 0, 0}); // RGB, deflate, no filter method, no interlace
            chunk(out, "IHDR", ihdr.toByteArray());
            chunk(out, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A real small JPEG whose SOF0 says {@code width} × {@code height}: the header lies, the data is 64 × 48. */
    public static byte[] jpegClaiming(int width, int height) {
        byte[] jpeg = image("jpg", 64, 48);
        int sof = segment(jpeg, 0xC0);
        // SOF0: FF C0, length (2), precision (1), height (2), width (2).
        jpeg[sof + 5] = (byte) (height >> 8);
        jpeg[sof + 6] = (byte) height;
        jpeg[sof + 7] = (byte) (width >> 8);
        jpeg[sof + 8] = (byte) width;
        return jpeg;
    }

    /** The first half of a real JPEG: its header is whole, its scan cut short. */
    public static byte[] truncatedJpeg() {
        byte[] jpeg = image("jpg", 320, 240);
        return Arrays.copyOf(jpeg, jpeg.length / 2);
    }

    /** A small image with detail, in "png" or "jpg". */
    public static byte[] image(String format, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, (x * 4 & 0xFF) << 16 | (y * 5 & 0xFF) << 8 | ((x + y) * 2 & 0xFF));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * {@code jpeg} with an APP1 Exif segment after its SOI, as a phone writes one: IFD0 with the orientation and a
     * GPS IFD with the position (52° 31' N).
     */
    public static byte[] withExif(byte[] jpeg, int orientation, boolean littleEndian) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        Tiff t = new Tiff(tiff, littleEndian);
        t.bytes(littleEndian ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        t.u16(42);
        t.u32(8); // IFD0 right after this header
        t.u16(2); // two entries
        t.entry(0x0112, 3, 1, orientation << (littleEndian ? 0 : 16)); // Orientation, SHORT
        t.entry(0x8825, 4, 1, 8 + 2 + 2 * 12 + 4); // GPSInfo IFD pointer, LONG
        t.u32(0); // no IFD1
        t.u16(2); // GPS IFD: two entries
        t.entry(0x0001, 2, 2, littleEndian ? 'N' : 'N' << 24); // GPSLatitudeRef "N"
        t.entry(0x0002, 5, 3, 8 + 2 + 2 * 12 + 4 + 2 + 2 * 12 + 4); // GPSLatitude, three RATIONALs after the IFD
        t.u32(0);
        for (int v : new int[] {52, 1, 31, 1, 0, 1}) {
            t.u32(v);
        }
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = tiff.toByteArray();
        int length = 2 + exif.length + body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length);
        out.writeBytes(exif);
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** Whether a JPEG has an APP1 segment that starts with "Exif". */
    public static boolean hasExif(byte[] jpeg) {
        for (int i = 2; i + 10 <= jpeg.length; ) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                return false;
            }
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xDA) {
                return false;
            }
            if (marker == 0xE1 && new String(jpeg, i + 4, 4, StandardCharsets.ISO_8859_1).equals("Exif")) {
                return true;
            }
            i += 2 + ((jpeg[i + 2] & 0xFF) << 8 | jpeg[i + 3] & 0xFF);
        }
        return false;
    }

    /** Offset of the first segment with {@code marker} (FF marker) before the scan. */
    static int segment(byte[] jpeg, int marker) {
        for (int i = 2; i + 4 <= jpeg.length; ) {
            if ((jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
            i += 2 + ((jpeg[i + 2] & 0xFF) << 8 | jpeg[i + 3] & 0xFF);
        }
        throw new IllegalArgumentException("no segment FF" + Integer.toHexString(marker));
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    /** Writes TIFF fields in one byte order. */
    private record Tiff(ByteArrayOutputStream out, boolean little) {
        void bytes(byte[] b) {
            out.writeBytes(b);
        }

        void u16(int v) {
            if (little) {
                out.write(v);
                out.write(v >> 8);
            } else {
                out.write(v >> 8);
                out.write(v);
            }
        }

        void u32(int v) {
            if (little) {
                u16(v & 0xFFFF);
                u16(v >>> 16);
            } else {
                u16(v >>> 16);
                u16(v & 0xFFFF);
            }
        }

        void entry(int tag, int type, int count, int value) {
            u16(tag);
            u16(type);
            u32(count);
            u32(value);
        }
    }
}
