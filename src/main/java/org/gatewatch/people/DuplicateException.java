package org.gatewatch.people;

/** A value that must be unique is already taken (the external id); {@code field} names it. */
public final class DuplicateException extends RuntimeException {

    private final String field;

    public DuplicateException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
