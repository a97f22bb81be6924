package org.gatewatch.bench.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.gatewatch.people.CraftedImages;

/**
 * Images that should never be stored: headers that claim 100,000 x 100,000 pixels, decompression bombs, truncated
 * and random data. The costly ones are built once per JVM.
 */
final class Images {

    /** An image to upload, and what is wrong with it. */
    record Bad(String what, String fileName, String contentType, byte[] bytes) {
    }

    /** A PNG whose IHDR says 100,000 x 100,000 (1-bit grey) followed by real deflated rows: 1.25 GB decoded. */
    private static final byte[] HEADER_BOMB = pngBomb(100_000, 100_000, 1, 0, 64);
    /**
     * A PNG of black pixels inside the header limits, so it is decoded, encoded afresh and searched for a face:
     * 12 megapixels (a phone photo's size), 36 MB decoded from 35 KB, about 5 s of work on two cores. Sent rarely:
     * it is slow by nature, not by fault (36 megapixels take 12 s: see docs/testing.md).
     */
    private static final byte[] DECODED_BOMB = pngBomb(4_000, 3_000, 8, 2, 3_000);
    private static final byte[] SMALL_JPEG = CraftedImages.image("jpg", 64, 48);
    private static final byte[] SMALL_PNG = CraftedImages.image("png", 64, 48);

    private Images() {
    }

    /** Some image bytes that are not a usable face photo, cheap to make: for the multipart cases. */
    static byte[] random(Draw d) {
        return switch (d.nextInt(4)) {
            case 0 -> d.randomBytes(1 + d.nextInt(4096));
            case 1 -> CraftedImages.pngClaiming(100_000, 100_000);
            case 2 -> Arrays.copyOf(SMALL_JPEG, SMALL_JPEG.length / 2);
            default -> SMALL_JPEG;
        };
    }

    static Bad bad(Draw d) {
        int pick = d.nextInt(1000);
        if (pick == 0) {
            return new Bad("a 4000 x 3000 decompression bomb (36 MB decoded from 35 KB)", "bomb.png", "image/png",
                    DECODED_BOMB);
        }
        return switch (pick % 13) {
            case 0 -> new Bad("a PNG header claiming 100000 x 100000", "bomb.png", "image/png",
                    CraftedImages.pngClaiming(100_000, 100_000));
            case 1 -> new Bad("a JPEG header claiming 65535 x 65535 (its most)", "bomb.jpg", "image/jpeg",
                    CraftedImages.jpegClaiming(65_535, 65_535));
            case 2 -> new Bad("a PNG claiming 100000 x 100000 with deflated rows after it", "bomb.png", "image/png",
                    HEADER_BOMB);
            case 3 -> new Bad("a truncated JPEG", "cut.jpg", "image/jpeg",
                    Arrays.copyOf(SMALL_JPEG, 20 + d.nextInt(SMALL_JPEG.length - 20)));
            case 4 -> new Bad("random bytes as image/jpeg", "random.jpg", "image/jpeg",
                    d.randomBytes(1 + d.nextInt(64 * 1024)));
            case 5 -> new Bad("a JPEG start marker then random bytes", "soi.jpg", "image/jpeg",
                    prefixed(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, d.randomBytes(d.nextInt(16_384))));
            case 6 -> new Bad("a PNG signature then random bytes", "sig.png", "image/png",
                    prefixed(Arrays.copyOf(SMALL_PNG, 8), d.randomBytes(d.nextInt(16_384))));
            case 7 -> new Bad("an empty file", "empty.jpg", "image/jpeg", new byte[0]);
            case 8 -> new Bad("a PNG claiming " + d.pick("0 x 0", "-1 x -1", "1 x 2147483647"), "odd.png",
                    "image/png", d.pick(CraftedImages.pngClaiming(0, 0), CraftedImages.pngClaiming(-1, -1),
                            CraftedImages.pngClaiming(1, Integer.MAX_VALUE)));
            case 9 -> new Bad("a JPEG claiming 0 x 0", "zero.jpg", "image/jpeg", CraftedImages.jpegClaiming(0, 0));
            case 10 -> new Bad("a 64 x 48 picture with no face", "noface." + d.pick("jpg", "png"), "image/jpeg",
                    d.chance(50) ? SMALL_JPEG : SMALL_PNG);
            case 11 -> new Bad("a GIF sent as a JPEG", "anim.jpg", "image/jpeg",
                    prefixed("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII), d.randomBytes(512)));
            default -> {
                byte[] png = SMALL_PNG.clone();
                png[20 + d.nextInt(png.length - 20)] ^= (byte) (1 + d.nextInt(255));
                yield new Bad("a PNG with a flipped byte (bad CRC or data)", "flip.png", "image/png", png);
            }
        };
    }

    private static byte[] prefixed(byte[] head, byte[] rest) {
        byte[] all = Arrays.copyOf(head, head.length + rest.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    /** A PNG of {@code width} x {@code height} with {@code rows} rows of zero pixels actually deflated. */
    private static byte[] pngBomb(int width, int height, int bitDepth, int colorType, int rows) {
        int channels = colorType == 2 ? 3 : 1;
        int rowBytes = 1 + (int) (((long) width * channels * bitDepth + 7) / 8);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] row = new byte[rowBytes];
        byte[] buf = new byte[64 * 1024];
        for (int r = 0; r < rows; r++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                idat.write(buf, 0, deflater.deflate(buf));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            idat.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(ihdr);
            h.writeInt(width);
            h.writeInt(height);
            h.write(new byte[] {(byte) bitDepth, (byte) colorType, 0, 0, 0});
            chunk(out, "IHDR", ihdr.toByteArray());
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
