package org.gatewatch.analysis.pedestrians;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonMaxSuppressionTest {

    private final NonMaxSuppression nms = new NonMaxSuppression(0.4, 0.7);

    @Test
    void keepsTheStrongestOfNearlyIdenticalBoxes() {
        Detection weak = new Detection(100, 100, 40, 100, 0.5);
        Detection strong = new Detection(104, 98, 40, 100, 1.5);
        assertEquals(List.of(strong), nms.apply(List.of(weak, strong)));
    }

    @Test
    void keepsSideBySidePeopleWhoseBoxesTouch() {
        Detection left = new Detection(100, 100, 40, 100, 1.0);
        Detection right = new Detection(130, 100, 40, 100, 0.8); // IoU 10/70 ≈ 0.14
        assertEquals(List.of(left, right), nms.apply(List.of(right, left)));
    }

    @Test
    void dropsABodyPartFoundInsideAStrongerFullBody() {
        Detection body = new Detection(100, 100, 40, 100, 2.0);
        Detection legs = new Detection(105, 150, 30, 48, 1.0); // IoU 0.36, but wholly inside the body
        assertEquals(List.of(body), nms.apply(List.of(legs, body)));
    }

    @Test
    void aSuppressedBoxDoesNotSuppressOthers() {
        Detection a = new Detection(0, 0, 40, 100, 3.0);
        Detection b = new Detection(20, 0, 40, 100, 2.0); // IoU with a: 0.33 -> kept (below 0.4, cover 0.5)
        Detection c = new Detection(10, 0, 40, 100, 1.0); // overlaps a by 0.6 -> dropped
        assertEquals(List.of(a, b), nms.apply(List.of(c, b, a)));
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertEquals(List.of(), nms.apply(List.of()));
    }

    @Test
    void thresholdsOutsideTheUnitIntervalAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NonMaxSuppression(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new NonMaxSuppression(0.5, 1.5));
    }
}
