package org.gatewatch.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.Set;
import javax.sql.DataSource;
import org.gatewatch.db.DataAccessException;
import org.gatewatch.events.journal.JournalDelivery;

/**
 * The journal's reader for the database: writes each decision's row under the id the journal gave it, once. The
 * database being away is "not now" for the reader, which tries again; a row the database can never take is refused.
 */
public final class EventRows implements JournalDelivery {

    /** SQLSTATE of a unique or primary key violation, the same in H2 and PostgreSQL. */
    private static final String DUPLICATE_KEY = "23505";
    /** SQLSTATE of a foreign key that names no row: PostgreSQL's, then H2's. */
    private static final Set<String> NO_SUCH_ROW = java.util.Set.of("23503", "23506");

    private final DataSource db;

    public EventRows(DataSource db) {
        this.db = db;
    }

    @Override
    public void deliver(AccessEvent event) throws Refused {
        insertOnce(event);
    }

    /**
     * Inserts the row of a journaled decision under its own id, once: a row that is already there (written before a
     * crash cut the journal reader short) is left as it is.
     *
     * @throws JournalDelivery.Refused if the database rejects its content, which no retry can change
     */
    void insertOnce(AccessEvent e) throws JournalDelivery.Refused {
        try {
            insert(e, e.personId());
        } catch (SQLException ex) {
            String state = ex.getSQLState() == null ? "" : ex.getSQLState();
            if (state.equals(DUPLICATE_KEY)) {
                return;
            }
            if (NO_SUCH_ROW.contains(state) && e.personId() != null) {
                // The person was deleted while the decision waited: unlinked, as the schema does for older rows.
                insertUnlinked(e);
                return;
            }
            if (state.startsWith("22") || state.startsWith("23")) {
                throw new JournalDelivery.Refused("the database rejects event " + e.id() + " of camera "
                        + e.camera(), ex);
            }
            throw new DataAccessException("cannot store event " + e.id() + " of camera " + e.camera(), ex);
        }
    }

    private void insertUnlinked(AccessEvent e) throws JournalDelivery.Refused {
        try {
            insert(e, null);
        } catch (SQLException ex) {
            if (!DUPLICATE_KEY.equals(ex.getSQLState())) {
                throw new JournalDelivery.Refused("the database rejects event " + e.id() + " without its person", ex);
            }
        }
    }

    private void insert(AccessEvent e, Long personId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO access_event (id, camera, occurred_at, decision,"
                     + " person_id, person_name, score, rule, track_id, frame_file, face_file, snapshot_error,"
                     + " spoof_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, e.id());
            s.setString(2, e.camera());
            s.setObject(3, e.time().atOffset(ZoneOffset.UTC));
            s.setString(4, e.decision().name());
            setLong(s, 5, personId);
            s.setString(6, fit(e.personName(), 200));
            setDouble(s, 7, e.score());
            s.setString(8, fit(e.rule(), 200));
            setLong(s, 9, e.trackId());
            s.setString(10, e.frameFile());
            s.setString(11, e.faceFile());
            s.setString(12, fit(e.snapshotError(), 1000));
            setDouble(s, 13, e.spoofScore());
            s.executeUpdate();
        }
    }

    /** A text cut to its column's width: a long error message must not cost the decision its row. */
    private static String fit(String text, int width) {
        return text == null || text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }
}
