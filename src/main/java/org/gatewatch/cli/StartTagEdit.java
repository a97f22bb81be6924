package org.gatewatch.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets attributes in the text of one well-formed start tag (one {@link XmlStartTags} has found): a value present is
 * replaced where it stands, a new attribute follows the last one, on a line of its own when the tag already spans
 * several lines. Everything else in the tag stays as written.
 */
final class StartTagEdit {

    private record Span(int nameStart, int valueStart, int valueEnd) {
    }

    private StartTagEdit() {
    }

    static String set(String tag, Map<String, String> values) {
        Map<String, Span> spans = new LinkedHashMap<>();
        int i = 1;
        while (i < tag.length() && !isSpace(tag.charAt(i)) && tag.charAt(i) != '>' && tag.charAt(i) != '/') {
            i++;
        }
        int lastEnd = i;
        while (true) {
            while (i < tag.length() && isSpace(tag.charAt(i))) {
                i++;
            }
            if (i >= tag.length() || tag.charAt(i) == '>' || tag.charAt(i) == '/') {
                break;
            }
            int nameStart = i;
            while (tag.charAt(i) != '=' && !isSpace(tag.charAt(i))) {
                i++;
            }
            String name = tag.substring(nameStart, i);
            while (tag.charAt(i) != '\'' && tag.charAt(i) != '"') {
                i++;
            }
            char quote = tag.charAt(i);
            int close = tag.indexOf(quote, i + 1);
            spans.put(name, new Span(nameStart, i + 1, close));
            i = close + 1;
            lastEnd = i;
        }
        List<int[]> cuts = new ArrayList<>();
        List<String> inserts = new ArrayList<>();
        StringBuilder added = new StringBuilder();
        String separator = separator(tag);
        values.forEach((name, value) -> {
            Span s = spans.get(name);
            if (s != null) {
                cuts.add(new int[] {s.valueStart(), s.valueEnd()});
                inserts.add(escape(value));
            } else {
                added.append(separator).append(name).append("=\"").append(escape(value)).append('"');
            }
        });
        if (!added.isEmpty()) {
            cuts.add(new int[] {lastEnd, lastEnd});
            inserts.add(added.toString());
        }
        StringBuilder out = new StringBuilder(tag);
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < cuts.size(); k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingInt((Integer k) -> cuts.get(k)[0]).reversed());
        for (int k : order) {
            out.replace(cuts.get(k)[0], cuts.get(k)[1], inserts.get(k));
        }
        return out.toString();
    }

    /** A space, or for a tag over several lines a line break with the indentation of its last attribute line. */
    private static String separator(String tag) {
        int nl = tag.lastIndexOf('\n');
        while (nl >= 0) {
            int k = nl + 1;
            while (k < tag.length() && isSpace(tag.charAt(k))) {
                k++;
            }
            if (k < tag.length() && tag.charAt(k) != '/' && tag.charAt(k) != '>') {
                return "\n" + tag.substring(nl + 1, k);
            }
            nl = nl == 0 ? -1 : tag.lastIndexOf('\n', nl - 1);
        }
        return " ";
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
