package org.gatewatch.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.gatewatch.db.DataAccessException;
import org.gatewatch.db.Page;
import org.gatewatch.db.PagedQuery;

/** The access_event table in plain JDBC. Lists are newest first. */
public final class EventStore {

    private static final String COLUMNS = "id, camera, occurred_at, decision, person_id, person_name, score, rule,"
            + " track_id, frame_file, face_file, snapshot_error, spoof_score";
    private static final String NEWEST_FIRST = " ORDER BY occurred_at DESC, id DESC";

    private final DataSource db;

    public EventStore(DataSource db) {
        this.db = db;
    }

    /** The highest event id stored; 0 when there is none. New ids start above it. */
    public long maxId() {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT MAX(id) FROM access_event");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the highest event id", e);
        }
    }

    public Optional<AccessEvent> find(long id) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM access_event WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read event " + id, e);
        }
    }

    /** One page of the events matching {@code filter}, newest first. */
    public Page<AccessEvent> page(EventFilter filter, int page, int size) {
        Where where = Where.of(filter);
        try (Connection c = db.getConnection()) {
            return PagedQuery.read(c, COLUMNS, "FROM access_event" + where.sql, NEWEST_FIRST.strip(), where::bind,
                    EventStore::read, page, size);
        } catch (SQLException e) {
            throw new DataAccessException("cannot list events", e);
        }
    }

    /** Rows per query of {@link #forEach}. */
    static final int EXPORT_BATCH = 500;

    /**
     * Hands up to {@code limit} matching events, newest first, to {@code sink} (the CSV export). It reads them in
     * short queries of {@value #EXPORT_BATCH} rows, each continuing after the last row of the one before (by time,
     * then id), and holds no connection while {@code sink} writes: a slow download cannot keep connections from the
     * recording of decisions.
     */
    public void forEach(EventFilter filter, int limit, Consumer<AccessEvent> sink) {
        Where where = Where.of(filter);
        AccessEvent last = null;
        int sent = 0;
        while (sent < limit) {
            List<AccessEvent> batch = batchAfter(where, last, Math.min(EXPORT_BATCH, limit - sent));
            batch.forEach(sink);
            sent += batch.size();
            if (batch.size() < EXPORT_BATCH) {
                return;
            }
            last = batch.get(batch.size() - 1);
        }
    }

    private List<AccessEvent> batchAfter(Where where, AccessEvent last, int rows) {
        String after = last == null ? "" : (where.sql.isEmpty() ? " WHERE " : " AND ")
                + "(occurred_at < ? OR (occurred_at = ? AND id < ?))";
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM access_event" + where.sql + after
                     + NEWEST_FIRST + " FETCH FIRST ? ROWS ONLY")) {
            int i = where.bind(s, 1);
            if (last != null) {
                s.setObject(i++, last.time().atOffset(ZoneOffset.UTC));
                s.setObject(i++, last.time().atOffset(ZoneOffset.UTC));
                s.setLong(i++, last.id());
            }
            s.setInt(i, rows);
            List<AccessEvent> batch = new ArrayList<>(rows);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    batch.add(read(r));
                }
            }
            return batch;
        } catch (SQLException e) {
            throw new DataAccessException("cannot export events", e);
        }
    }

    /** Events with an id above {@code lastId}, oldest first: what an SSE client that reconnects has missed. */
    public List<AccessEvent> after(long lastId, int limit) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM access_event WHERE id > ?"
                     + " ORDER BY id FETCH FIRST ? ROWS ONLY")) {
            s.setLong(1, lastId);
            s.setInt(2, limit);
            List<AccessEvent> list = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    list.add(read(r));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new DataAccessException("cannot read events after " + lastId, e);
        }
    }

    /**
     * Access decisions per kind since {@code since} (today's totals), optionally of one camera; a camera's own events
     * (down, up) are not decisions about anyone and are not counted.
     */
    public Map<Decision, Long> countsSince(Instant since, String camera) {
        Map<Decision, Long> counts = new EnumMap<>(Decision.class);
        for (Decision d : Decision.values()) {
            if (!d.aboutCamera()) {
                counts.put(d, 0L);
            }
        }
        String sql = "SELECT decision, COUNT(*) FROM access_event WHERE occurred_at >= ?"
                + (camera == null ? "" : " AND camera = ?") + " GROUP BY decision";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, since.atOffset(ZoneOffset.UTC));
            if (camera != null) {
                s.setString(2, camera);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Decision d = Decision.valueOf(r.getString(1));
                    if (!d.aboutCamera()) {
                        counts.put(d, r.getLong(2));
                    }
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new DataAccessException("cannot count events", e);
        }
    }

    /**
     * Deletes up to {@code batch} events older than {@code cutoff} and returns them, so their snapshot files can be
     * deleted after the rows are gone.
     */
    public List<AccessEvent> deleteOlderThan(Instant cutoff, int batch) {
        try (Connection c = db.getConnection()) {
            List<AccessEvent> old = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM access_event"
                    + " WHERE occurred_at < ? ORDER BY id FETCH FIRST ? ROWS ONLY")) {
                s.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                s.setInt(2, batch);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        old.add(read(r));
                    }
                }
            }
            if (!old.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM access_event WHERE id <= ? AND occurred_at < ?")) {
                    s.setLong(1, old.get(old.size() - 1).id());
                    s.setObject(2, cutoff.atOffset(ZoneOffset.UTC));
                    s.executeUpdate();
                }
            }
            return old;
        } catch (SQLException e) {
            throw new DataAccessException("cannot delete old events", e);
        }
    }

    private static AccessEvent read(ResultSet r) throws SQLException {
        long personId = r.getLong(5);
        Long person = r.wasNull() ? null : personId;
        double scoreValue = r.getDouble(7);
        Double score = r.wasNull() ? null : scoreValue;
        long trackValue = r.getLong(9);
        Long track = r.wasNull() ? null : trackValue;
        double spoofValue = r.getDouble(13);
        Double spoof = r.wasNull() ? null : spoofValue;
        return new AccessEvent(r.getLong(1), r.getString(2), r.getObject(3, OffsetDateTime.class).toInstant(),
                Decision.valueOf(r.getString(4)), person, r.getString(6), score, r.getString(8), track,
                r.getString(10), r.getString(11), r.getString(12), spoof);
    }

    /** The WHERE clause of a filter and its parameters, in order. */
    private record Where(String sql, List<Object> params) {

        static Where of(EventFilter f) {
            List<String> terms = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            if (f.camera() != null) {
                terms.add("camera = ?");
                params.add(f.camera());
            }
            if (f.aboutCamera() != null) {
                List<String> kinds = new ArrayList<>();
                for (Decision d : Decision.values()) {
                    if (d.aboutCamera() == f.aboutCamera()) {
                        kinds.add("?");
                        params.add(d.name());
                    }
                }
                terms.add("decision IN (" + String.join(", ", kinds) + ")");
            }
            if (f.decision() != null) {
                terms.add("decision = ?");
                params.add(f.decision().name());
            }
            if (f.personId() != null) {
                terms.add("person_id = ?");
                params.add(f.personId());
            }
            if (f.from() != null) {
                terms.add("occurred_at >= ?");
                params.add(f.from().atOffset(ZoneOffset.UTC));
            }
            if (f.to() != null) {
                terms.add("occurred_at < ?");
                params.add(f.to().atOffset(ZoneOffset.UTC));
            }
            return new Where(terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms), params);
        }

        /** Binds the parameters from {@code index}; returns the next free index. */
        int bind(PreparedStatement s, int index) throws SQLException {
            for (Object p : params) {
                s.setObject(index++, p);
            }
            return index;
        }
    }
}
