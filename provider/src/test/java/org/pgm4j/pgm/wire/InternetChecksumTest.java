package org.pgm4j.pgm.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 3208 §8 / RFC 1071: the Internet checksum over the whole PGM packet")
class InternetChecksumTest {

    private static final long SEED = 0x5EED_C0DEL;

    @Test
    void shouldReproduceTheChecksumOfACapturedOpenPgmSpm() {
        ByteBuffer spm = WireBytes.buffer("87d21d4c 0000 4ed1 b7c6d1bc038a 0000 00000000 00000000 ffffffff 0001 0000 7f000001");
        assertTrue(InternetChecksum.verify(spm, 0, spm.limit()));
        spm.putShort(PgmPacket.CHECKSUM_OFFSET, (short) 0);
        assertEquals(0x4ed1, InternetChecksum.compute(spm, 0, spm.limit()));
    }

    @Test
    void shouldMatchTheRfc1071Example() {
        // RFC 1071 §3: words 0001 f203 f4f5 f6f7 sum to ddf2 (one's complement sum), checksum 220d.
        ByteBuffer bytes = WireBytes.buffer("0001 f203 f4f5 f6f7");
        assertEquals(0xddf2, InternetChecksum.fold(InternetChecksum.sum(bytes, 0, 8)));
        assertEquals(0x220d, InternetChecksum.compute(bytes, 0, 8));
    }

    @Test
    void shouldSendAComputedZeroAsAllOnes() {
        // Words summing to 0xFFFF give a complement of 0, which would mean "no checksum" on the wire.
        ByteBuffer bytes = WireBytes.buffer("ff00 00ff");
        assertEquals(0xFFFF, InternetChecksum.compute(bytes, 0, 4));
    }

    @Test
    void shouldPadAnOddLengthWithAZeroByte() {
        ByteBuffer odd = WireBytes.buffer("0102 03");
        ByteBuffer padded = WireBytes.buffer("0102 0300");
        assertEquals(InternetChecksum.compute(padded, 0, 4), InternetChecksum.compute(odd, 0, 3));
    }

    @Test
    void shouldAgreeWithANaiveSixteenBitSumForRandomLengthsAndOffsets() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int round = 0; round < 2_000; round++) {
            int length = random.nextInt(0, 1_600);
            int offset = random.nextInt(0, 9);
            ByteBuffer buffer = ByteBuffer.allocate(offset + length + 8);
            for (int i = 0; i < buffer.capacity(); i++) {
                buffer.put(i, (byte) random.nextInt(256));
            }
            assertEquals(naiveChecksum(buffer, offset, length), InternetChecksum.compute(buffer, offset, length),
                    () -> "seed " + SEED + ", length " + length + ", offset " + offset);
        }
    }

    @Test
    void shouldCombinePiecesOfOddAndEvenLength() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int round = 0; round < 500; round++) {
            int length = random.nextInt(2, 300);
            int split = random.nextInt(1, length);
            ByteBuffer buffer = randomBuffer(random, length);
            long first = InternetChecksum.sum(buffer, 0, split);
            long second = InternetChecksum.sum(buffer, split, length - split);
            assertEquals(InternetChecksum.compute(buffer, 0, length),
                    InternetChecksum.finish(InternetChecksum.combine(first, second, split)),
                    () -> "seed " + (SEED + 1) + ", length " + length + ", split " + split);
        }
    }

    @Test
    void shouldUpdateIncrementallyToTheSameValueAsAFullRecompute() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        for (int round = 0; round < 2_000; round++) {
            int length = 4 * random.nextInt(2, 100);
            ByteBuffer buffer = randomBuffer(random, length);
            buffer.putShort(0, (short) 0);
            int checksum = InternetChecksum.compute(buffer, 0, length);
            buffer.putShort(0, (short) checksum);
            int at = 4 * random.nextInt(1, length / 4);
            int oldValue = buffer.getInt(at);
            int newValue = random.nextInt();
            buffer.putInt(at, newValue);
            int updated = InternetChecksum.update32(checksum, oldValue, newValue);
            buffer.putShort(0, (short) updated);
            assertTrue(InternetChecksum.verify(buffer, 0, length), () -> "seed " + (SEED + 2));
            assertNotEquals(0, updated);
        }
    }

    @Test
    void shouldDetectASingleFlippedBit() {
        ByteBuffer spm = WireBytes.buffer("87d21d4c 0000 4ed1 b7c6d1bc038a 0000 00000000 00000000 ffffffff 0001 0000 7f000001");
        spm.put(33, (byte) (spm.get(33) ^ 0x10));
        assertFalse(InternetChecksum.verify(spm, 0, spm.limit()));
    }

    private static ByteBuffer randomBuffer(SplittableRandom random, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        for (int i = 0; i < length; i++) {
            buffer.put(i, (byte) random.nextInt(256));
        }
        return buffer;
    }

    /** The textbook definition, byte by byte, as an independent reference. */
    static int naiveChecksum(ByteBuffer buffer, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int high = buffer.get(offset + i) & 0xFF;
            int low = i + 1 < length ? buffer.get(offset + i + 1) & 0xFF : 0;
            sum += (high << 8) | low;
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        int checksum = (int) (~sum & 0xFFFF);
        return checksum == 0 ? 0xFFFF : checksum;
    }
}
