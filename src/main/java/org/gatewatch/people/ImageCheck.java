package org.gatewatch.people;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks that bytes are a whole, decodable JPEG or PNG before they are stored as a face. Face detection at
 * enrolment belongs to the analysis stages; here an image that cannot be read is refused.
 */
public final class ImageCheck {

    /** What a readable image is. */
    public record Info(String contentType, String extension, int width, int height) {
    }

    private ImageCheck() {
    }

    /** @throws InvalidInputException (field "image") when not a readable JPEG or PNG */
    public static Info inspect(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInputException("image", "the image is empty");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
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
                // A truncated JPEG decodes with a warning (grey bottom) rather than an error: refuse it too.
                StringBuilder warning = new StringBuilder();
                reader.addIIOReadWarningListener((source, message) -> warning.append(message));
                // Decoding the whole image is what proves it readable: a truncated file has a valid header.
                var image = reader.read(0);
                if (!warning.isEmpty()) {
                    throw new InvalidInputException("image", "the image is damaged: " + warning);
                }
                return new Info(info.contentType(), info.extension(), image.getWidth(), image.getHeight());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("image", "the image cannot be decoded: " + e.getMessage());
        }
    }
}
