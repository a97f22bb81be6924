package org.gatewatch.natives;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Loads the TensorFlow Lite natives once per JVM. Like OpenCV's, they belong in Tomcat's lib/ (provided scope), not in
 * the WAR: a reloaded webapp cannot bind natives that an earlier class loader already loaded.
 */
public final class TfLiteRuntime {

    private static final Logger LOG = LogManager.getLogger(TfLiteRuntime.class);

    public static final String MISSING_JARS = "TensorFlow Lite jars (org.bytedeco:tensorflow-lite) are not on the class"
            + " path: copy target/tomcat-lib/*.jar into $CATALINA_BASE/lib and restart Tomcat";

    private static boolean loaded;

    private TfLiteRuntime() {
    }

    /** Loads the natives or throws {@link IllegalStateException} saying what to install. */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            JavaCppLoading.run(() -> {
                long start = System.nanoTime();
                org.bytedeco.javacpp.Loader.load(org.bytedeco.tensorflowlite.global.tensorflowlite.class);
                LOG.info("TensorFlow Lite natives loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
            });
            loaded = true;
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new IllegalStateException(MISSING_JARS + " (" + e + ")", e);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("TensorFlow Lite natives failed to load: " + e.getMessage(), e);
        }
    }
}
