package org.gatewatch.camera;

/**
 * One camera as GET /api/status shows it. Field names are a public contract: scripts read them.
 *
 * @param state one of idle, starting, streaming, reconnecting, error
 * @param fps         the source's frame rate
 * @param analysisFps frames analysed per second (analysis runs on the newest frame and skips the rest)
 * @param countIn     pedestrians who crossed the counting line inwards since the start (0 without a line)
 * @param countOut    people who crossed it outwards
 * @param analysisMode the camera's {@code analysis} setting: off, people or gate
 * @param liveness    the camera's liveness setting (off, score or enforce) when it takes access decisions, else null
 * @param analysisError what the newest frame whose analysis failed threw, or null
 */
public record CameraStatus(String id, String name, String source, String state, double fps, int idleSeconds,
                           int viewers, long framesCaptured, long framesEncoded, long framesSent, long framesSkipped,
                           String lastError, boolean alwaysOn, long lastFrameMillis,
                           boolean analysis, double analysisFps, long framesAnalyzed, long countIn,
                           long countOut, String analysisMode, String liveness,
                           String analysisError) {
}
