package org.gatewatch.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.gatewatch.db.Database;
import org.gatewatch.db.Page;
import org.gatewatch.db.TestDatabases;
import org.gatewatch.db.TestDatabases.Engine;
import org.gatewatch.events.AccessEvent;
import org.gatewatch.events.Decision;
import org.gatewatch.events.EventStore;
import org.gatewatch.events.NewEvent;
import org.gatewatch.events.StoredRecording;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** People and faces stores on H2 and PostgreSQL. */
class PeopleStoreIT {

    private static People people(Database db, Path dir) {
        return new People(new PersonStore(db.dataSource()), new FaceStore(db.dataSource(), dir.resolve("faces")),
                Clock.systemUTC());
    }

    private static Path dir() throws IOException {
        return Files.createDirectories(TestDatabases.WORK.resolve("people-" + UUID.randomUUID()));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void createReadUpdateAndSearchByNameInAnyCase(Engine engine) throws IOException {
        try (Database db = TestDatabases.fresh(engine)) {
            People people = people(db, dir());
            Person ada = people.create(new PersonDraft("Ada Lovelace", "B-1", true,
                    AccessWindows.parse("Mon-Fri 07:00-19:00"), "first"));
            people.create(new PersonDraft("Alan Turing", null, true, null, null));
            people.create(new PersonDraft("Grace 100% Hopper", "", false, null, null));

            Person read = people.find(ada.id()).orElseThrow();
            assertEquals("B-1", read.externalId());
            assertEquals("Mon-Fri 07:00-19:00", read.accessWindows().toString());
            assertEquals(ada.createdAt().toEpochMilli(), read.createdAt().toEpochMilli());

            assertEquals(1, people.list("LOVELACE", 1, 10).total());
            assertEquals(1, people.list("100%", 1, 10).total(), "% is a literal, not a wildcard");
            assertEquals(0, people.list("_", 1, 10).total(), "_ is a literal, not a wildcard");
            Page<Person> all = people.list("", 1, 2);
            assertEquals(3, all.total());
            assertEquals(2, all.pages());
            assertEquals("Ada Lovelace", all.items().get(0).name(), "sorted by name");
            assertEquals("Grace 100% Hopper", people.list(null, 2, 2).items().get(0).name());

            Person updated = people.update(ada.id(), new PersonDraft("Ada King", "B-1", false, null, "renamed"))
                    .orElseThrow();
            assertEquals("Ada King", updated.name());
            assertFalse(updated.active());
            assertTrue(people.update(999_999, new PersonDraft("x", null, true, null, null)).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aTakenExternalIdIsADuplicateOnCreateAndUpdate(Engine engine) throws IOException {
        try (Database db = TestDatabases.fresh(engine)) {
            People people = people(db, dir());
            people.create(new PersonDraft("A", "E-7", true, null, null));
            Person b = people.create(new PersonDraft("B", "E-8", true, null, null));
            DuplicateException e = assertThrows(DuplicateException.class,
                    () -> people.create(new PersonDraft("C", "E-7", true, null, null)));
            assertEquals("externalId", e.field());
            assertThrows(DuplicateException.class,
                    () -> people.update(b.id(), new PersonDraft("B", "E-7", true, null, null)));
            people.create(new PersonDraft("D", null, true, null, null));
            people.create(new PersonDraft("E", " ", true, null, null));
            assertEquals(4, people.list(null, 1, 10).total(), "many people may have no external id");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void deletingAPersonDeletesTheirFaceFilesAndKeepsTheirEventsByName(Engine engine) throws IOException {
        try (Database db = TestDatabases.fresh(engine)) {
            Path dir = dir();
            People people = people(db, dir);
            Person p = people.create(new PersonDraft("Edsger", null, true, null, null));
            byte[] png = image("png");
            Face face = people.addFace(p.id(), png, FaceSource.UPLOAD, "test").orElseThrow();
            Path file = people.faces().path(face);
            assertTrue(Arrays.equals(png, Files.readAllBytes(file)), "stored as is");
            assertEquals("image/png", face.contentType());
            assertEquals(64, face.width());
            assertEquals(1, people.faces().of(p.id()).size());

            AccessEvent event;
            try (StoredRecording recording = new StoredRecording(dir, db.dataSource())) {
                event = recording.record(new NewEvent("gate", Instant.now(), Decision.GRANTED, p.id(), p.name(), 0.9,
                        "face", 1L, null, null));
            }

            assertTrue(people.delete(p.id()));
            assertFalse(Files.exists(file), "the face file is gone");
            assertTrue(people.find(p.id()).isEmpty());
            assertFalse(people.delete(p.id()), "a second delete finds no one");
            AccessEvent kept = new EventStore(db.dataSource()).find(event.id()).orElseThrow();
            assertNull(kept.personId());
            assertEquals("Edsger", kept.personName());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void unreadableImagesAreRefusedAndNothingIsStored(Engine engine) throws IOException {
        try (Database db = TestDatabases.fresh(engine)) {
            Path dir = dir();
            People people = people(db, dir);
            Person p = people.create(new PersonDraft("Barbara", null, true, null, null));
            byte[] jpeg = image("jpg");
            for (byte[] bad : new byte[][] {"not an image".getBytes(), Arrays.copyOf(jpeg, jpeg.length / 2), {}}) {
                InvalidInputException e = assertThrows(InvalidInputException.class,
                        () -> people.addFace(p.id(), bad, FaceSource.UPLOAD, "test"));
                assertEquals("image", e.field());
            }
            assertTrue(people.faces().of(p.id()).isEmpty());
            assertTrue(people.addFace(123_456, jpeg, FaceSource.UPLOAD, "test").isEmpty(), "no such person");
            Face ok = people.addFace(p.id(), jpeg, FaceSource.CAMERA, "guard").orElseThrow();
            assertEquals(FaceSource.CAMERA, people.faces().find(p.id(), ok.id()).orElseThrow().source());
            assertTrue(people.faces().find(p.id() + 1, ok.id()).isEmpty(), "a face is found only under its person");
            assertTrue(people.faces().delete(p.id(), ok.id()));
            assertFalse(Files.exists(people.faces().path(ok)));
        }
    }

    /** A small image with detail, in "png" or "jpg". */
    public static byte[] image(String format) throws IOException {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x + y) * 2));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }
}
