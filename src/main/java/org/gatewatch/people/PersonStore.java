package org.gatewatch.people;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.gatewatch.db.DataAccessException;
import org.gatewatch.db.Page;
import org.gatewatch.db.PagedQuery;

/**
 * The person table, in plain JDBC. Face files are {@link FaceStore}'s; {@link People} deletes both together.
 * Its {@link PeopleListener}s hear of every stored change.
 */
public final class PersonStore {

    /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS =
            "id, name, external_id, active, access_windows, notes, created_at, updated_at";

    private final DataSource db;
    private final ChangeListeners listeners = new ChangeListeners();

    public PersonStore(DataSource db) {
        this.db = db;
    }

    public void addListener(PeopleListener listener) {
        listeners.add(listener);
    }

    public void removeListener(PeopleListener listener) {
        listeners.remove(listener);
    }

    /** People whose name contains {@code search} (any case; all when blank), by name. */
    public Page<Person> list(String search, int page, int size) {
        String pattern = search == null || search.isBlank() ? null
                : "%" + escapeLike(search.strip().toLowerCase(Locale.ROOT)) + "%";
        String where = pattern == null ? "" : " WHERE LOWER(name) LIKE ? ESCAPE '\\'";
        try (Connection c = db.getConnection()) {
            return PagedQuery.read(c, COLUMNS, "FROM person" + where, "ORDER BY LOWER(name), id", (s, i) -> {
                if (pattern != null) {
                    s.setString(i++, pattern);
                }
                return i;
            }, PersonStore::read, page, size);
        } catch (SQLException e) {
            throw new DataAccessException("cannot list people", e);
        }
    }

    public Optional<Person> find(long id) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM person WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read person " + id, e);
        }
    }

    /** @throws DuplicateException when the external id belongs to someone else */
    public Person create(PersonDraft draft, Instant now) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO person (name, external_id, active, access_windows,"
                     + " notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            bind(s, draft);
            s.setObject(6, time(now));
            s.setObject(7, time(now));
            s.executeUpdate();
            long id;
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            listeners.fire();
            return new Person(id, draft.name(), draft.externalId(), draft.active(), draft.accessWindows(),
                    draft.notes(), now, now);
        } catch (SQLException e) {
            throw translate(e, draft, "cannot create a person");
        }
    }

    /** Replaces every field the user may set; empty when no such person. */
    public Optional<Person> update(long id, PersonDraft draft, Instant now) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE person SET name = ?, external_id = ?, active = ?,"
                     + " access_windows = ?, notes = ?, updated_at = ? WHERE id = ?")) {
            bind(s, draft);
            s.setObject(6, time(now));
            s.setLong(7, id);
            if (s.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw translate(e, draft, "cannot update person " + id);
        }
        listeners.fire();
        return find(id);
    }

    /** Deletes the row (face rows cascade, events keep the name); false when no such person. */
    boolean delete(long id) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM person WHERE id = ?")) {
            s.setLong(1, id);
            if (s.executeUpdate() == 0) {
                return false;
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot delete person " + id, e);
        }
        listeners.fire();
        return true;
    }

    private static void bind(PreparedStatement s, PersonDraft d) throws SQLException {
        s.setString(1, d.name());
        s.setString(2, d.externalId());
        s.setBoolean(3, d.active());
        s.setString(4, d.accessWindows().toString());
        s.setString(5, d.notes());
    }

    private static RuntimeException translate(SQLException e, PersonDraft draft, String what) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return new DuplicateException("externalId", "external id '" + draft.externalId() + "' is already in use");
        }
        return new DataAccessException(what, e);
    }

    private static Person read(ResultSet r) throws SQLException {
        return new Person(r.getLong(1), r.getString(2), r.getString(3), r.getBoolean(4),
                AccessWindows.parse(r.getString(5)), r.getString(6),
                r.getObject(7, OffsetDateTime.class).toInstant(), r.getObject(8, OffsetDateTime.class).toInstant());
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
