package org.gatewatch.people;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

class ImageCheckTest {

    @Test
    void headerGivesFormatAndSizeWithoutDecoding() throws IOException {
        assertEquals(new ImageHeader("jpeg", 64, 48, 24), header(CraftedImages.image("jpg", 64, 48)));
        assertEquals(new ImageHeader("png", 64, 48, 24), header(CraftedImages.image("png", 64, 48)));
        // Pixels that do not exist: only a header reader can answer.
        assertEquals(new ImageHeader("png", 3000, 2000, 24), header(CraftedImages.pngClaiming(3000, 2000)));
        assertEquals(new ImageHeader("jpeg", 6000, 4000, 24), header(CraftedImages.jpegClaiming(6000, 4000)));
    }

    @Test
    void headerRefusesTooManyPixelsOrTooLongASide() {
        assertTooLarge(CraftedImages.pngClaiming(20_000, 20_000), "20000 x 20000");
        assertTooLarge(CraftedImages.jpegClaiming(12_000, 4_000), "12000 x 4000");
        assertTooLarge(CraftedImages.pngClaiming(10_001, 10), "10001 x 10");
        assertTooLarge(CraftedImages.jpegClaiming(9_000, 5_000), "9000 x 5000"); // 45 megapixels, sides allowed
        assertTooLarge(CraftedImages.pngClaiming(Integer.MAX_VALUE, 1), "2147483647 x 1");
    }

    @Test
    void headerRefusesADeepPngThatWouldDecodeToMoreThanTheHeapAllows() throws IOException {
        byte[] deep = CraftedImages.pngClaiming(8_000, 5_000, 16); // 16-bit RGB: 48 bits a pixel, 240 MB
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageCheck.inspect(deep));
        assertTrue(e.getMessage().contains("48 bits"), e.getMessage());
        assertEquals(48, header(CraftedImages.pngClaiming(100, 100, 16)).bitsPerPixel());
    }

    @Test
    void theLimitsThemselvesPassTheHeader() throws IOException {
        assertEquals(10_000, header(CraftedImages.pngClaiming(10_000, 4_000)).width());
        assertEquals(40_000_000L, header(CraftedImages.pngClaiming(8_000, 5_000)).pixels());
    }

    @Test
    void anImageWithAnAcceptableHeaderAndNoPixelsIsRefusedAsUndecodable() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageCheck.inspect(CraftedImages.pngClaiming(200, 100)));
        assertEquals("image", e.field());
        assertFalse(e.getMessage().contains("megapixels"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void truncatedRandomAndEmptyBytesAreRefusedWithOneLine() {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        byte[] fakeJpeg = random.clone();
        fakeJpeg[0] = (byte) 0xFF;
        fakeJpeg[1] = (byte) 0xD8;
        fakeJpeg[2] = (byte) 0xFF;
        for (byte[] bad : new byte[][] {CraftedImages.truncatedJpeg(), random, fakeJpeg, {}, "GIF89a".getBytes()}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageCheck.clean(bad));
            assertEquals("image", e.field());
            assertOneLine(e.getMessage());
        }
    }

    @Test
    void theStoredCopyIsAFreshEncodeWithoutTheUploadersExif() throws IOException {
        byte[] upload = CraftedImages.withExif(CraftedImages.image("jpg", 64, 48), 1, false);
        assertTrue(CraftedImages.hasExif(upload), "the crafted upload carries EXIF");
        ImageCheck.Clean clean = ImageCheck.clean(upload);
        assertFalse(CraftedImages.hasExif(clean.bytes()), "no EXIF in the stored copy");
        assertFalse(new String(clean.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("Exif"));
        assertEquals(new ImageCheck.Info("image/jpeg", "jpg", 64, 48), clean.info());
        assertEquals(64, ImageIO.read(new ByteArrayInputStream(clean.bytes())).getWidth());
    }

    @Test
    void aPngOfImageIosOwnIsStoredByteForByte() {
        byte[] png = CraftedImages.image("png", 64, 48);
        ImageCheck.Clean clean = ImageCheck.clean(png);
        assertArrayEquals(png, clean.bytes());
        assertEquals("image/png", clean.info().contentType());
    }

    @Test
    void theExifOrientationIsReadInBothByteOrdersAndAppliedToThePixels() throws IOException {
        byte[] jpeg = CraftedImages.image("jpg", 64, 48);
        assertEquals(1, ExifOrientation.of(jpeg), "no EXIF: as stored");
        assertEquals(6, ExifOrientation.of(CraftedImages.withExif(jpeg, 6, false)));
        assertEquals(8, ExifOrientation.of(CraftedImages.withExif(jpeg, 8, true)));
        assertEquals(1, ExifOrientation.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0, 2}));

        ImageCheck.Clean turned = ImageCheck.clean(CraftedImages.withExif(jpeg, 6, true));
        assertEquals(48, turned.info().width(), "turned a quarter: the sides swap");
        assertEquals(64, turned.info().height());
        assertFalse(CraftedImages.hasExif(turned.bytes()));

        BufferedImage marked = new BufferedImage(4, 2, BufferedImage.TYPE_3BYTE_BGR);
        marked.setRGB(0, 0, 0xFFFFFF);
        // 6: the stored top-left corner is the viewed top-right one.
        BufferedImage upright = ExifOrientation.apply(marked, 6);
        assertEquals(2, upright.getWidth());
        assertEquals(0xFFFFFF, upright.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, ExifOrientation.apply(marked, 3).getRGB(3, 1) & 0xFFFFFF);
        assertEquals(0xFFFFFF, ExifOrientation.apply(marked, 8).getRGB(0, 3) & 0xFFFFFF);
    }

    private static void assertTooLarge(byte[] image, String size) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageCheck.inspect(image));
        assertEquals("image", e.field());
        assertTrue(e.getMessage().contains(size) && e.getMessage().contains("megapixels"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    private static void assertOneLine(String message) {
        assertFalse(message.isBlank());
        assertFalse(message.contains("\n") || message.contains("\r"), message);
    }

    private static ImageHeader header(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                return ImageHeader.read(reader, bytes);
            } finally {
                reader.dispose();
            }
        }
    }
}
