package org.gatewatch.stream;

import java.util.Optional;
import org.gatewatch.config.StreamConfig;
import org.gatewatch.http.AddressLimit;

/** Finds a camera's hub by id; the camera registry implements it, so this package needs nothing of the cameras. */
public interface HubDirectory {

    /** ServletContext attribute under which the application stores its directory. */
    String ATTRIBUTE = HubDirectory.class.getName();

    Optional<FrameHub> hub(String cameraId);

    /** The camera's stream without analysis overlay ({@code ?overlay=0}); the same hub when it has no analysis. */
    Optional<FrameHub> cleanHub(String cameraId);

    /** The first configured camera's hub: the seed's /video_feed. */
    FrameHub firstHub();

    /** Caps viewers across all cameras. */
    ViewerLimit viewerLimit();

    /** Caps the streams (and waiting snapshots) of one client address: {@code stream.maxViewersPerAddress}. */
    AddressLimit viewersPerAddress();

    /** Buffer size, stall timeout and the rest of the stream settings. */
    StreamConfig streamConfig();
}
