package org.gatewatch.camera;

import jakarta.servlet.ServletContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatewatch.config.StreamConfig;
import org.gatewatch.stream.FrameHub;
import org.gatewatch.stream.HubDirectory;
import org.gatewatch.stream.ViewerLimit;

/** The configured cameras, in configuration order. Stored in the ServletContext by the application listener. */
public final class CameraRegistry implements HubDirectory {

    public static final String ATTRIBUTE = CameraRegistry.class.getName();

    private final Map<String, Camera> cameras = new LinkedHashMap<>();
    private final StreamConfig streamConfig;
    private final ViewerLimit viewerLimit;

    public CameraRegistry(List<Camera> cameras, StreamConfig streamConfig) {
        for (Camera c : cameras) {
            this.cameras.put(c.id(), c);
        }
        this.streamConfig = streamConfig;
        this.viewerLimit = new ViewerLimit(streamConfig.maxViewers());
    }

    /** The registry of a running application; fails loudly if the application did not start. */
    public static CameraRegistry from(ServletContext context) {
        CameraRegistry registry = (CameraRegistry) context.getAttribute(ATTRIBUTE);
        if (registry == null) {
            throw new IllegalStateException("GateWatch did not start: see the log for the cause");
        }
        return registry;
    }

    public List<Camera> cameras() {
        return List.copyOf(cameras.values());
    }

    public Optional<Camera> camera(String id) {
        return Optional.ofNullable(cameras.get(id));
    }

    @Override
    public Optional<FrameHub> hub(String cameraId) {
        return camera(cameraId).map(Camera::hub);
    }

    @Override
    public Optional<FrameHub> cleanHub(String cameraId) {
        return camera(cameraId).map(Camera::cleanHub);
    }

    @Override
    public FrameHub firstHub() {
        return cameras.values().iterator().next().hub();
    }

    @Override
    public ViewerLimit viewerLimit() {
        return viewerLimit;
    }

    @Override
    public StreamConfig streamConfig() {
        return streamConfig;
    }

    public List<CameraStatus> statuses() {
        return cameras.values().stream().map(Camera::status).toList();
    }

    /** Invoked by the keep-alive thread about once a second. */
    public void keepAlive() {
        cameras.values().forEach(c -> c.hub().keepAlive());
    }

    public void startAll() {
        cameras.values().forEach(Camera::start);
    }

    /** Idempotent: stopping a stopped camera does nothing. */
    public void stopAll() {
        cameras.values().forEach(Camera::stop);
    }
}
