package org.gatewatch.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/** A folder of still images played in name order, looped, at a fixed rate: for tests and for tuning a site. */
public final class ImageFolderSource implements FrameSource {

    /** Rate when the camera sets no fps cap. */
    static final double DEFAULT_FPS = 2;

    private final Path folder;
    private final double fps;
    private final Pacer pacer = new Pacer();
    private List<Path> images;
    private int next;
    private Mat current;

    public ImageFolderSource(Path folder, double fps) {
        this.folder = folder;
        this.fps = fps > 0 ? fps : DEFAULT_FPS;
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp");
    }

    @Override
    public void open() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            images = files.filter(Files::isRegularFile).filter(ImageFolderSource::isImage).sorted().toList();
        }
        if (images.isEmpty()) {
            throw new IOException("no .jpg/.png/.bmp images in " + folder);
        }
        next = 0;
        pacer.start(fps);
    }

    @Override
    public Mat grab() throws IOException {
        // A file that cannot be decoded is skipped; a folder where none can is an error, not an endless loop.
        for (int tries = 0; tries < images.size(); tries++) {
            Path image = images.get(next);
            next = (next + 1) % images.size();
            Mat decoded = Imgcodecs.imread(image.toString(), Imgcodecs.IMREAD_COLOR);
            if (!decoded.empty()) {
                release();
                current = decoded;
                try {
                    pacer.awaitNext();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                return current;
            }
            decoded.release();
        }
        throw new IOException("none of the images in " + folder + " can be decoded");
    }

    @Override
    public double fps() {
        return fps;
    }

    @Override
    public void close() {
        release();
    }

    private void release() {
        if (current != null) {
            current.release();
            current = null;
        }
    }
}
