package org.gatewatch.web.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.gatewatch.events.AccessEvent;

/** Writes events as CSV (RFC 4180), one row per event, for the export of a filtered list. */
final class EventCsv {

    static final String HEADER = "id,time,camera,decision,person_id,person_name,score,rule,track_id,frame_url,"
            + "face_url,snapshot_error,spoof_score";

    private final Writer out;
    private final String apiBase;

    EventCsv(Writer out, String apiBase) {
        this.out = out;
        this.apiBase = apiBase;
    }

    void header() throws IOException {
        out.write(HEADER + "\r\n");
    }

    /** Invoked once per row while the query streams. */
    void row(AccessEvent e) {
        String base = apiBase + "/events/" + e.id();
        try {
            out.write(String.join(",", Long.toString(e.id()), e.time().toString(), cell(e.camera()),
                    e.decision().name(), e.personId() == null ? "" : e.personId().toString(), cell(e.personName()),
                    e.score() == null ? "" : e.score().toString(), cell(e.rule()),
                    e.trackId() == null ? "" : e.trackId().toString(),
                    e.frameFile() == null ? "" : base + "/frame.jpg", e.faceFile() == null ? "" : base + "/face.jpg",
                    cell(e.snapshotError()), e.spoofScore() == null ? "" : e.spoofScore().toString()));
            out.write("\r\n");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Quotes when needed. A cell starting with = + - @ is prefixed with ' so a spreadsheet shows it as text rather
     * than running it as a formula (names are typed by users).
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
