package org.gatewatch.camera;

/**
 * One camera as GET /api/status shows it. Field names are a public contract: scripts read them.
 *
 * @param state one of idle, starting, streaming, reconnecting, error
 * @param fps   the source's frame rate
 */
public record CameraStatus(String id, String name, String source, String state, double fps, int idleSeconds,
                           int viewers, long framesCaptured, long framesEncoded, long framesSent, long framesSkipped,
                           String lastError, boolean alwaysOn, long lastFrameMillis) {
}
