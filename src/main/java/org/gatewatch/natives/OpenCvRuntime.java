package org.gatewatch.natives;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Loads the OpenCV and FFmpeg natives once per JVM. They live in Tomcat's lib/, not in the WAR: a second copy in a
 * reloaded webapp's class loader cannot bind to natives that the first one already loaded.
 */
public final class OpenCvRuntime {

    private static final Logger LOG = LogManager.getLogger(OpenCvRuntime.class);

    /** Said when the jars are not where Tomcat can share them. */
    public static final String MISSING_JARS = "OpenCV/FFmpeg jars (org.bytedeco) are not on Tomcat's class path: copy "
            + "target/tomcat-lib/*.jar into $CATALINA_BASE/lib and restart Tomcat (docs/deploy.md: 'Drop the WAR into an "
            + "existing Tomcat')";

    private OpenCvRuntime() {
    }

    /** Loads the natives or throws {@link IllegalStateException} saying what to install. */
    public static synchronized void load() {
        try {
            JavaCppLoading.run(() -> {
                long start = System.nanoTime();
                org.bytedeco.javacpp.Loader.load(org.bytedeco.opencv.opencv_java.class);
                org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.avutil.class);
                org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
                LOG.info("OpenCV {} and FFmpeg natives loaded in {} ms", org.opencv.core.Core.VERSION,
                        (System.nanoTime() - start) / 1_000_000);
            });
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new IllegalStateException(MISSING_JARS + " (" + e + ")", e);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("OpenCV natives failed to load: " + e.getMessage()
                    + ". If the org.bytedeco jars are inside WEB-INF/lib, move them to Tomcat's lib/.", e);
        }
    }
}
