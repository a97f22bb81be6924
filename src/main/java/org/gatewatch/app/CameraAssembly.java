package org.gatewatch.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.gatewatch.analysis.FrameAnalyzer;
import org.gatewatch.camera.Analyzers;
import org.gatewatch.camera.Camera;
import org.gatewatch.camera.CameraRegistry;
import org.gatewatch.capture.SourceSpec;
import org.gatewatch.config.CameraConfig;
import org.gatewatch.config.GateWatchConfig;

/** Builds the configured cameras, each with its sources and analysis; the listener starts and stops them. */
final class CameraAssembly {

    private CameraAssembly() {
    }

    /**
     * The cameras, not started yet, owning {@code analyzers}; if one cannot be built, those built before it are
     * stopped and {@code analyzers} is closed.
     *
     * @param publishTimers each camera's capture-to-publish timer, by camera id
     */
    static CameraRegistry build(GateWatchConfig config, Path dataDir, ExecutorService fanOut, Analyzers analyzers,
                                Function<String, LongConsumer> publishTimers) {
        List<Camera> list = new ArrayList<>();
        try {
            for (CameraConfig c : config.cameras()) {
                var sources = SourceSpec.parse("camera." + c.id() + ".source", c.source(), c.fpsCap(), dataDir);
                FrameAnalyzer analyzer = analyzers.forCamera(c);
                try {
                    list.add(new Camera(c, sources, fanOut, config.stream().fanoutThreads(), analyzer,
                            publishTimers.apply(c.id())));
                } catch (RuntimeException e) {
                    if (analyzer != null) {
                        analyzer.close();
                    }
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            // The cameras made so far hold native models and buffers; nothing else will stop them.
            list.forEach(Camera::stop);
            analyzers.close();
            throw e;
        }
        return new CameraRegistry(list, config.stream(), analyzers);
    }
}
