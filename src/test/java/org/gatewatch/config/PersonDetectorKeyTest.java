package org.gatewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PersonDetectorKeyTest {

    @Test
    void autoIsTheDefaultAndEachCameraMayChooseItsOwn() {
        Properties p = new Properties();
        p.setProperty("people.detector", "hog");
        p.setProperty("camera.door.people.detector", "ssd");
        assertEquals(PersonDetectorKind.AUTO, PedestrianSection.parse(new Properties()).detector());
        assertEquals(PersonDetectorKind.HOG, PedestrianSection.forCamera(p, "hall").detector());
        assertEquals(PersonDetectorKind.SSD, PedestrianSection.forCamera(p, "door").detector());
    }

    @Test
    void anUnknownDetectorIsRefusedWithItsKeyAndTheChoices() {
        Properties p = new Properties();
        p.setProperty("people.detector", "yolo");
        ConfigException e = assertThrows(ConfigException.class, () -> PedestrianSection.parse(p));
        assertTrue(e.getMessage().contains("people.detector") && e.getMessage().contains("[hog, ssd, auto]"),
                e.getMessage());
    }
}
