package org.gatewatch.camera;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatewatch.config.StreamConfig;
import org.gatewatch.http.AddressLimit;
import org.gatewatch.stream.FrameHub;
import org.gatewatch.stream.HubDirectory;
import org.gatewatch.stream.ViewerLimit;

/**
 * The configured cameras, in configuration order, and the analysis models they share. Shared with the servlets by
 * the application listener.
 */
public final class CameraRegistry implements HubDirectory {

    private final Map<String, Camera> cameras = new LinkedHashMap<>();
    private final StreamConfig streamConfig;
    private final ViewerLimit viewerLimit;
    private final AddressLimit viewersPerAddress;
    private final Analyzers analyzers;

    /** @param analyzers what built the cameras' analysis: owned, closed when the cameras have stopped */
    public CameraRegistry(List<Camera> cameras, StreamConfig streamConfig, Analyzers analyzers) {
        for (Camera c : cameras) {
            this.cameras.put(c.id(), c);
        }
        this.streamConfig = streamConfig;
        this.analyzers = analyzers;
        this.viewerLimit = new ViewerLimit(streamConfig.maxViewers());
        this.viewersPerAddress = new AddressLimit(streamConfig.maxViewersPerAddress(), "stream.maxViewersPerAddress");
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
    public AddressLimit viewersPerAddress() {
        return viewersPerAddress;
    }

    @Override
    public StreamConfig streamConfig() {
        return streamConfig;
    }

    public List<CameraStatus> statuses() {
        return cameras.values().stream().map(Camera::status).toList();
    }

    /** The ids of the always-on cameras whose frames do not flow now (see {@link Camera#streaming}), in order. */
    public List<String> alwaysOnNotStreaming(long nowMillis) {
        return cameras.values().stream().filter(c -> c.config().alwaysOn() && !c.streaming(nowMillis))
                .map(Camera::id).toList();
    }

    /** Invoked by the keep-alive thread about once a second. */
    public void keepAlive() {
        cameras.values().forEach(Camera::keepAlive);
    }

    /** Viewers of a camera that has no frame to show get the NO SIGNAL picture (see {@link Camera}). */
    public void showNoSignal(long nowMillis) {
        cameras.values().forEach(c -> c.showNoSignalIfBlind(nowMillis));
    }

    public void startAll() {
        cameras.values().forEach(Camera::start);
    }

    /** Stops the cameras, then closes the models they shared. Idempotent: stopping a stopped camera does nothing. */
    public void stopAll() {
        try {
            cameras.values().forEach(Camera::stop);
        } finally {
            analyzers.close();
        }
    }
}
