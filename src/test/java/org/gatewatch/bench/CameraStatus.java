package org.gatewatch.bench;

/** One camera's entry in {@code /api/status}, sampled at {@code sampledNanos} (System.nanoTime). */
record CameraStatus(double fps, long framesEncoded, int viewers, long sampledNanos) {
}
