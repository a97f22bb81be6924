package org.gatewatch.bench.fuzz;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The heap after a full GC and the threads of the server's JVM, read through its own management agent (attached
 * by pid, as jcmd does): to tell whether a run left memory or threads behind.
 */
public final class ServerVitals implements AutoCloseable {

    /** Heap used after GC and the live threads, counted by name with trailing digits dropped (pool members). */
    public record Snapshot(long heapBytes, int threads, Map<String, Integer> threadsByName) {

        public String describe() {
            return String.format("heap after GC %.1f MiB, %d threads %s", heapBytes / 1048576.0, threads,
                    threadsByName);
        }
    }

    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final ThreadMXBean threads;

    private ServerVitals(JMXConnector connector) throws IOException {
        this.connector = connector;
        MBeanServerConnection server = connector.getMBeanServerConnection();
        memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
                ThreadMXBean.class);
    }

    public static ServerVitals attach(long pid) throws IOException {
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                String url = vm.startLocalManagementAgent();
                return new ServerVitals(JMXConnectorFactory.connect(new JMXServiceURL(url)));
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to JVM " + pid, e);
        }
    }

    /** Collects garbage (twice, a moment apart, so finalizable and weakly held objects go too), then measures. */
    public Snapshot measure() throws InterruptedException {
        memory.gc();
        Thread.sleep(500);
        memory.gc();
        Map<String, Integer> byName = new TreeMap<>();
        for (ThreadInfo t : threads.dumpAllThreads(false, false)) {
            byName.merge(t.getThreadName().replaceAll("\\d+$", "#"), 1, Integer::sum);
        }
        return new Snapshot(memory.getHeapMemoryUsage().getUsed(), threads.getThreadCount(), byName);
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
