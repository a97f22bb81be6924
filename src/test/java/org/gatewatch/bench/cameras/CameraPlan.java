package org.gatewatch.bench.cameras;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One benchmark camera: busy (vtest.avi, people walking all the time) or a door (mostly empty, one walk a loop;
 * {@code variant} says which slot of the loop). Every camera runs the whole gate analysis and is always on.
 */
record CameraPlan(String id, boolean busy, int variant, Path source) {

    /** The first {@code busy} cameras replay vtest.avi, the others door variants 0, 1, 2, … */
    static List<CameraPlan> mix(int cameras, int busy, Path vtest, Path doorDir) {
        List<CameraPlan> plans = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            String id = String.format(Locale.ROOT, "cam%02d", i + 1);
            int door = i - busy;
            plans.add(i < busy ? new CameraPlan(id, true, -1, vtest)
                    : new CameraPlan(id, false, door, DoorFootage.file(doorDir, door)));
        }
        return plans;
    }

    String kind() {
        return busy ? "busy" : "door";
    }

    /** The application's configuration for these cameras: the shipped file without its cameras, then these. */
    static String properties(String shipped, List<CameraPlan> plans) {
        StringBuilder out = new StringBuilder();
        shipped.lines().filter(l -> !l.startsWith("camera")).forEach(l -> out.append(l).append('\n'));
        out.append("\n# --- bench-cameras ---\n");
        out.append("cameras = ").append(String.join(", ", plans.stream().map(CameraPlan::id).toList())).append('\n');
        // Every viewer of the load client comes from 127.0.0.1.
        out.append("stream.maxViewersPerAddress = 100000\n");
        for (CameraPlan p : plans) {
            String key = "camera." + p.id() + ".";
            out.append(key).append("name = ").append(p.busy() ? "Busy: vtest.avi" : "Door " + p.variant()).append('\n')
                    .append(key).append("source = ").append(p.source()).append('\n')
                    .append(key).append("analysis = gate\n")
                    .append(key).append("alwaysOn = true\n");
        }
        return out.toString();
    }
}
