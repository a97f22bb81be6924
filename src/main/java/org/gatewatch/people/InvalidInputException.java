package org.gatewatch.people;

/** A value a user gave cannot be stored; {@code field} names it as the API and the forms do. */
public final class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
