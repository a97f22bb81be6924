package org.gatewatch.people;

import java.time.Instant;

/** A person as stored. {@code externalId} (badge or employee number) is null when none was given. */
public record Person(long id, String name, String externalId, boolean active, AccessWindows accessWindows,
                     String notes, Instant createdAt, Instant updatedAt) {
}
