package org.gatewatch.web.api.dto;

/**
 * A minted stream link; the field names are a public contract.
 *
 * @param url     the stream's or snapshot's absolute path, from the context path, with its {@code ?token=}
 * @param expires when it stops working, ISO-8601 UTC
 */
public record LinkJson(String url, String expires) {

    /** Without the url: its token opens the camera to whoever holds it. */
    @Override
    public String toString() {
        return "LinkJson[expires=" + expires + "]";
    }
}
