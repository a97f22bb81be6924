package org.gatewatch.web.api.dto;

import org.gatewatch.people.AccessWindows;
import org.gatewatch.people.PersonDraft;

/**
 * The body of POST and PUT /api/people: every field a user may set. {@code active} defaults to true; the others to
 * empty. Checked by {@link PersonDraft} (422 with the field at fault).
 */
public record PersonInput(String name, String externalId, Boolean active, String accessWindows, String notes) {

    public PersonDraft toDraft() {
        return new PersonDraft(name, externalId, active == null || active, AccessWindows.parse(accessWindows), notes);
    }
}
