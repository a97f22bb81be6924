package org.gatewatch.camera;

/**
 * One camera as GET /api/status shows it. Field names are a public contract: scripts read them.
 *
 * @param state one of idle, starting, streaming, reconnecting, error
 * @param fps         the source's frame rate
 * @param analysisFps frames analysed per second (analysis runs on the newest frame and skips the rest)
 */
public record CameraStatus(String id, String name, String source, String state, double fps, int idleSeconds,
                           int viewers, long framesCaptured, long framesEncoded, long framesSent, long framesSkipped,
                           String lastError, boolean alwaysOn, long lastFrameMillis,
                           boolean analysis, double analysisFps, long framesAnalyzed) {
}
