package org.gatewatch.people.enrollment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.analysis.faces.Gallery;
import org.gatewatch.analysis.faces.MobileFaceNetEmbedder;
import org.gatewatch.analysis.faces.MtcnnFaceDetector;
import org.gatewatch.analysis.faces.PersonTemplate;
import org.gatewatch.config.LogText;
import org.gatewatch.people.Embedding;
import org.gatewatch.people.Face;
import org.gatewatch.people.FaceSource;
import org.gatewatch.people.ImageCheck;
import org.gatewatch.people.InvalidInputException;
import org.gatewatch.people.People;
import org.gatewatch.people.PeopleListener;
import org.gatewatch.people.enrollment.EmbeddingStore.EnrolledFace;

/**
 * Face enrollment and the live gallery. A face image is accepted only when it shows exactly one face, whose
 * embedding is stored with it (face.embedding); the {@link Gallery} of every active person's embeddings is rebuilt
 * on a background thread whenever the people stores report a change, and swapped in whole, so the live analysis
 * calling {@link #gallery()} on every frame never waits and sees the new one on its next frame.
 *
 * <p>Started and stopped by the application listener; thread-safe.
 */
public final class Enrollment implements AutoCloseable {

    /** Names the embeddings this build computes; stored ones by another model are computed again from the image. */
    public static final String MODEL = "MTCNN-5pt+MobileFaceNet-" + MobileFaceNetEmbedder.DIMENSION;

    /** How long "take from camera" waits for a fresh frame from a camera that may be idle. */
    public static final Duration CAMERA_WAIT = Duration.ofSeconds(10);

    /**
     * A rebuild also runs this often, to pick up changes that did not come through this process (another Tomcat on
     * the same PostgreSQL database, a script). It reads the stored embeddings only, and swaps nothing if unchanged.
     */
    static final Duration REFRESH_EVERY = Duration.ofMinutes(1);
    /** A rebuild that failed (database unreachable) is tried again after this. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private static final Logger LOG = LogManager.getLogger(Enrollment.class);

    private final People people;
    private final EmbeddingStore store;
    private final FaceEmbedding faces;
    private final String model;
    private final double threshold;
    private final GalleryRebuilder rebuilder;
    private final PeopleListener onChange = this::changed;
    /** The face ids in the current gallery; written by the rebuild thread (and start), read by status(). */
    private volatile List<Long> galleryFaces = List.of();
    private volatile int unusableFaces;

    Enrollment(People people, EmbeddingStore store, FaceEmbedding faces, String model, Duration refreshEvery) {
        this(people, store, faces, model, refreshEvery, Gallery.DEFAULT_THRESHOLD);
    }

    /** @param threshold the cosine similarity the gallery names people at ({@code faces.threshold}) */
    Enrollment(People people, EmbeddingStore store, FaceEmbedding faces, String model, Duration refreshEvery,
               double threshold) {
        this.people = people;
        this.store = store;
        this.faces = faces;
        this.model = model;
        this.threshold = threshold;
        // The stored embeddings at once, so the cameras start with the people enrolled before the restart; faces
        // that still need computing (enrolled before migration V2, or by another model) follow in the background.
        Gallery initial = load(Gallery.builder().threshold(threshold).build(), false);
        this.rebuilder = new GalleryRebuilder("gatewatch-enrollment", initial, before -> load(before, true),
                refreshEvery, RETRY_AFTER);
        people.addListener(onChange);
        rebuilder.request();
    }

    /**
     * Loads the face models (MTCNN and MobileFaceNet from the WAR, about 170 MB of native memory, owned here until
     * {@link #close()}), reads the stored embeddings into the first gallery and starts the rebuild thread.
     */
    public static Enrollment start(People people, DataSource db, double threshold) {
        FaceEmbedding faces = new FaceEmbedding(loadRecognizer());
        try {
            Enrollment enrollment = new Enrollment(people, new EmbeddingStore(db), faces, MODEL, REFRESH_EVERY,
                    threshold);
            LOG.info("Enrollment started: {} people in the gallery", enrollment.gallery().size());
            return enrollment;
        } catch (RuntimeException e) {
            faces.close();
            throw e;
        }
    }

