package org.gatewatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.gatewatch.analysis.faces.DetectedFace;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.faces.Match;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Enrolls a gallery folder and scores a probe folder; shared by {@code faces} and {@code bench-faces}. Gallery:
 * one sub-folder per person, the largest face of each image enrolled. Probes: a sub-folder named like an enrolled
 * person holds that person's other images (their largest face is the probe); any other sub-folder holds people not
 * enrolled (every face is a probe); images directly in the probe folder have no truth and are only printed.
 */
public final class FaceEvaluation {

    private static final Set<String> IMAGE_SUFFIXES = Set.of(".jpg", ".jpeg", ".png", ".bmp", ".pgm", ".ppm");

    /** Thrown for input the user must fix: a missing folder, an unreadable image. */
    public static final class InputException extends RuntimeException {
        InputException(String message) {
            super(message);
        }
    }

    /** One probe face: its image, which face, the truth (null: none; not enrolled: {@link #enrolled} false). */
    public record ProbeResult(Path image, int face, String truth, boolean enrolled, Optional<Match> best) {

        public boolean faceFound() {
            return face >= 0;
        }

        boolean accepted(double t) {
            return best.isPresent() && best.get().score() >= t;
        }

        boolean correct(double t) {
            return accepted(t) && best.get().personId().equals(truth);
        }
    }

    /** Rates at one threshold; counts over labelled probes (enrolled: all their images, faces found or not). */
    public record Rates(double threshold, int enrolledProbes, int recognized, int wrongPerson, int impostorFaces,
                 int falseAccepts) {

        public double recognitionRate() {
            return enrolledProbes == 0 ? 0 : (double) recognized / enrolledProbes;
        }

        public double falseAcceptRate() {
            return impostorFaces == 0 ? 0 : (double) falseAccepts / impostorFaces;
        }
    }

    private final FaceRecognizer recognizer;
    /** Each enrolled person's probe embeddings, for {@link #leftOut}. */
    private final java.util.IdentityHashMap<ProbeResult, float[]> enrolledEmbeddings = new java.util.IdentityHashMap<>();
    private long detectNanos;
    private long embedNanos;
    private int facesEmbedded;
    private int imagesRead;

    public FaceEvaluation(FaceRecognizer recognizer) {
        this.recognizer = recognizer;
    }

    /** The gallery of {@code dir}; people whose images have no face are reported on {@code warnings}. */
    public Gallery enroll(Path dir, double threshold, List<String> warnings) {
        return enroll(dir, threshold, Integer.MAX_VALUE, warnings);
    }

    /** As {@link #enroll(Path, double, List)} with at most {@code perPerson} images of each person (name order). */
    public Gallery enroll(Path dir, double threshold, int perPerson, List<String> warnings) {
        requireFolder(dir, "gallery");
        Gallery.Builder b = Gallery.builder().threshold(threshold);
        int people = 0;
        for (Path person : subFolders(dir)) {
            int enrolled = 0;
            for (Path image : images(person).stream().limit(perPerson).toList()) {
                Mat m = read(image);
                try {
                    List<DetectedFace> faces = timedDetect(m);
                    Optional<DetectedFace> big = faces.stream().max((x, y) -> Double.compare(x.box().area(), y.box().area()));
                    if (big.isEmpty()) {
                        warnings.add("no face in gallery image " + image);
                        continue;
                    }
                    b.add(person.getFileName().toString(), timedEmbed(m, List.of(big.get())).get(0));
                    enrolled++;
                } finally {
                    m.release();
                }
            }
            if (enrolled == 0) {
                warnings.add("person " + person.getFileName() + " has no usable image; not enrolled");
            } else {
                people++;
            }
        }
        if (people == 0) {
            throw new InputException("gallery " + dir + " has no person with a usable face image (expected "
                    + "one sub-folder of images per person)");
        }
        return b.build();
    }

    /** Every probe face of {@code dir} against {@code gallery}. */
    public List<ProbeResult> probe(Path dir, Gallery gallery) {
        requireFolder(dir, "probes");
        List<ProbeResult> out = new ArrayList<>();
        for (Path image : images(dir)) {
            probeImage(image, null, false, gallery, out);
        }
        for (Path folder : subFolders(dir)) {
            String label = folder.getFileName().toString();
            boolean enrolled = gallery.personIds().contains(label);
            for (Path image : images(folder)) {
                probeImage(image, label, enrolled, gallery, out);
            }
        }
        if (out.isEmpty()) {
            throw new InputException("probes folder " + dir + " has no images");
        }
        return out;
    }

