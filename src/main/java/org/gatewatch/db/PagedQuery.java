package org.gatewatch.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a filtered list, as the stores read it: the count of every matching row, then the page itself with
 * OFFSET/FETCH (SQL:2008, which both H2 and PostgreSQL understand), on one connection.
 */
public final class PagedQuery {

    /** Sets the WHERE clause's parameters from {@code first} on; returns the next free parameter index. */
    @FunctionalInterface
    public interface Binder {
        int bind(PreparedStatement s, int first) throws SQLException;
    }

    /** Reads the current row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet r) throws SQLException;
    }

    private PagedQuery() {
    }

    /**
     * @param columns the SELECT list of a row
     * @param from    {@code FROM table WHERE …} (the WHERE part may be empty)
     * @param orderBy {@code ORDER BY …}, which must make the order total so pages do not overlap
     */
    public static <T> Page<T> read(Connection c, String columns, String from, String orderBy, Binder bind,
                                   RowReader<T> row, int page, int size) throws SQLException {
        long total;
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) " + from)) {
            bind.bind(s, 1);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                total = r.getLong(1);
            }
        }
        List<T> items = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + columns + " " + from + " " + orderBy
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            int i = bind.bind(s, 1);
            s.setLong(i++, Page.offset(page, size));
            s.setInt(i, size);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    items.add(row.read(r));
                }
            }
        }
        return new Page<>(items, page, size, total);
    }
}