    private static FaceRecognizer loadRecognizer() {
        MtcnnFaceDetector detector = MtcnnFaceDetector.fromClasspath();
        try {
            return new FaceRecognizer(detector, MobileFaceNetEmbedder.fromClasspath());
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
    }

    /**
     * The enrolled faces of every active person, person ids as decimal strings ({@code Long.toString(person.id())}).
     * Never blocks; call it on every frame. Immutable: keep it for the frame, ask again for the next.
     */
    public Gallery gallery() {
        return rebuilder.gallery();
    }

    /**
     * Finds, aligns and embeds the one face in {@code image}, then stores the image and its row with the embedding;
     * the face store's report of it rebuilds the gallery in the background. Blocks the caller for the embedding (about 0.1–0.5 s).
     *
     * @return the stored face, or empty when there is no such person
     * @throws InvalidInputException (field "image") when the image is unreadable, shows no face or several;
     *                               nothing is stored then
     */
    public Optional<Face> addFace(long personId, byte[] image, FaceSource source, String addedBy) {
        if (people.find(personId).isEmpty()) {
            return Optional.empty();
        }
        // Checked (its size from the header, before any decoding) and encoded afresh first, so an unreadable image
        // gets ImageCheck's message; the embedding is of the very pixels stored, upright and without EXIF.
        ImageCheck.Clean clean = ImageCheck.clean(image);
        float[] embedding = faces.embed(clean.bytes());
        // In the face's own row: a rebuild that starts at once finds it embedded, and a failed insert stores neither.
        Optional<Face> face = people.addFace(personId, clean, source, addedBy,
                new Embedding(model, EmbeddingStore.encode(embedding)));
        face.ifPresent(f -> LOG.info("Face {} of person {} enrolled from {} by {}", f.id(), personId, source,
                LogText.encode(addedBy)));
        return face;
    }

    /**
     * The people or their faces changed: invoked by the people stores after each change they store, and by anyone
     * who changed them behind the stores' back (a script on the database). Returns at once; the gallery follows in
     * the background.
     */
    public void changed() {
        rebuilder.request();
    }

    /**
     * Waits until every change reported so far is in {@link #gallery()}; false if {@code timeout} passed first.
     * For tests and the status API; the live analysis never needs it.
     */
    public boolean awaitGallery(Duration timeout) throws InterruptedException {
        return rebuilder.awaitCurrent(timeout);
    }

    /**
     * Completes (true) once every change reported so far is in {@link #gallery()}, or (false) if enrollment stops
     * first; holds no thread. The caller keeps its own timeout and cancels the future when it gives up.
     */
    public CompletableFuture<Boolean> whenGalleryCurrent() {
        return rebuilder.whenCurrent();
    }

    /**
     * How well each of a person's embedded faces agrees with their others, by face id, computed from the stored
     * embeddings as the gallery's template is (active or not); faces not embedded by this model are absent.
     */
    public Map<Long, FaceAgreement> agreement(long personId) {
        List<EnrolledFace> embedded = store.facesOf(personId).stream()
                .filter(f -> f.embedding() != null && model.equals(f.model())).toList();
        if (embedded.isEmpty()) {
            return Map.of();
        }
        PersonTemplate template = PersonTemplate.of(embedded.stream().map(EnrolledFace::embedding).toList());
        Map<Long, FaceAgreement> out = new LinkedHashMap<>();
        for (int i = 0; i < embedded.size(); i++) {
            double a = template.agreement(i);
            out.put(embedded.get(i).faceId(), new FaceAgreement(Double.isNaN(a) ? null : a, template.kept(i)));
        }
        return out;
    }

    public EnrollmentStatus status() {
        Gallery g = gallery();
        int embeddings = g.personIds().stream().mapToInt(g::embeddingCount).sum();
        return new EnrollmentStatus(g.personIds(), embeddings, unusableFaces, rebuilder.generation(),
                rebuilder.builtAt(), !rebuilder.busy(), rebuilder.lastError(), g.threshold());
    }

    /**
     * Builds the gallery from the stored embeddings. With {@code compute}, faces that have none (or one from another
     * model) are embedded from their image file first, and the result stored; without, they are left out.
     * Returns {@code before} itself when the same faces would be in it.
     */
    private Gallery load(Gallery before, boolean compute) {
        long start = System.nanoTime();
        Gallery.Builder builder = Gallery.builder().threshold(threshold);
        List<Long> used = new ArrayList<>();
        int unusable = 0;
        int computed = 0;
        for (EnrolledFace f : store.activeFaces()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("gallery rebuild interrupted");
            }
            float[] embedding = f.embedding();
            if (f.needsEmbedding(model)) {
                if (!compute) {
                    continue;
                }
                embedding = embedFile(f);
                computed++;
            }
            if (embedding == null) {
                unusable++;
                continue;
            }
            builder.add(Long.toString(f.personId()), embedding);
            used.add(f.faceId());
        }
        unusableFaces = unusable;
        if (computed == 0 && used.equals(galleryFaces)) {
            return before;
        }
        galleryFaces = List.copyOf(used);
        Gallery gallery = builder.build();
        LOG.info("Gallery rebuilt: {} people, {} faces ({} embedded now, {} unusable) in {} ms", gallery.size(),
                used.size(), computed, unusable, (System.nanoTime() - start) / 1_000_000);
        return gallery;
    }

    /** Embeds a stored face from its image; null (and noted in the row) when the image gives no single face. */
    private float[] embedFile(EnrolledFace f) {
        Optional<Face> face = people.faces().find(f.personId(), f.faceId());
        if (face.isEmpty()) {
            return null;
        }
        String reason;
        try {
            float[] embedding = faces.embed(Files.readAllBytes(people.faces().path(face.get())));
            store.save(f.faceId(), model, embedding);
            return embedding;
        } catch (InvalidInputException e) {
            reason = e.getMessage();
        } catch (NoSuchFileException e) {
            reason = "the image file is missing";
        } catch (IOException e) {
            reason = "the image file cannot be read: " + e.getMessage();
        }
        LOG.warn("Face {} of person {} is left out of the gallery: {}", f.faceId(), f.personId(), reason);
        store.saveUnusable(f.faceId(), model, reason);
        return null;
    }

    /** Stops the rebuild thread, then frees the face models once a call in progress is done. Idempotent. */
    @Override
    public void close() {
        people.removeListener(onChange);
        rebuilder.close();
        faces.close();
        LOG.info("Enrollment stopped");
    }
}
