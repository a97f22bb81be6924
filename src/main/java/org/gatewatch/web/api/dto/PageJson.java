package org.gatewatch.web.api.dto;

import java.util.List;

/** One page of a list: the items and where they sit in the whole. */
public record PageJson<T>(List<T> items, int page, int size, long total, int pages) {
}
