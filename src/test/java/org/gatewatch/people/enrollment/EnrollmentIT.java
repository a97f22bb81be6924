package org.gatewatch.people.enrollment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gatewatch.analysis.faces.FaceRecognizer;
import org.gatewatch.analysis.faces.MobileFaceNetEmbedder;
import org.gatewatch.analysis.faces.MtcnnFaceDetector;
import org.gatewatch.db.Database;
import org.gatewatch.db.TestDatabases;
import org.gatewatch.db.TestDatabases.Engine;
import org.gatewatch.natives.OpenCvRuntime;
import org.gatewatch.people.AccessWindows;
import org.gatewatch.people.FaceSource;
import org.gatewatch.people.FaceStore;
import org.gatewatch.people.InvalidInputException;
import org.gatewatch.people.People;
import org.gatewatch.people.PersonDraft;
import org.gatewatch.people.PersonStore;
import org.gatewatch.people.enrollment.EmbeddingStore.EnrolledFace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Enrollment with the real face models (from the build's classes) on real photos, on H2 and PostgreSQL: what is
 * stored, what is refused, and what the rebuilt gallery holds after each kind of change.
 */
class EnrollmentIT {

    private static final Duration REBUILD = Duration.ofSeconds(30);

    @BeforeAll
    static void natives() {
        OpenCvRuntime.load();
        FaceBench.ensure();
    }

    /** One database, its people and faces, and an enrollment on them; the test's {@link FaceEmbedding} for probes. */
    private record Setup(Database db, People people, Path facesDir) implements AutoCloseable {

        static Setup of(Engine engine) throws IOException {
            Database db = TestDatabases.fresh(engine);
            Path faces = Files.createDirectories(TestDatabases.WORK.resolve("enroll-" + UUID.randomUUID()));
            return new Setup(db, new People(new PersonStore(db.dataSource()),
                    new FaceStore(db.dataSource(), faces), Clock.systemUTC()), faces);
        }

        Enrollment enrollment(FaceEmbedding faces) {
            return new Enrollment(people, new EmbeddingStore(db.dataSource()), faces, Enrollment.MODEL, Duration.ZERO);
        }

        long person(String name) {
            return people.create(new PersonDraft(name, null, true, AccessWindows.ANY_TIME, "")).id();
        }

        void setActive(long id, boolean active) {
            var p = people.find(id).orElseThrow();
            people.update(id, new PersonDraft(p.name(), p.externalId(), active, p.accessWindows(), p.notes()));
        }

        Map<Long, EnrolledFace> storedFaces() {
            return new EmbeddingStore(db.dataSource()).activeFaces().stream()
                    .collect(Collectors.toMap(EnrolledFace::faceId, Function.identity()));
        }

        @Override
        public void close() {
            db.close();
        }
    }

    private static FaceEmbedding models() {
        MtcnnFaceDetector detector = MtcnnFaceDetector.fromClasspath();
        return new FaceEmbedding(new FaceRecognizer(detector, MobileFaceNetEmbedder.fromClasspath()));
    }

    private static void awaitGallery(Enrollment e) throws InterruptedException {
        assertTrue(e.awaitGallery(REBUILD), "gallery not rebuilt within " + REBUILD);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anEnrolledFaceIsStoredWithItsEmbeddingAndServedAgainAfterARestart(Engine engine) throws Exception {
        try (Setup s = Setup.of(engine); FaceEmbedding probes = models()) {
            long ada = s.person("Ada");
            long bob = s.person("Bob");
            try (Enrollment e = s.enrollment(models())) {
                var face = e.addFace(ada, FaceBench.bytes("gallery/franck/franck_002.jpg"), FaceSource.UPLOAD, "test");
                e.addFace(bob, FaceBench.bytes("gallery/cage/cage.jpg"), FaceSource.CAMERA, "test").orElseThrow();
                assertTrue(e.addFace(999_999, FaceBench.noFace(), FaceSource.UPLOAD, "t").isEmpty(),
                        "no such person: empty, before the face check");
                EnrolledFace stored = s.storedFaces().get(face.orElseThrow().id());
                assertEquals(Enrollment.MODEL, stored.model());
                assertEquals(MobileFaceNetEmbedder.DIMENSION, stored.embedding().length);
                assertNull(stored.error());

                awaitGallery(e);
                assertEquals(Set.of(Long.toString(ada), Long.toString(bob)), e.gallery().personIds());
                float[] other = probes.embed(FaceBench.bytes("gallery/franck/franck_010.jpg"));
                assertEquals(Long.toString(ada), e.gallery().identify(other).orElseThrow().personId(),
                        "Ada's other photo is recognised through the rebuilt gallery");
                EnrollmentStatus status = e.status();
                assertEquals(2, status.embeddings());
                assertEquals(0, status.unusableFaces());
                assertTrue(status.current());
                assertNull(status.error());
            }
            try (Enrollment restarted = s.enrollment(models())) {
                // Read synchronously at start from the stored embeddings, before any background work.
                assertEquals(Set.of(Long.toString(ada), Long.toString(bob)), restarted.gallery().personIds());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anImageWithNoFaceOrSeveralIsRefusedAndNothingIsStored(Engine engine) throws Exception {
        try (Setup s = Setup.of(engine); Enrollment e = s.enrollment(models())) {
            long ada = s.person("Ada");
            InvalidInputException none = assertThrows(InvalidInputException.class,
                    () -> e.addFace(ada, FaceBench.noFace(), FaceSource.UPLOAD, "test"));
            assertEquals("image", none.field());
            assertEquals(FaceEmbedding.NO_FACE, none.getMessage());
            InvalidInputException group = assertThrows(InvalidInputException.class,
                    () -> e.addFace(ada, FaceBench.bytes("probes/_unknown/sample4.jpg"), FaceSource.UPLOAD, "test"));
            assertEquals("image", group.field());
            assertTrue(group.getMessage().startsWith("several faces found"), group.getMessage());
            InvalidInputException garbage = assertThrows(InvalidInputException.class,
                    () -> e.addFace(ada, "not an image".getBytes(), FaceSource.UPLOAD, "test"));
            assertEquals("image", garbage.field());

            assertEquals(0, s.people().faces().of(ada).size(), "no face row");
            try (Stream<Path> files = Files.walk(s.facesDir())) {
                assertEquals(0, files.filter(Files::isRegularFile).count(), "no image file");
            }
            awaitGallery(e);
            assertEquals(0, e.gallery().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void deactivatingAPersonOrDeletingTheirFaceOrThemTakesThemOutOfTheGallery(Engine engine) throws Exception {
        try (Setup s = Setup.of(engine); Enrollment e = s.enrollment(models())) {
            long ada = s.person("Ada");
            long bob = s.person("Bob");
            e.addFace(ada, FaceBench.bytes("gallery/franck/franck_002.jpg"), FaceSource.UPLOAD, "test");
            long bobsFace = e.addFace(bob, FaceBench.bytes("gallery/cage/cage.jpg"), FaceSource.UPLOAD, "test")
                    .orElseThrow().id();
            awaitGallery(e);
            assertEquals(Set.of(Long.toString(ada), Long.toString(bob)), e.gallery().personIds());

            s.setActive(ada, false);
            awaitGallery(e);
            assertEquals(Set.of(Long.toString(bob)), e.gallery().personIds(), "inactive: out");

            s.setActive(ada, true);
            awaitGallery(e);
            assertEquals(Set.of(Long.toString(ada), Long.toString(bob)), e.gallery().personIds(), "active again: in");

            assertTrue(s.people().faces().delete(bob, bobsFace));
            awaitGallery(e);
            assertEquals(Set.of(Long.toString(ada)), e.gallery().personIds(), "no face left: out");

            assertTrue(s.people().delete(ada));
            awaitGallery(e);
            assertEquals(0, e.gallery().size(), "deleted: out");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void facesStoredWithoutAnEmbeddingAreEmbeddedOnceInTheBackground(Engine engine) throws Exception {
        try (Setup s = Setup.of(engine)) {
            long ada = s.person("Ada");
            long bob = s.person("Bob");
            // Stored the way faces were before enrollment embedded them (migration V1): image and row only.
            long adasFace = s.people().addFace(ada, FaceBench.bytes("gallery/franck/franck_002.jpg"),
                    FaceSource.UPLOAD, "before").orElseThrow().id();
            long bobsFace = s.people().addFace(bob, FaceBench.noFace(), FaceSource.UPLOAD, "before")
                    .orElseThrow().id();
            try (Enrollment e = s.enrollment(models())) {
                awaitGallery(e);
                assertEquals(Set.of(Long.toString(ada)), e.gallery().personIds());
                Map<Long, EnrolledFace> stored = s.storedFaces();
                assertNotNull(stored.get(adasFace).embedding(), "computed and stored");
                assertEquals(FaceEmbedding.NO_FACE, stored.get(bobsFace).error(), "the reason is kept");
                assertEquals(1, e.status().unusableFaces());

                long generation = e.status().generation();
                e.changed();
                awaitGallery(e);
                assertEquals(generation, e.status().generation(), "nothing recomputed, nothing swapped");
                assertArrayEquals(stored.get(adasFace).embedding(), s.storedFaces().get(adasFace).embedding());

                // Embeddings of another model are computed again from the image.
                try (Connection c = s.db().dataSource().getConnection(); Statement st = c.createStatement()) {
                    st.executeUpdate("UPDATE face SET embedding_model = 'older-model'");
                } catch (SQLException ex) {
                    throw new AssertionError(ex);
                }
                e.changed();
                awaitGallery(e);
                assertEquals(generation + 1, e.status().generation(), "recomputed faces give a new gallery");
                assertEquals(Enrollment.MODEL, s.storedFaces().get(adasFace).model());
                assertEquals(Set.of(Long.toString(ada)), e.gallery().personIds());
            }
        }
    }

    @Test
    void embeddingsSurviveTheirByteEncodingExactly() {
        float[] v = {0f, -1.5f, 3.25e-7f, Float.MAX_VALUE, 0.70710677f};
        assertArrayEquals(v, EmbeddingStore.decode(EmbeddingStore.encode(v)));
    }
}
