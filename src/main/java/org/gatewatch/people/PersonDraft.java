package org.gatewatch.people;

/**
 * What a user may set on a person, checked here once for the API and the forms alike. Blank external ids become
 * null; text is trimmed.
 */
public record PersonDraft(String name, String externalId, boolean active, AccessWindows accessWindows, String notes) {

    public static final int MAX_NAME = 200;
    public static final int MAX_EXTERNAL_ID = 100;
    public static final int MAX_NOTES = 4000;

    public PersonDraft {
        name = name == null ? "" : name.strip();
        if (name.isEmpty()) {
            throw new InvalidInputException("name", "a name is required");
        }
        checkNoControlCharacters("name", name, false);
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException("name", "at most " + MAX_NAME + " characters");
        }
        externalId = externalId == null || externalId.isBlank() ? null : externalId.strip();
        if (externalId != null && externalId.length() > MAX_EXTERNAL_ID) {
            throw new InvalidInputException("externalId", "at most " + MAX_EXTERNAL_ID + " characters");
        }
        if (externalId != null) {
            checkNoControlCharacters("externalId", externalId, false);
        }
        accessWindows = accessWindows == null ? AccessWindows.ANY_TIME : accessWindows;
        if (accessWindows.toString().length() > 1000) {
            throw new InvalidInputException("accessWindows", "too many windows (1000 characters at most)");
        }
        notes = notes == null ? "" : notes.strip();
        if (notes.length() > MAX_NOTES) {
            throw new InvalidInputException("notes", "at most " + MAX_NOTES + " characters");
        }
        checkNoControlCharacters("notes", notes, true);
    }

    /**
     * Control characters are no part of a name or an id and break what stores or shows them: PostgreSQL refuses a
     * NUL in text (a 500 instead of this 422), and a name is one line. Notes keep their line breaks and tabs.
     */
    private static void checkNoControlCharacters(String field, String value, boolean lineBreaksAllowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = lineBreaksAllowed && (c == '\n' || c == '\r' || c == '\t');
            if (Character.isISOControl(c) && !allowed) {
                throw new InvalidInputException(field, String.format("no control characters (U+%04X at %d)", (int) c,
                        i + 1));
            }
        }
    }
}
