package org.gatewatch.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DocumentedKeysTest {

    @Test
    void everyKeyTheLoaderAcceptsIsInTheShippedFileWithAValue() throws IOException {
        String text;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ConfigLoader.BUILT_IN)) {
            assertNotNull(in, "the built-in " + ConfigLoader.BUILT_IN);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> missing = new ArrayList<>();
        for (String key : ConfigLoader.knownKeys()) {
            // A camera's keys are shown on the demo camera; its people.* overrides by an example of one.
            String shown = key.replace("camera.<id>.people.<key>", "camera.demo.people.hog.minPersonHeight")
                    .replace("camera.<id>.", "camera.demo.");
            if (!Pattern.compile("(?m)^#?\\s*" + Pattern.quote(shown) + "\\s*=").matcher(text).find()) {
                missing.add(key);
            }
        }
        assertTrue(missing.isEmpty(), "not documented as 'key = value' (or commented out) in conf/"
                + ConfigLoader.BUILT_IN + ": " + missing);
    }
}
