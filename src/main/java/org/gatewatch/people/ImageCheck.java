package org.gatewatch.people;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Checks that bytes are a whole, decodable JPEG or PNG of a sensible size before they are stored as a face, and
 * encodes the stored copy afresh. The size comes from the header first ({@link ImageHeader}): an image too large
 * is refused before any pixel is decoded. Face detection at enrolment belongs to the analysis stages; here an image
 * that cannot be read is refused.
 */
public final class ImageCheck {

    /** JPEG quality of the stored copy: no visible loss against the upload, and no blocking around the eyes. */
    static final float JPEG_QUALITY = 0.92f;

    /** What a readable image is. */
    public record Info(String contentType, String extension, int width, int height) {
    }

    /**
     * A checked image encoded afresh in its own format, upright: the uploader's metadata (EXIF with the phone's
     * GPS position, comments, PNG text chunks) does not survive.
     */
    public record Clean(Info info, byte[] bytes) {
    }

    private record Decoded(Info info, BufferedImage image) {
    }

    private ImageCheck() {
    }

    /** @throws InvalidInputException (field "image") when not a readable JPEG or PNG of at most 40 megapixels */
    public static Info inspect(byte[] bytes) {
        return decode(bytes).info();
    }

    /**
     * Checks {@code bytes} as {@link #inspect} does and encodes the decoded pixels again, turned upright as the
     * JPEG's EXIF orientation says.
     *
     * @throws InvalidInputException (field "image") when not a readable JPEG or PNG of at most 40 megapixels
     */
    public static Clean clean(byte[] bytes) {
        Decoded decoded = decode(bytes);
        Info info = decoded.info();
        BufferedImage image = decoded.image();
        if (info.extension().equals("jpg")) {
            image = ExifOrientation.apply(image, ExifOrientation.of(bytes));
        }
        Info upright = new Info(info.contentType(), info.extension(), image.getWidth(), image.getHeight());
        return new Clean(upright, encode(image, info.extension()));
    }

    private static Decoded decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInputException("image", "the image is empty");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidInputException("image", "not a JPEG or PNG image");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
                Info info = switch (format) {
                    case "jpeg", "jpg" -> new Info("image/jpeg", "jpg", 0, 0);
                    case "png" -> new Info("image/png", "png", 0, 0);
                    default -> throw new InvalidInputException("image", "a " + format + " image: only JPEG or PNG");
                };
                reader.setInput(in);
                // Before the pixels: a crafted header must not make us allocate what it claims.
                ImageHeader.read(reader, bytes);
                // A truncated JPEG decodes with a warning (grey bottom) rather than an error: refuse it too.
                StringBuilder warning = new StringBuilder();
                reader.addIIOReadWarningListener((source, message) -> warning.append(warning.isEmpty() ? "" : "; ")
                        .append(message));
                // Decoding the whole image is what proves it readable: a truncated file has a valid header.
                BufferedImage image = reader.read(0);
                if (!warning.isEmpty()) {
                    throw new InvalidInputException("image", "the image is damaged: " + oneLine(warning));
                }
                return new Decoded(new Info(info.contentType(), info.extension(), image.getWidth(),
                        image.getHeight()), image);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("image", "the image cannot be decoded: " + oneLine(e.getMessage()));
        }
    }

    /** A fresh encode with no metadata of the upload's: ImageIO writes only what it needs (JFIF, or PNG's IHDR). */
    private static byte[] encode(BufferedImage image, String extension) {
        ImageWriter writer = ImageIO.getImageWritersBySuffix(extension).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = null;
            if (extension.equals("jpg")) {
                param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            // A PNG with the writer's defaults, as ImageIO.write does: the same pixels give the same bytes.
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            // In memory, an image ImageIO itself decoded: a failure here is ours, not the uploader's.
            throw new IllegalStateException("cannot encode a decoded " + extension + " image", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static String oneLine(CharSequence message) {
        return message == null ? "no reason given" : message.toString().replaceAll("\\s+", " ").trim();
    }
}
