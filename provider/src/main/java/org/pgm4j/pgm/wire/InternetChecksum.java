package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;

/**
 * The Internet checksum (RFC 1071) as PGM uses it (RFC 3208 §8): the 16-bit one's complement of the one's
 * complement sum of the whole PGM packet, with no pseudo-header. A computed 0 is sent as {@code 0xFFFF}
 * because 0 on the wire means "not checksummed", which is refused on ODATA and RDATA.
 *
 * <p>Sums are kept unfolded in a {@code long} so that pieces can be summed separately and joined with
 * {@link #combine}; {@link #update} adjusts a checksum incrementally (RFC 1624) when a sender rewrites a few header
 * words, as it does when it turns a stored ODATA into an RDATA.
 */
public final class InternetChecksum {

    /** Checksum field value meaning "the sender did not compute a checksum". */
    public static final int NONE = 0;

    private InternetChecksum() {
    }

    /**
     * Adds {@code length} bytes at absolute {@code offset} to a running sum. The piece is summed as if it started at
     * an even offset of the packet; use {@link #combine} for pieces that start at odd offsets.
     */
    public static long sum(ByteBuffer buffer, int offset, int length, long initialSum) {
        long sum = initialSum;
        int index = offset;
        int end = offset + length;
        for (; index + 8 <= end; index += 8) {
            long word = buffer.getLong(index);
            sum += (word >>> 32) + (word & 0xFFFF_FFFFL);
            sum = (sum & 0xFFFF_FFFFL) + (sum >>> 32);
        }
        for (; index + 2 <= end; index += 2) {
            sum += buffer.getShort(index) & 0xFFFF;
        }
        if (index < end) {
            sum += (buffer.get(index) & 0xFF) << 8;
        }
        return sum;
    }

    /** Sum of {@code length} bytes at absolute {@code offset}, starting from zero. */
    public static long sum(ByteBuffer buffer, int offset, int length) {
        return sum(buffer, offset, length, 0L);
    }

    /**
     * Joins the sum of a first piece of {@code firstLength} bytes with the sum of the piece that follows it: when
     * the first piece has an odd length the second one's bytes sit in the other halves of the 16-bit words.
     */
    public static long combine(long firstSum, long secondSum, int firstLength) {
        int second = fold(secondSum);
        if ((firstLength & 1) != 0) {
            second = ((second & 0xFF) << 8) | (second >>> 8);
        }
        return firstSum + second;
    }

    /** Folds a running sum to its 16-bit one's complement sum, in {@code [0, 0xFFFF]}. */
    public static int fold(long sum) {
        long folded = sum;
        while ((folded >>> 16) != 0) {
            folded = (folded & 0xFFFF) + (folded >>> 16);
        }
        return (int) folded;
    }

    /** Turns a running sum into the value to put on the wire: its complement, with 0 sent as {@code 0xFFFF}. */
    public static int finish(long sum) {
        int checksum = ~fold(sum) & 0xFFFF;
        return checksum == 0 ? 0xFFFF : checksum;
    }

    /**
     * The checksum to send for {@code length} bytes at absolute {@code offset}, which must hold the packet with its
     * checksum field set to zero.
     */
    public static int compute(ByteBuffer buffer, int offset, int length) {
        return finish(sum(buffer, offset, length));
    }

    /** {@code true} when the packet, checksum field included, sums to {@code 0xFFFF}. */
    public static boolean verify(ByteBuffer buffer, int offset, int length) {
        return fold(sum(buffer, offset, length)) == 0xFFFF;
    }

    /**
     * Incremental update (RFC 1624, eqn. 3): the checksum after one 16-bit word of the summed data changes from
     * {@code oldWord} to {@code newWord}. The result never is 0.
     */
    public static int update(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
        return finish(sum);
    }

    /** {@link #update} for a 32-bit field (two adjacent 16-bit words). */
    public static int update32(int checksum, int oldValue, int newValue) {
        long sum = (~checksum & 0xFFFF)
                + (~(oldValue >>> 16) & 0xFFFF) + (~oldValue & 0xFFFF)
                + ((newValue >>> 16) & 0xFFFF) + (newValue & 0xFFFF);
        return finish(sum);
    }
}
