package org.gatewatch.web;

import jakarta.servlet.http.HttpServletRequest;
import org.gatewatch.people.AccessWindows;
import org.gatewatch.people.Person;
import org.gatewatch.people.PersonDraft;

/** The person form's fields as typed, so a refused form comes back with what the user wrote. */
public record PersonForm(String name, String externalId, boolean active, String accessWindows, String notes) {

    public static final PersonForm EMPTY = new PersonForm("", "", true, "", "");

    public static PersonForm of(HttpServletRequest req) {
        return new PersonForm(text(req, "name"), text(req, "externalId"), req.getParameter("active") != null,
                text(req, "accessWindows"), text(req, "notes"));
    }

    public static PersonForm of(Person p) {
        return new PersonForm(p.name(), p.externalId() == null ? "" : p.externalId(), p.active(),
                p.accessWindows().toString(), p.notes());
    }

    /** @throws org.gatewatch.people.InvalidInputException naming the field at fault */
    public PersonDraft toDraft() {
        return new PersonDraft(name, externalId, active, AccessWindows.parse(accessWindows), notes);
    }

    private static String text(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        return v == null ? "" : v;
    }
}
