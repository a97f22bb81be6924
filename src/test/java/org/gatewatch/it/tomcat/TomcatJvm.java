package org.gatewatch.it.tomcat;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A real Tomcat's JVM seen through its own management agent, attached by pid as jcmd does: the heap after a full GC
 * and the names of its threads.
 */
public final class TomcatJvm implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private TomcatJvm(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    public static TomcatJvm attach(RealTomcat tomcat) {
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(tomcat.pid()));
            try {
                String url = vm.startLocalManagementAgent();
                return new TomcatJvm(JMXConnectorFactory.connect(new JMXServiceURL(url)));
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            throw new IllegalStateException("cannot attach to the JVM of " + tomcat, e);
        }
    }

    /**
     * Runs a full GC, then sums what each heap pool held right after its last collection. Not the heap's current use:
     * the camera's threads allocate between the end of the GC and the reading, which showed as 2 MiB of noise on a
     * 30 MiB heap.
     */
    public long heapAfterFullGc() {
        try {
            ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class)
                    .gc();
            long bytes = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class)) {
                MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
                bytes += afterGc == null ? 0 : afterGc.getUsed();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the live objects to an HPROF file, for the path from a GC root to what should have gone. */
    public void dumpLiveHeap(Path file) {
        try {
            Files.deleteIfExists(file);
            ManagementFactory.newPlatformMXBeanProxy(server, "com.sun.management:type=HotSpotDiagnostic",
                    HotSpotDiagnosticMXBean.class).dumpHeap(file.toAbsolutePath().toString(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the JVM's live threads. */
    public List<String> threadNames() {
        try {
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
            return Arrays.stream(threads.dumpAllThreads(false, false)).map(ThreadInfo::getThreadName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
