package org.pgm4j.pgm.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 3208 §3 / RFC 1982: 32-bit serial sequence arithmetic")
class SequenceNumbersTest {

    @Test
    void shouldOrderNumbersAcrossTheTwoToTheThirtyTwoWrap() {
        int beforeWrap = 0xFFFF_FFF0;
        int afterWrap = 0x0000_0010;
        assertTrue(SequenceNumbers.isBefore(beforeWrap, afterWrap));
        assertTrue(SequenceNumbers.isAfter(afterWrap, beforeWrap));
        assertFalse(SequenceNumbers.isBefore(afterWrap, beforeWrap));
        assertEquals(0x20, SequenceNumbers.distance(beforeWrap, afterWrap));
        assertEquals(afterWrap, SequenceNumbers.max(beforeWrap, afterWrap));
        assertEquals(beforeWrap, SequenceNumbers.min(afterWrap, beforeWrap));
    }

    @Test
    void shouldOrderNumbersAcrossTheTwoToTheThirtyOneBoundary() {
        int below = 0x7FFF_FFFF;
        int above = 0x8000_0000;
        assertTrue(SequenceNumbers.isBefore(below, above), "plain signed < would say the opposite");
        assertTrue(SequenceNumbers.isAfter(above, below));
        assertEquals(1, SequenceNumbers.distance(below, above));
    }

    @Test
    void shouldLeaveNumbersExactlyHalfTheSpaceApartUndefinedAsRfc1982Does() {
        int a = 0;
        int b = 0x8000_0000;
        assertTrue(SequenceNumbers.isBefore(a, b) && SequenceNumbers.isBefore(b, a),
                "documented: the order of numbers 2^31 apart is undefined, which is why windows stay below 2^31");
        assertTrue(SequenceNumbers.isAfter(a, b + 1), "one step closer, the order is defined again");
        assertFalse(SequenceNumbers.isBefore(a, b + 1));
    }

    @Test
    void shouldTreatEqualNumbersAsNeitherBeforeNorAfter() {
        assertFalse(SequenceNumbers.isBefore(42, 42));
        assertFalse(SequenceNumbers.isAfter(42, 42));
        assertTrue(SequenceNumbers.isBeforeOrEqual(42, 42));
        assertTrue(SequenceNumbers.isAfterOrEqual(42, 42));
        assertEquals(0, SequenceNumbers.compare(42, 42));
    }

    @Test
    void shouldContainSequencesOfAWindowThatStraddlesTheWrap() {
        int trail = 0xFFFF_FF00;
        int lead = 0x0000_00FF;
        assertTrue(SequenceNumbers.isInWindow(0xFFFF_FFFF, trail, lead));
        assertTrue(SequenceNumbers.isInWindow(0, trail, lead));
        assertTrue(SequenceNumbers.isInWindow(trail, trail, lead));
        assertTrue(SequenceNumbers.isInWindow(lead, trail, lead));
        assertFalse(SequenceNumbers.isInWindow(trail - 1, trail, lead));
        assertFalse(SequenceNumbers.isInWindow(lead + 1, trail, lead));
        assertEquals(512, SequenceNumbers.windowSize(trail, lead));
    }

    @Test
    void shouldSeeAnEmptyWindowWhenTrailIsLeadPlusOne() {
        // OpenPGM advertises trail 0, lead 0xFFFFFFFF before the first ODATA.
        assertEquals(0, SequenceNumbers.windowSize(0, 0xFFFF_FFFF));
        assertFalse(SequenceNumbers.isInWindow(0, 0, 0xFFFF_FFFF));
        assertFalse(SequenceNumbers.isInWindow(0xFFFF_FFFF, 0, 0xFFFF_FFFF));
    }

    @Test
    void shouldMeasureForwardDistanceAsUnsigned() {
        assertEquals(0xFFFF_FFFFL, SequenceNumbers.forwardDistance(1, 0));
        assertEquals(1L, SequenceNumbers.forwardDistance(0xFFFF_FFFF, 0));
    }

    @Test
    void shouldPrintSequencesAsUnsignedDecimals() {
        assertEquals("4294967295", SequenceNumbers.toString(-1));
        assertEquals("2147483648", SequenceNumbers.toString(Integer.MIN_VALUE));
    }
}
