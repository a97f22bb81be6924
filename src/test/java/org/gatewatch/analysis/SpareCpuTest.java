package org.gatewatch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The machine's load decides, read at most once a second; an unknown load leaves CPU to spare. */
class SpareCpuTest {

    @Test
    void aBusyMachineHasNothingToSpareUntilItsLoadFalls() {
        double[] load = {0.5};
        AtomicInteger reads = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        SpareCpu cpu = new SpareCpu(() -> {
            reads.incrementAndGet();
            return load[0];
        }, now::get);
        assertTrue(cpu.spare(), "half the cores busy");
        load[0] = 0.95;
        now.addAndGet(500_000_000L);
        assertTrue(cpu.spare(), "the load is read again only after a second");
        assertEquals(1, reads.get());
        now.addAndGet(500_000_000L);
        assertFalse(cpu.spare(), "95 % of the cores busy");
        load[0] = SpareCpu.BUSY_LOAD - 0.01;
        now.addAndGet(1_000_000_000L);
        assertTrue(cpu.spare(), "just under the limit");
        assertEquals(3, reads.get());
    }

    @Test
    void anUnknownLoadLeavesCpuToSpare() {
        assertTrue(new SpareCpu(() -> -1, System::nanoTime).spare());
    }

    @Test
    void thisMachinesLoadIsKnown() {
        // Unknown (negative), the gate would never close: every busy camera would keep a frame waiting.
        double load = SpareCpu.machineLoad();
        assertTrue(load >= 0 && load <= 1, "the machine's load: " + load);
    }
}
