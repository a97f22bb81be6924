package org.gatewatch.people;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.gatewatch.db.DataAccessException;

/**
 * Face images: the bytes as files under {@code <data>/faces/<personId>/}, one row each in the face table. The file
 * is written before its row, and removed again if the row cannot be inserted, so a row never names a missing file.
 * Its {@link PeopleListener}s hear of every face added or deleted.
 */
public final class FaceStore {

    private static final Logger LOG = LogManager.getLogger(FaceStore.class);
    private static final String COLUMNS =
            "id, person_id, file, content_type, bytes, width, height, source, added_by, created_at";

    private final DataSource db;
    private final Path root;
    private final ChangeListeners listeners = new ChangeListeners();

    public FaceStore(DataSource db, Path facesDir) {
        this.db = db;
        this.root = facesDir.toAbsolutePath();
    }

    public void addListener(PeopleListener listener) {
        listeners.add(listener);
    }

    public void removeListener(PeopleListener listener) {
        listeners.remove(listener);
    }

    /**
     * Stores an image already checked and encoded afresh by {@link ImageCheck#clean}, with its embedding in the same row when given (else
     * null). The person must exist (the caller checked it).
     */
    public Face add(long personId, byte[] image, ImageCheck.Info info, FaceSource source, String addedBy, Instant now,
                    Embedding embedding) {
        String file = personId + "/" + UUID.randomUUID() + "." + info.extension();
        Path path = root.resolve(file);
        try {
            Files.createDirectories(path.getParent());
            Files.write(path, image);
        } catch (IOException e) {
            throw new DataAccessException("cannot write face image " + path, e);
        }
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO face (person_id, file, content_type, bytes, width,"
                     + " height, source, added_by, created_at, embedding, embedding_model)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, personId);
            s.setString(2, file);
            s.setString(3, info.contentType());
            s.setInt(4, image.length);
            s.setInt(5, info.width());
            s.setInt(6, info.height());
            s.setString(7, source.name());
            s.setString(8, addedBy);
            s.setObject(9, PersonStore.time(now));
            s.setBytes(10, embedding == null ? null : embedding.vector());
            s.setString(11, embedding == null ? null : embedding.model());
            s.executeUpdate();
            Face face;
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                face = new Face(keys.getLong(1), personId, file, info.contentType(), image.length, info.width(),
                        info.height(), source, addedBy, now);
            }
            listeners.fire();
            return face;
        } catch (SQLException e) {
            deleteFile(file);
            throw new DataAccessException("cannot store a face of person " + personId, e);
        }
    }

    /** The faces of one person, oldest first. */
    public List<Face> of(long personId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM face WHERE person_id = ? ORDER BY id")) {
            s.setLong(1, personId);
            List<Face> faces = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    faces.add(read(r));
                }
            }
            return faces;
        } catch (SQLException e) {
            throw new DataAccessException("cannot list faces of person " + personId, e);
        }
    }

    /** Face {@code faceId} if it belongs to {@code personId}. */
    public Optional<Face> find(long personId, long faceId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM face WHERE id = ? AND person_id = ?")) {
            s.setLong(1, faceId);
            s.setLong(2, personId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read face " + faceId, e);
        }
    }

    /** The image file of a face. */
    public Path path(Face face) {
        return root.resolve(face.file());
    }

    /** Deletes the row, then the file; false when there is no such face of that person. */
    public boolean delete(long personId, long faceId) {
        Optional<Face> face = find(personId, faceId);
        if (face.isEmpty()) {
            return false;
        }
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM face WHERE id = ?")) {
            s.setLong(1, faceId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("cannot delete face " + faceId, e);
        }
        deleteFile(face.get().file());
        listeners.fire();
        return true;
    }

    /** Removes a deleted person's images and folder; their rows went with the person row (ON DELETE CASCADE). */
    void deleteFiles(long personId, List<Face> images) {
        for (Face face : images) {
            deleteFile(face.file());
        }
        try {
            Files.deleteIfExists(root.resolve(Long.toString(personId)));
        } catch (IOException e) {
            LOG.warn("Cannot remove the face folder of person {}: {}", personId, e.getMessage());
        }
    }

    private void deleteFile(String file) {
        try {
            Files.deleteIfExists(root.resolve(file));
        } catch (IOException e) {
            LOG.warn("Cannot delete face image {}: {}", file, e.getMessage());
        }
    }

    private static Face read(ResultSet r) throws SQLException {
        return new Face(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getInt(5), r.getInt(6),
                r.getInt(7), FaceSource.valueOf(r.getString(8)), r.getString(9),
                r.getObject(10, OffsetDateTime.class).toInstant());
    }
}