    private void probeImage(Path image, String truth, boolean enrolled, Gallery gallery, List<ProbeResult> out) {
        Mat m = read(image);
        try {
            List<DetectedFace> faces = timedDetect(m);
            if (enrolled && faces.size() > 1) {
                // An enrolled person's image: their face is the largest; others are bystanders without truth.
                DetectedFace big = faces.stream().max((x, y) -> Double.compare(x.box().area(), y.box().area())).get();
                faces = List.of(big);
            }
            if (faces.isEmpty()) {
                out.add(new ProbeResult(image, -1, truth, enrolled, Optional.empty()));
                return;
            }
            List<float[]> emb = timedEmbed(m, faces);
            for (int i = 0; i < faces.size(); i++) {
                ProbeResult r = new ProbeResult(image, i, truth, enrolled, gallery.best(emb.get(i)));
                if (enrolled) {
                    enrolledEmbeddings.put(r, emb.get(i));
                }
                out.add(r);
            }
        } finally {
            m.release();
        }
    }

    /**
     * Leave-one-out: every enrolled person's probes compared with the gallery without that person, as faces of
     * people not enrolled. More and harder stranger trials than the stranger photos alone (the same camera, the same
     * session as someone enrolled).
     */
    public List<ProbeResult> leftOut(List<ProbeResult> results, Gallery gallery) {
        List<ProbeResult> out = new ArrayList<>();
        for (ProbeResult r : results) {
            float[] e = enrolledEmbeddings.get(r);
            if (e != null) {
                out.add(new ProbeResult(r.image(), r.face(), r.truth() + " left out", false,
                        gallery.without(r.truth()).best(e)));
            }
        }
        return out;
    }

    public static Rates rates(List<ProbeResult> results, double t) {
        int enrolledProbes = 0;
        int recognized = 0;
        int wrong = 0;
        int impostors = 0;
        int falseAccepts = 0;
        for (ProbeResult r : results) {
            if (r.truth() == null) {
                continue;
            }
            if (r.enrolled()) {
                enrolledProbes++;
                if (r.correct(t)) {
                    recognized++;
                } else if (r.accepted(t)) {
                    wrong++;
                }
            } else if (r.faceFound()) {
                impostors++;
                if (r.accepted(t)) {
                    falseAccepts++;
                }
            }
        }
        return new Rates(t, enrolledProbes, recognized, wrong, impostors, falseAccepts);
    }

    /**
     * The lowest threshold (on a 0.01 grid) where false accepts of non-enrolled faces AND accepts of enrolled faces
     * as the wrong person are each at most {@code maxRate}; empty when there are no labelled probes.
     */
    public static Optional<Rates> thresholdFor(List<ProbeResult> results, double maxRate) {
        for (int i = -100; i <= 100; i++) {
            Rates r = rates(results, i / 100.0);
            if (r.impostorFaces() + r.enrolledProbes() == 0) {
                return Optional.empty();
            }
            double wrongRate = r.enrolledProbes() == 0 ? 0 : (double) r.wrongPerson() / r.enrolledProbes();
            if (r.falseAcceptRate() <= maxRate && wrongRate <= maxRate) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public double msPerImageDetect() {
        return imagesRead == 0 ? 0 : detectNanos / 1e6 / imagesRead;
    }

    public double msPerFaceEmbed() {
        return facesEmbedded == 0 ? 0 : embedNanos / 1e6 / facesEmbedded;
    }

    public int imagesRead() {
        return imagesRead;
    }

    public int facesEmbedded() {
        return facesEmbedded;
    }

    private List<DetectedFace> timedDetect(Mat m) {
        long t = System.nanoTime();
        List<DetectedFace> faces = recognizer.detect(m);
        detectNanos += System.nanoTime() - t;
        imagesRead++;
        return faces;
    }

    private List<float[]> timedEmbed(Mat m, List<DetectedFace> faces) {
        long t = System.nanoTime();
        List<float[]> e = recognizer.embed(m, faces);
        embedNanos += System.nanoTime() - t;
        facesEmbedded += faces.size();
        return e;
    }

    public static Mat read(Path image) {
        if (!Files.isReadable(image)) {
            throw new InputException("cannot read image " + image);
        }
        Mat m = Imgcodecs.imread(image.toString(), Imgcodecs.IMREAD_COLOR);
        if (m.empty()) {
            m.release();
            throw new InputException("not a readable image: " + image);
        }
        return m;
    }

    private static void requireFolder(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(what + " folder does not exist: " + dir);
        }
        if (!Files.isReadable(dir)) {
            throw new InputException(what + " folder is not readable: " + dir);
        }
    }

    private static List<Path> subFolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static List<Path> images(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(FaceEvaluation::isImage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && IMAGE_SUFFIXES.contains(n.substring(dot));
    }
}
