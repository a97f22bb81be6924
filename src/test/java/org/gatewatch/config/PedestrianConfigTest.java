package org.gatewatch.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PedestrianConfigTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void noKeysGiveTheDefaults() {
        PedestrianConfig c = PedestrianSection.parse(props("cameras", "demo"));
        assertEquals(PedestrianConfig.DEFAULTS.hog(), c.hog());
        assertEquals(PedestrianConfig.DEFAULTS.tracker(), c.tracker());
        assertTrue(c.motionGating());
        assertNull(c.countingLine());
    }

    @Test
    void keysOverrideTheirDefaults() {
        PedestrianConfig c = PedestrianSection.parse(props("people.hog.minPersonHeight", "64", "people.motion.enabled",
                "false", "people.track.minHits", "3", "people.countingLine", "0, 300, 768, 300"));
        assertEquals(64, c.hog().minPersonHeight());
        assertEquals(1.5, c.hog().upscale(), 1e-9, "96 px INRIA person / 64 px");
        assertFalse(c.motionGating());
        assertEquals(3, c.tracker().minHits());
        assertArrayEquals(new double[] {0, 300, 768, 300}, c.countingLine());
    }

    @Test
    void aCameraOverridesTheSharedKeysForItselfOnly() {
        Properties p = props("people.hog.minPersonHeight", "64", "people.track.minHits", "3",
                "camera.door.people.hog.minPersonHeight", "200", "camera.door.countingLine", "0,100,640,100");
        PedestrianConfig door = PedestrianSection.forCamera(p, "door");
        assertEquals(200, door.hog().minPersonHeight(), "the door camera's own value");
        assertEquals(3, door.tracker().minHits(), "shared keys still apply");
        assertArrayEquals(new double[] {0, 100, 640, 100}, door.countingLine());
        PedestrianConfig hall = PedestrianSection.forCamera(p, "hall");
        assertEquals(64, hall.hog().minPersonHeight());
        assertNull(hall.countingLine());
    }

    @Test
    void aCameraKeyTypoStopsNamingTheCamera() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PedestrianSection.forCamera(props("camera.door.people.hog.strid", "8"), "door"));
        assertTrue(e.getMessage().contains("camera.door.people.hog.strid"), e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> PedestrianSection.forCamera(props("camera.door.people.hog.stride", "7"), "door"));
        assertTrue(e.getMessage().contains("camera door") && e.getMessage().contains("people.hog.stride"),
                e.getMessage());
    }

    @Test
    void theCamerasCountingLineWinsOverEveryOtherLine() {
        // Bug pinned: given camera.<id>.countingLine and .people.countingLine, live and analyze took different lines.
        Properties p = props("people.countingLine", "0,1,2,3", "camera.door.people.countingLine", "4,5,6,7",
                "camera.door.countingLine", "8,9,10,11");
        assertArrayEquals(new double[] {8, 9, 10, 11}, PedestrianSection.forCamera(p, "door").countingLine(),
                "as the live camera has it (camera.<id>.countingLine is the camera's own key)");
    }

    @Test
    void aMistypedKeyStopsWithItsName() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PedestrianSection.parse(props("people.hog.hitTreshold", "0.5")));
        assertTrue(e.getMessage().contains("people.hog.hitTreshold"), e.getMessage());
    }

    @Test
    void outOfRangeValuesStopWithTheKeyAndTheRange() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PedestrianSection.parse(props("people.hog.stride", "7")));
        assertTrue(e.getMessage().contains("people.hog.stride") && e.getMessage().contains("multiple of 4"),
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> PedestrianSection.parse(props("people.track.minIou", "1.5")));
        assertTrue(e.getMessage().contains("people.track.minIou"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> PedestrianSection.parse(props("people.countingLine", "1,2,3")));
        assertTrue(e.getMessage().contains("people.countingLine"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> PedestrianSection.parse(props("people.track.lookEvery", "0")));
        assertTrue(e.getMessage().contains("people.track.lookEvery") && e.getMessage().contains("1 to 10"),
                e.getMessage());
    }

    @Test
    void aTrackIsLookedForEveryOtherFrameUnlessTheKeySaysOtherwiseAndNeverLongerThanItMayCoast() {
        assertEquals(1, PedestrianSection.parse(props()).tracker().restFrames(), "by default");
        assertEquals(0, PedestrianSection.parse(props("people.track.lookEvery", "1")).tracker().restFrames());
        assertEquals(2, PedestrianSection.parse(props("people.track.lookEvery", "3")).tracker().restFrames());
        assertEquals(0, PedestrianSection.parse(props("people.track.lookEvery", "3", "people.track.maxCoast", "0"))
                .tracker().restFrames(), "a track that may not be shown unseen is never left unlooked-for");
    }
}
