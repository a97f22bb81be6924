package org.gatewatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static CommandLine parse(String... args) {
        return CommandLine.parse(args, Set.of("--set", "--frames"), Set.of("--quick"));
    }

    @Test
    void optionsFlagsAndPlainArgumentsAreTakenApart() {
        CommandLine c = parse("clip.avi", "--set", "a=1", "--quick", "--set", "b=2", "--frames", "7");
        assertEquals(List.of("clip.avi"), c.plain());
        assertEquals(List.of("a=1", "b=2"), c.values("--set"), "a repeatable option keeps every value in order");
        assertEquals(7L, c.value("--frames", Long::parseLong, 0L));
        assertTrue(c.has("--quick"));
        assertFalse(c.help());
        assertEquals(5, parse().value("--frames", Integer::parseInt, 5), "absent: the default");
    }

    @Test
    void mistakesNameTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--frames")).getMessage()
                .contains("--frames needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--fast")).getMessage()
                .contains("unknown option --fast"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> parse("--frames", "ten").value("--frames", Long::parseLong, 0L)).getMessage()
                .contains("--frames: not a valid value 'ten'"));
        assertTrue(parse("x", "-h").help());
    }
}
