package org.gatewatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges what carries many viewers from GateWatch's own server.xml into a site's: its {@code Executor}, the tuned
 * attributes of its {@code Connector} on every HTTP connector (port, address and protocol stay the site's), and the
 * class JavaCPP needs initialised by {@code JreMemoryLeakPreventionListener}. The file is read by an XML parser
 * ({@link XmlStartTags}); only the start tags that change are rewritten, so the rest keeps the site's layout,
 * comments and attribute order.
 */
final class ServerXmlTuning {

    static final String LEAK_LISTENER = "org.apache.catalina.core.JreMemoryLeakPreventionListener";
    static final String JAVACPP_CLASS = "org.bytedeco.javacpp.Pointer";
    /**
     * Initialised at Tomcat's start, as conf/tomcat/server.xml does: JavaCPP's natives, and the JSP compiler's class
     * whose static exception would otherwise keep the stack (and class loader) of the first webapp that compiles a JSP.
     */
    static final String CLASSES_TO_INITIALIZE = JAVACPP_CLASS
            + ",org.eclipse.jdt.internal.compiler.lookup.ReferenceBinding";
    /** Site-specific Connector attributes: never copied from GateWatch's file. */
    private static final List<String> SITE_ATTRIBUTES = List.of("port", "address", "protocol");

    /** The merged text and one line per change; no changes means the file already has every setting. */
    record Result(String text, List<String> changes) {
    }

    /** Replace {@code [start, end)} with {@code text}; an insertion has start == end. */
    private record Edit(int start, int end, String text) {
    }

    private final Map<String, String> executor;
    private final Map<String, String> connector;

    private ServerXmlTuning(Map<String, String> executor, Map<String, String> connector) {
        this.executor = executor;
        this.connector = connector;
    }

    /** Reads the tuned Executor and Connector attributes from GateWatch's server.xml (conf/tomcat/server.xml). */
    static ServerXmlTuning from(Path tunedServerXml) throws IOException {
        XmlStartTags tuned = XmlStartTags.parse(Files.readString(tunedServerXml), tunedServerXml.toString());
        XmlStartTags.Tag ex = tuned.first("Executor");
        XmlStartTags.Tag co = tuned.first("Connector");
        if (ex == null || co == null) {
            throw new IOException(tunedServerXml + " has no Executor or no Connector to take the settings from");
        }
        Map<String, String> connectorAttributes = new LinkedHashMap<>(co.attributes());
        SITE_ATTRIBUTES.forEach(connectorAttributes::remove);
        return new ServerXmlTuning(new LinkedHashMap<>(ex.attributes()), connectorAttributes);
    }

    /** Merges the settings into the text of a site's server.xml ({@code what} names it in errors). */
    Result apply(String text, String what) throws IOException {
        XmlStartTags xml = XmlStartTags.parse(text, what);
        XmlStartTags.Tag server = xml.root();
        if (!"Server".equals(server.name())) {
            throw new IOException(what + ": the root element is <" + server.name() + ">, not <Server>");
        }
        List<Edit> edits = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        leakListener(xml, server, edits, changes);
        for (XmlStartTags.Tag service : xml.children(server, "Service")) {
            List<XmlStartTags.Tag> http = xml.children(service, "Connector").stream()
                    .filter(ServerXmlTuning::isHttp).toList();
            if (!http.isEmpty()) {
                executorIn(xml, service, http.get(0), edits, changes);
                for (XmlStartTags.Tag c : http) {
                    set(xml, c, connector, "Connector port " + c.attributes().get("port"), edits, changes);
                }
            }
        }
        // From the end backwards, so earlier offsets stay valid; at one offset the replacement goes first, so an
        // insertion there lands before the replaced tag.
        edits.sort(Comparator.comparingInt(Edit::start).thenComparingInt(e -> e.end() - e.start()).reversed());
        StringBuilder out = new StringBuilder(text);
        for (Edit e : edits) {
            out.replace(e.start(), e.end(), e.text());
        }
        return new Result(out.toString(), List.copyOf(changes));
    }

    private void leakListener(XmlStartTags xml, XmlStartTags.Tag server, List<Edit> edits, List<String> changes) {
        List<XmlStartTags.Tag> listeners = xml.children(server, "Listener");
        XmlStartTags.Tag listener = listeners.stream()
                .filter(l -> LEAK_LISTENER.equals(l.attributes().get("className"))).findFirst().orElse(null);
        if (listener == null) {
            String tag = "<Listener className=\"" + LEAK_LISTENER + "\" classesToInitialize=\""
                    + CLASSES_TO_INITIALIZE + "\"/>";
            XmlStartTags.Tag anchor = listeners.isEmpty() ? null : listeners.get(listeners.size() - 1);
            if (anchor != null && xml.text().charAt(anchor.end() - 2) == '/') {
                edits.add(new Edit(anchor.end(), anchor.end(), "\n" + xml.indentOf(anchor) + tag));
            } else {
                int at = server.end();
                edits.add(new Edit(at, at, "\n  " + tag));
            }
            changes.add("Listener " + LEAK_LISTENER + " added, classesToInitialize=\"" + CLASSES_TO_INITIALIZE
                    + "\"");
            return;
        }
        String classes = listener.attributes().getOrDefault("classesToInitialize", "").trim();
        List<String> present = Arrays.stream(classes.split(",")).map(String::trim).toList();
        List<String> missing = Arrays.stream(CLASSES_TO_INITIALIZE.split(",")).filter(c -> !present.contains(c))
                .toList();
        if (!missing.isEmpty()) {
            String value = (classes.isEmpty() ? "" : classes + ",") + String.join(",", missing);
            set(xml, listener, Map.of("classesToInitialize", value), "Listener JreMemoryLeakPreventionListener",
                    edits, changes);
        }
    }

    private void executorIn(XmlStartTags xml, XmlStartTags.Tag service, XmlStartTags.Tag firstHttpConnector,
                            List<Edit> edits, List<String> changes) {
        String name = executor.get("name");
        XmlStartTags.Tag existing = xml.children(service, "Executor").stream()
                .filter(e -> name.equals(e.attributes().get("name"))).findFirst().orElse(null);
        if (existing != null) {
            set(xml, existing, executor, "Executor " + name, edits, changes);
            return;
        }
        StringBuilder tag = new StringBuilder("<Executor");
        executor.forEach((k, v) -> tag.append(' ').append(k).append("=\"").append(StartTagEdit.escape(v)).append('"'));
        tag.append("/>");
        int at = xml.lineStartOf(firstHttpConnector);
        String indent = xml.indentOf(firstHttpConnector);
        edits.add(new Edit(at, at, at < firstHttpConnector.start() ? indent + tag + "\n" : tag + "\n" + indent));
        changes.add("Service " + service.attributes().get("name") + ": Executor " + name + " added ("
                + tag.substring("<Executor ".length(), tag.length() - 2) + ")");
    }

    /** Sets the attributes of one start tag that differ from {@code wanted}, as one edit and one line of changes. */
    private static void set(XmlStartTags xml, XmlStartTags.Tag tag, Map<String, String> wanted, String what,
                            List<Edit> edits, List<String> changes) {
        Map<String, String> differ = new LinkedHashMap<>();
        List<String> said = new ArrayList<>();
        wanted.forEach((key, value) -> {
            String was = tag.attributes().get(key);
            if (!value.equals(was)) {
                differ.put(key, value);
                said.add(key + "=\"" + value + "\"" + (was == null ? " (was unset)" : " (was \"" + was + "\")"));
            }
        });
        if (!differ.isEmpty()) {
            String old = xml.text().substring(tag.start(), tag.end());
            edits.add(new Edit(tag.start(), tag.end(), StartTagEdit.set(old, differ)));
            changes.add(what + ": " + String.join(", ", said));
        }
    }

    /** HTTP, not AJP: Tomcat's "HTTP/1.1" (NIO in 10.1 and 11), or an Http11 protocol class. */
    private static boolean isHttp(XmlStartTags.Tag c) {
        String protocol = c.attributes().getOrDefault("protocol", "");
        return protocol.isEmpty() || protocol.startsWith("HTTP/") || protocol.contains("Http11");
    }
}
