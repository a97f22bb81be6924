package org.gatewatch.app;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Reads the settings of Tomcat's HTTP connectors through JMX at start, and says which ones will not carry many
 * viewers, with the fix. An untouched Tomcat (8 KiB socket write buffer, a private thread pool per connector) serves a
 * thousand viewers with about 1.5 times the CPU of conf/tomcat/server.xml, and falls behind at two thousand, with
 * nothing in its log to say why: this says why, once, in the log and in /api/status.
 */
final class ConnectorCheck {

    private static final Logger LOG = LogManager.getLogger(ConnectorCheck.class);
    /** A whole JPEG part of a typical 640×480 stream in one socket write. */
    static final int MIN_WRITE_BUFFER = 64 * 1024;

    private ConnectorCheck() {
    }

    /** One line per problem found (empty when the connectors are tuned, or when no Tomcat connector is visible). */
    static List<String> run() {
        List<String> warnings = new ArrayList<>();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            Set<ObjectName> connectors = server.queryNames(new ObjectName("*:type=Connector,*"), null);
            for (ObjectName name : connectors) {
                warnings.addAll(check(server, name));
            }
        } catch (JMException | RuntimeException e) {
            LOG.warn("Could not read Tomcat's connector settings through JMX ({}); the stream still works", e.toString());
            return List.of();
        }
        warnings.forEach(LOG::warn);
        return List.copyOf(warnings);
    }

    private static List<String> check(MBeanServer server, ObjectName name) throws JMException {
        Object protocol = server.getAttribute(name, "protocol");
        if (protocol == null || !String.valueOf(protocol).contains("HTTP") && !String.valueOf(protocol).contains("Http")) {
            return List.of();
        }
        String port = String.valueOf(server.getAttribute(name, "port"));
        List<String> warnings = new ArrayList<>();
        // Tomcat answers socket.* properties as text.
        int buffer = integer(server.getAttribute(name, "socket.appWriteBufSize"));
        if (buffer > 0 && buffer < MIN_WRITE_BUFFER) {
            warnings.add("Tomcat connector on port " + port + ": socket.appWriteBufSize is " + buffer
                    + " bytes, so each frame takes many socket writes per viewer; set socket.appWriteBufSize=\"131072\""
                    + " on the Connector (as conf/tomcat/server.xml does)");
        }
        Object executor = server.getAttribute(name, "executorName");
        if (executor == null || "Internal".equals(executor)) {
            warnings.add("Tomcat connector on port " + port + " has no shared Executor, so its request threads grow"
                    + " with the viewers (up to maxThreads); give it executor=\"…\" with an <Executor> as"
                    + " conf/tomcat/server.xml does");
        }
        return warnings;
    }

    /** A number from an attribute Tomcat gives as a number or as text; -1 when it is neither. */
    private static int integer(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return value == null ? -1 : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
