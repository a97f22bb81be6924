package org.gatewatch.db;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param items  the rows of this page
 * @param page   page number, from 1
 * @param size   rows per page asked for
 * @param total  rows matching in all pages
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasNext() {
        return page < pages();
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public long offset() {
        return offset(page, size);
    }

    /** Rows before page {@code page} (from 1) of {@code size} rows: the SQL OFFSET, before the page is read. */
    public static long offset(int page, int size) {
        return (long) (page - 1) * size;
    }
}
