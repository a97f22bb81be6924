package org.gatewatch.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static Properties props(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    private static String failure(String text) throws IOException {
        Properties p = props(text);
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(p, "test")).getMessage();
    }

    @Test
    void builtInConfigurationIsTheDemoCameraWithSeedDefaults() {
        GateWatchConfig config = ConfigLoader.load(null);
        assertEquals(1, config.cameras().size());
        CameraConfig demo = config.cameras().get(0);
        assertEquals("demo", demo.id());
        assertEquals("demo", demo.source());
        assertEquals(10, demo.idleSeconds(), "the seed stops the camera 10 s after the last viewer");
        assertFalse(demo.alwaysOn());
        assertEquals(StreamConfig.DEFAULTS, config.stream());
    }

    @Test
    void omittedKeysTakeDefaults() throws IOException {
        GateWatchConfig c = ConfigLoader.parse(props("cameras = a, b\ncamera.a.source = demo\ncamera.b.source = rtsp://h/x\n"
                + "camera.b.fps = 5\ncamera.b.alwaysOn = yes\ncamera.b.name = Back door"), "test");
        CameraConfig a = c.cameras().get(0);
        CameraConfig b = c.cameras().get(1);
        assertEquals("a", a.name());
        assertEquals(0, a.fpsCap());
        assertEquals(80, a.jpegQuality());
        assertEquals(10, a.idleSeconds());
        assertEquals("Back door", b.name());
        assertEquals(5, b.fpsCap());
        assertTrue(b.alwaysOn());
    }

    /** A gate that analysed only while someone watched would let everyone else through unseen. */
    @Test
    void aGateCameraIsAlwaysOnWhateverTheFileSays() throws IOException {
        GateWatchConfig c = ConfigLoader.parse(props("cameras = door, hall, yard\n"
                + "camera.door.source = demo\ncamera.door.analysis = gate\n"
                + "camera.hall.source = demo\ncamera.hall.analysis = gate\ncamera.hall.alwaysOn = false\n"
                + "camera.yard.source = demo\ncamera.yard.analysis = people"), "test");
        assertTrue(c.cameras().get(0).alwaysOn(), "a gate left at the default");
        assertTrue(c.cameras().get(1).alwaysOn(), "a gate set to false");
        assertFalse(c.cameras().get(2).alwaysOn(), "only gates are forced on");
    }

    @Test
    void unknownKeyStopsTheStartNamingTheKey() throws IOException {
        String msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.jpegQuallity = 70");
        assertTrue(msg.contains("camera.a.jpegQuallity") && msg.contains("'70'") && msg.contains("unknown key"), msg);
        msg = failure("cameras = a\ncamera.a.source = demo\nstream.maxviewers = 10");
        assertTrue(msg.contains("stream.maxviewers"), msg);
    }

    @Test
    void outOfRangeValuesNameTheKeyAndTheValue() throws IOException {
        String msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.jpegQuality = 101");
        assertTrue(msg.contains("camera.a.jpegQuality") && msg.contains("'101'"), msg);
        msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.idleSeconds = ten");
        assertTrue(msg.contains("camera.a.idleSeconds") && msg.contains("'ten'"), msg);
        msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.alwaysOn = maybe");
        assertTrue(msg.contains("camera.a.alwaysOn") && msg.contains("'maybe'"), msg);
        msg = failure("cameras = a\ncamera.a.source = demo\nstream.maxViewers = 0");
        assertTrue(msg.contains("stream.maxViewers") && msg.contains("'0'"), msg);
        msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.fps = -1");
        assertTrue(msg.contains("camera.a.fps") && msg.contains("'-1.0'"), msg);
        msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.liveness = strict");
        assertTrue(msg.contains("camera.a.liveness") && msg.contains("'strict'") && msg.contains("enforce"), msg);
        msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.livenessThreshold = 1.5");
        assertTrue(msg.contains("camera.a.livenessThreshold") && msg.contains("'1.5'"), msg);
        // Bug pinned: liveness = enforce on a camera without gate analysis was accepted, and enforced nothing.
        msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.liveness = enforce");
        assertTrue(msg.contains("camera.a.liveness") && msg.contains("analysis = gate"), msg);
        msg = failure("cameras = a\ncamera.a.source = demo\nfaces.threshold = 0");
        assertTrue(msg.contains("faces.threshold") && msg.contains("0.3 to 1"), msg);
        msg = failure("cameras = a\ncamera.a.source = demo\nfaces.minSize = 8");
        assertTrue(msg.contains("faces.minSize") && msg.contains("'8'"), msg);
        msg = failure("cameras = a\ncamera.a.source = demo\nfaces.votes = 0");
        assertTrue(msg.contains("faces.votes") && msg.contains("'0'"), msg);
        msg = failure("cameras = a\ncamera.a.source = demo\nfaces.treshold = 0.5");
        assertTrue(msg.contains("faces.treshold") && msg.contains("unknown key"), msg);
    }

    @Test
    void aCamerasOwnPeopleKeysReachTheAnalysisAndOnlyForListedCameras() throws IOException {
        GateWatchConfig c = ConfigLoader.parse(props("cameras = a\ncamera.a.source = demo\n"
                + "camera.a.people.hog.minPersonHeight = 120\npeople.hog.stride = 4"), "test");
        assertEquals(120, c.camera("a").pedestrians().hog().minPersonHeight());
        assertEquals(4, c.camera("a").pedestrians().hog().stride());
        String msg = failure("cameras = a\ncamera.a.source = demo\ncamera.b.people.hog.stride = 4");
        assertTrue(msg.contains("camera.b.people.hog.stride") && msg.contains("not listed"), msg);
    }

    @Test
    void recognitionThresholdAndVotesAreConfigurable() throws IOException {
        GateWatchConfig defaults = ConfigLoader.parse(props("cameras = a\ncamera.a.source = demo"), "test");
        assertEquals(RecognitionConfig.DEFAULTS, defaults.faces());
        GateWatchConfig c = ConfigLoader.parse(props("cameras = a\ncamera.a.source = demo\n"
                + "faces.threshold = 0.7\nfaces.votes = 5\nfaces.minSize = 60"), "test");
        assertEquals(new RecognitionConfig(0.7, 5, 60), c.faces());
    }

    @Test
    void theWaitForTheBestFaceIsConfigurableWithinFiveSeconds() throws IOException {
        GateWatchConfig c = ConfigLoader.parse(props("cameras = a\ncamera.a.source = demo\n"
                + "faces.decideAfterMillis = 400"), "test");
        assertEquals(400, c.faces().decideAfterMillis());
        assertTrue(RecognitionConfig.DEFAULTS.decideAfterMillis() <= 1500, "prompt by default");
        String msg = failure("cameras = a\ncamera.a.source = demo\nfaces.decideAfterMillis = 6000");
        assertTrue(msg.contains("faces.decideAfterMillis"), msg);
    }

    @Test
    void livenessIsScoredButNotEnforcedUnlessTheCameraSaysSo() throws IOException {
        GateWatchConfig c = ConfigLoader.parse(props("cameras = a, b\ncamera.a.source = demo\n"
                + "camera.b.source = demo\ncamera.b.analysis = gate\ncamera.b.liveness = enforce\n"
                + "camera.b.livenessThreshold = 0.5"), "test");
        CameraConfig a = c.cameras().get(0);
        CameraConfig b = c.cameras().get(1);
        assertEquals("score", a.liveness().spelling());
        assertFalse(a.livenessEnforced());
        assertEquals(0.2, a.livenessThreshold());
        assertTrue(b.livenessEnforced());
        assertEquals(0.5, b.livenessThreshold());
    }

    @Test
    void modesAreParsedFromTheirConfigurationSpelling() throws IOException {
        GateWatchConfig c = ConfigLoader.parse(props("cameras = a, b, c\ncamera.a.source = demo\n"
                + "camera.b.source = demo\ncamera.b.analysis = people\ncamera.b.liveness = off\n"
                + "camera.c.source = demo\ncamera.c.analysis = gate\ncamera.c.liveness = enforce"), "test");
        assertEquals(AnalysisMode.OFF, c.camera("a").analysis());
        assertEquals(LivenessMode.SCORE, c.camera("a").liveness());
        assertEquals(AnalysisMode.PEOPLE, c.camera("b").analysis());
        assertEquals(LivenessMode.OFF, c.camera("b").liveness());
        assertEquals(AnalysisMode.GATE, c.camera("c").analysis());
        assertEquals(LivenessMode.ENFORCE, c.camera("c").liveness());
        assertEquals("gate", AnalysisMode.GATE.spelling(), "/api/status shows the configuration's spelling");
        assertEquals("enforce", LivenessMode.ENFORCE.spelling());
    }

    @Test
    void anUnknownModeNamesTheKeyTheValueAndTheAcceptedValues() throws IOException {
        String msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.analysis = persons");
        assertEquals("Invalid configuration: camera.a.analysis = 'persons' (one of [off, people, gate])", msg);
        msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.analysis = Gate");
        assertTrue(msg.contains("camera.a.analysis") && msg.contains("'Gate'"), "spelled as documented: " + msg);
        msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.liveness = on");
        assertEquals("Invalid configuration: camera.a.liveness = 'on' (one of [off, score, enforce])", msg);
    }

    @Test
    void eachCameraGetsItsOwnPedestrianRecord() throws IOException {
        GateWatchConfig c = ConfigLoader.parse(props("cameras = hall, door\ncamera.hall.source = demo\n"
                + "camera.door.source = demo\npeople.hog.minPersonHeight = 64\npeople.track.minHits = 3\n"
                + "people.countingLine = 0,1,2,3\ncamera.door.people.hog.minPersonHeight = 200\n"
                + "camera.door.people.countingLine = 4,5,6,7\ncamera.door.countingLine = 8,9,10,11"), "test");
        PedestrianConfig hall = c.camera("hall").pedestrians();
        PedestrianConfig door = c.camera("door").pedestrians();
        assertEquals(64, hall.hog().minPersonHeight(), "the shared key");
        assertEquals(200, door.hog().minPersonHeight(), "the door camera's own value");
        assertEquals(3, door.tracker().minHits(), "shared keys still apply to a camera with overrides");
        assertArrayEquals(new double[] {0, 1, 2, 3}, hall.countingLine());
        assertArrayEquals(new double[] {8, 9, 10, 11}, door.countingLine(), "camera.<id>.countingLine wins");
        assertEquals(PedestrianConfig.DEFAULTS.motion(), door.motion());
        assertEquals(PedestrianConfig.DEFAULTS.roiMargin(), hall.roiMargin());
    }

    @Test
    void pedestrianKeysAreCheckedAtLoadEvenWithAnalysisOff() throws IOException {
        String msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.people.hog.stride = 7");
        assertTrue(msg.startsWith("camera a: Invalid configuration: people.hog.stride = '7.0'"), msg);
        msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.people.hog.strid = 8");
        assertTrue(msg.contains("camera.a.people.hog.strid") && msg.contains("unknown key"), msg);
        msg = failure("cameras = a\ncamera.a.source = demo\npeople.roiMargin = 9");
        assertEquals("Invalid configuration: people.roiMargin = '9.0' (0 to 5 region heights)", msg);
        msg = failure("cameras = a\ncamera.a.source = demo\ncamera.a.countingLine = 1,2,1,2");
        assertTrue(msg.contains("camera.a.countingLine") && msg.contains("two different points"), msg);
    }

    @Test
    void cameraListProblemsAreReported() throws IOException {
        assertTrue(failure("cameras =").contains("cameras"));
        assertTrue(failure("cameras = a, a\ncamera.a.source = demo").contains("listed twice"));
        assertTrue(failure("cameras = a\ncamera.a.source = demo\ncamera.b.source = demo").contains("camera.b.source"));
        assertTrue(failure("cameras = a b\ncamera.a.source = demo").contains("'a b'"));
        assertTrue(failure("cameras = a").contains("camera.a.source"));
    }

    @Test
    void fileIsFoundThroughHomeUnlessNamedExplicitly(@TempDir Path home) throws IOException {
        ConfigLocation location = new ConfigLocation(Map.of("GATEWATCH_HOME", home.toString()));
        assertEquals(home.toAbsolutePath(), location.dataDir());
        assertEquals(null, location.configFile(null, home), "no file in the home: the built-in configuration");
        Path inHome = Files.writeString(home.resolve("gatewatch.properties"), "cameras = x\ncamera.x.source = demo\n");
        assertEquals(inHome, location.configFile(null, home));
        assertEquals(Path.of("/etc/gw.properties"), location.configFile("/etc/gw.properties", home),
                "the context parameter wins");
        assertEquals(Path.of("/env/gw.properties"),
                new ConfigLocation(Map.of("GATEWATCH_CONFIG", "/env/gw.properties")).configFile(null, home));
        assertEquals("x", ConfigLoader.load(inHome).cameras().get(0).id());
    }

    @Test
    void unreadableFileIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        String msg = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing)).getMessage();
        assertTrue(msg.contains(missing.toString()), msg);
    }
}
