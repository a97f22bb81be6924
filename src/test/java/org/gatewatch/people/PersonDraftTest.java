package org.gatewatch.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import org.junit.jupiter.api.Test;

class PersonDraftTest {

    // Found by the fuzz: a NUL in a name was stored on H2 and would be a 500 on PostgreSQL, which refuses it in text.
    @Test
    void aControlCharacterInANameOrIdIsRefusedWithItsField() {
        InvalidInputException name = assertThrows(InvalidInputException.class,
                () -> new PersonDraft("Ada\u0000", null, true, null, ""));
        assertEquals("name", name.field());
        assertEquals("no control characters (U+0000 at 4)", name.getMessage());
        assertEquals("name", assertThrows(InvalidInputException.class,
                () -> new PersonDraft("Ada\nLovelace", null, true, null, "")).field());
        assertEquals("externalId", assertThrows(InvalidInputException.class,
                () -> new PersonDraft("Ada", "B-\u001b[31m", true, null, "")).field());
        assertEquals("notes", assertThrows(InvalidInputException.class,
                () -> new PersonDraft("Ada", null, true, null, "a\u0000b")).field());
    }

    @Test
    void notesKeepTheirLineBreaksAndTabs() {
        assertEquals("line 1\r\nline 2\tend",
                new PersonDraft("Ada", null, true, null, "line 1\r\nline 2\tend").notes());
        assertEquals("Zoë Ünal", new PersonDraft("Zoë Ünal", null, true, null, null).name());
    }
}
