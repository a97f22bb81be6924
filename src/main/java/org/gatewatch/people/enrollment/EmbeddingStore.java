package org.gatewatch.people.enrollment;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.gatewatch.db.DataAccessException;

/**
 * The embedding columns of the face table (migration V2), in plain JDBC. The face rows themselves are
 * {@link org.gatewatch.people.FaceStore}'s; this class only reads and fills in what enrollment computed from them.
 */
final class EmbeddingStore {

    /** Longest reason kept in face.embedding_error (the column's size). */
    static final int MAX_ERROR = 300;

    /** One face of an active person, as the gallery needs it. */
    record EnrolledFace(long faceId, long personId, String file, float[] embedding, String model, String error) {

        /** True when {@code currentModel} must (re)compute this face: never embedded, or by another model. */
        boolean needsEmbedding(String currentModel) {
            return !currentModel.equals(model) || (embedding == null && error == null);
        }
    }

    private final DataSource db;

    EmbeddingStore(DataSource db) {
        this.db = db;
    }

    /** Every face of every active person, by face id. */
    List<EnrolledFace> activeFaces() {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT f.id, f.person_id, f.file, f.embedding,"
                     + " f.embedding_model, f.embedding_error FROM face f JOIN person p ON p.id = f.person_id"
                     + " WHERE p.active ORDER BY f.id");
             ResultSet r = s.executeQuery()) {
            return faces(r);
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the enrolled faces", e);
        }
    }

    /** The faces of one person, active or not, by face id; for how well each agrees with the others. */
    List<EnrolledFace> facesOf(long personId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, person_id, file, embedding, embedding_model,"
                     + " embedding_error FROM face WHERE person_id = ? ORDER BY id")) {
            s.setLong(1, personId);
            try (ResultSet r = s.executeQuery()) {
                return faces(r);
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the faces of person " + personId, e);
        }
    }

    /** The rows of a query of id, person_id, file, embedding, embedding_model, embedding_error, in that order. */
    private static List<EnrolledFace> faces(ResultSet r) throws SQLException {
        List<EnrolledFace> faces = new ArrayList<>();
        while (r.next()) {
            byte[] bytes = r.getBytes(4);
            faces.add(new EnrolledFace(r.getLong(1), r.getLong(2), r.getString(3),
                    bytes == null ? null : decode(bytes), r.getString(5), r.getString(6)));
        }
        return faces;
    }

    /** Stores the embedding {@code model} computed for a face; false when the face is gone (deleted meanwhile). */
    boolean save(long faceId, String model, float[] embedding) {
        return update(faceId, model, encode(embedding), null);
    }

    /** Notes that {@code model} found no usable face in the image, so rebuilds skip it until the model changes. */
    boolean saveUnusable(long faceId, String model, String reason) {
        String r = reason == null ? "unusable" : reason;
        return update(faceId, model, null, r.length() > MAX_ERROR ? r.substring(0, MAX_ERROR) : r);
    }

    private boolean update(long faceId, String model, byte[] embedding, String error) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE face SET embedding = ?, embedding_model = ?, embedding_error = ? WHERE id = ?")) {
            s.setBytes(1, embedding);
            s.setString(2, model);
            s.setString(3, error);
            s.setLong(4, faceId);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException("cannot store the embedding of face " + faceId, e);
        }
    }

    static byte[] encode(float[] embedding) {
        ByteBuffer b = ByteBuffer.allocate(embedding.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(embedding);
        return b.array();
    }

    static float[] decode(byte[] bytes) {
        if (bytes.length % Float.BYTES != 0) {
            throw new DataAccessException("a stored embedding of " + bytes.length + " bytes is not float32 values",
                    null);
        }
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
