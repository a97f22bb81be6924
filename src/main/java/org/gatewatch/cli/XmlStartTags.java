package org.gatewatch.cli;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Every element's start tag in an XML text, as the JDK's StAX parser reads it: its name, parent, attributes in
 * document order and where its text begins and ends. An edit can then replace exactly one start tag, or insert before
 * one, and leave every other character of the file as the site wrote it (layout, comments, attribute order).
 * Where each tag stands is found by a scan of the text (StAX's own locations are off after some XML declarations),
 * matched tag by tag with what the parser read.
 */
final class XmlStartTags {

    /**
     * One start tag.
     *
     * @param parent index of the parent's tag in {@link #tags()}, -1 for the root
     * @param start  offset of its {@code <}
     * @param end    offset just past its {@code >}
     */
    record Tag(int index, String name, int parent, Map<String, String> attributes, int start, int end) {
    }

    private final String text;
    private final List<Tag> tags;

    private XmlStartTags(String text, List<Tag> tags) {
        this.text = text;
        this.tags = tags;
    }

    /**
     * Parses {@code text}. A document with a DOCTYPE is refused: Tomcat sites use one to pull other files in as
     * entities, whose text this class could not place.
     */
    static XmlStartTags parse(String text, String what) throws IOException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        List<int[]> spans = startTagSpans(text);
        List<Tag> tags = new ArrayList<>();
        Deque<Integer> open = new ArrayDeque<>();
        try {
            XMLStreamReader r = f.createXMLStreamReader(new StringReader(text));
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new IOException(what + " has a DOCTYPE; add the settings by hand (docs/deploy.md)");
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    int[] span = spans.size() > tags.size() ? spans.get(tags.size()) : null;
                    if (span == null || !text.startsWith("<" + name, span[0])) {
                        throw new IOException(what + ": cannot place the start tag of <" + name + ">");
                    }
                    int start = span[0];
                    int end = span[1];
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                    }
                    int parent = open.isEmpty() ? -1 : open.peek();
                    tags.add(new Tag(tags.size(), name, parent, attributes, start, end));
                    open.push(tags.size() - 1);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    open.pop();
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException(what + " is not well-formed XML: " + e.getMessage(), e);
        }
        if (tags.isEmpty()) {
            throw new IOException(what + " has no elements");
        }
        return new XmlStartTags(text, List.copyOf(tags));
    }

    /**
     * {@code [start, end)} of every start tag in document order: outside comments, processing instructions, CDATA
     * and end tags, a {@code <} opens a start tag, which ends at the first {@code >} outside a quoted value.
     */
    private static List<int[]> startTagSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        int i = text.indexOf('<');
        while (i >= 0 && i < text.length() - 1) {
            int next;
            if (text.startsWith("<!--", i)) {
                next = text.indexOf("-->", i) + 3;
            } else if (text.startsWith("<![CDATA[", i)) {
                next = text.indexOf("]]>", i) + 3;
            } else if (text.startsWith("<?", i)) {
                next = text.indexOf("?>", i) + 2;
            } else if (text.startsWith("</", i) || text.startsWith("<!", i)) {
                next = text.indexOf('>', i) + 1;
            } else {
                int j = i + 1;
                char quote = 0;
                while (j < text.length() && (quote != 0 || text.charAt(j) != '>')) {
                    char c = text.charAt(j);
                    if (quote == 0 && (c == '"' || c == '\'')) {
                        quote = c;
                    } else if (c == quote) {
                        quote = 0;
                    }
                    j++;
                }
                next = j + 1;
                spans.add(new int[] {i, next});
            }
            if (next <= i) {
                break; // unterminated: the parser reports the document as not well-formed
            }
            i = text.indexOf('<', next);
        }
        return spans;
    }

    String text() {
        return text;
    }

    List<Tag> tags() {
        return tags;
    }

    Tag root() {
        return tags.get(0);
    }

    /** The direct children of {@code parent} named {@code name}, in document order. */
    List<Tag> children(Tag parent, String name) {
        return tags.stream().filter(t -> t.parent() == parent.index() && t.name().equals(name)).toList();
    }

    /** The first element named {@code name} anywhere, or null. */
    Tag first(String name) {
        return tags.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    /** The whitespace from the start of the tag's line to the tag: the indentation a sibling inserted before it gets. */
    String indentOf(Tag tag) {
        int lineStart = text.lastIndexOf('\n', tag.start()) + 1;
        String before = text.substring(lineStart, tag.start());
        return before.isBlank() ? before : "";
    }

    /** Offset of the start of the tag's line when only whitespace precedes it there, else the tag's own start. */
    int lineStartOf(Tag tag) {
        int lineStart = text.lastIndexOf('\n', tag.start()) + 1;
        return text.substring(lineStart, tag.start()).isBlank() ? lineStart : tag.start();
    }
}
