package org.gatewatch.config;

/** A camera's {@code people.detector}: which person detector looks at its frames. */
public enum PersonDetectorKind {
    /** OpenCV's HOG + linear SVM: no model file, made for upright people 50-100 px tall seen from the side. */
    HOG,
    /** SSD-MobileNet-v2 (COCO, TensorFlow Lite): close, partial, seated and standing people. */
    SSD,
    /** SSD, with a second look at higher resolution where the expected people are small. */
    AUTO;

    /** The value as written in the configuration. */
    public String spelling() {
        return ConfigValues.spelling(this);
    }

    /** The kind {@code value} of {@code key} names, or a ConfigException naming the key and the accepted values. */
    public static PersonDetectorKind parse(String key, String value) {
        return ConfigValues.mode(PersonDetectorKind.class, key, value);
    }
}
