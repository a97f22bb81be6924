package org.gatewatch.db;

/** A database call failed for a reason the caller cannot fix (server down, bug in SQL); the cause says why. */
public final class DataAccessException extends RuntimeException {
    public DataAccessException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
