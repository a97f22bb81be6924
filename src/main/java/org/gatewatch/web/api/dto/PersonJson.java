package org.gatewatch.web.api.dto;

import java.util.List;
import org.gatewatch.people.Face;
import org.gatewatch.people.Person;

/** A person in the API; {@code faces} is listed when reading one person, null in lists. */
public record PersonJson(long id, String name, String externalId, boolean active, String accessWindows, String notes,
                         String createdAt, String updatedAt, List<FaceJson> faces) {

    public static PersonJson of(Person p, List<Face> faces, String apiBase) {
        return new PersonJson(p.id(), p.name(), p.externalId(), p.active(), p.accessWindows().toString(), p.notes(),
                p.createdAt().toString(), p.updatedAt().toString(),
                faces == null ? null : faces.stream().map(f -> FaceJson.of(f, apiBase)).toList());
    }
}
