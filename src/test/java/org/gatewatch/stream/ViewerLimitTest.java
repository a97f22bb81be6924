package org.gatewatch.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViewerLimitTest {

    @Test
    void onlyTheViewersRefusedAPlaceAreCounted() {
        ViewerLimit limit = new ViewerLimit(1);
        assertTrue(limit.tryAcquire());
        assertFalse(limit.tryAcquire());
        assertFalse(limit.tryAcquire());
        limit.release();
        assertTrue(limit.tryAcquire());
        assertEquals(2, limit.refused());
        assertEquals(1, limit.current());
    }
}
