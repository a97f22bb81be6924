package org.gatewatch.http;

/** An error that a handler throws to answer with a status and a one-line message, e.g. {@code new HttpError(404, "no camera 'x'")}. */
public final class HttpError extends RuntimeException {

    private final int status;
    private final String field;

    public HttpError(int status, String message) {
        this(status, message, null);
    }

    public HttpError(int status, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
