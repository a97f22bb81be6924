package org.gatewatch.web.api.dto;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of POST /api/cameras/{id}/links: {@code {"seconds": N, "kind": "snapshot"}}. {@code seconds} stays a JSON
 * node so that only a whole number passes: Jackson would otherwise turn {@code 1.5} or {@code "60"} into a long.
 */
public record LinkInput(JsonNode seconds, String kind) {
}
