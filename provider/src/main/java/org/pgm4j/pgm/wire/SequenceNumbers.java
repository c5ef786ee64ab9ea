package org.pgm4j.pgm.wire;

/**
 * 32-bit serial-number arithmetic (RFC 1982 style, as RFC 3208 §3 and OpenPGM use it) for data, SPM and POLL
 * sequence numbers. Every comparison of sequence numbers in pgm4j goes through this class: a plain {@code <} on
 * raw sequence ints breaks at the 2^31 and 2^32 boundaries.
 *
 * <p>{@code a} is before {@code b} when {@code (a - b) mod 2^32} has bit 31 set, as in OpenPGM. For two numbers
 * exactly 2^31 apart the order is undefined (RFC 1982 §3.2): each is "before" the other. Windows therefore stay
 * below 2^31 sequences, and nothing compares sequences that far apart.
 */
public final class SequenceNumbers {

    /** The largest window, in sequence numbers, that serial arithmetic can order unambiguously. */
    public static final int MAX_WINDOW_SQNS = Integer.MAX_VALUE;

    private SequenceNumbers() {
    }

    /** {@code true} when {@code a} comes strictly before {@code b}. */
    public static boolean isBefore(int a, int b) {
        return a - b < 0;
    }

    /** {@code true} when {@code a} comes before {@code b} or equals it. */
    public static boolean isBeforeOrEqual(int a, int b) {
        return a - b <= 0;
    }

    /** {@code true} when {@code a} comes strictly after {@code b}. */
    public static boolean isAfter(int a, int b) {
        return a - b > 0;
    }

    /** {@code true} when {@code a} comes after {@code b} or equals it. */
    public static boolean isAfterOrEqual(int a, int b) {
        return a - b >= 0;
    }

    /** Signed distance from {@code from} to {@code to}: positive when {@code to} is after {@code from}. */
    public static int distance(int from, int to) {
        return to - from;
    }

    /** Number of sequences from {@code from} forward to {@code to}, as an unsigned value in {@code [0, 2^32)}. */
    public static long forwardDistance(int from, int to) {
        return Integer.toUnsignedLong(to - from);
    }

    /** The later of the two. */
    public static int max(int a, int b) {
        return isAfter(a, b) ? a : b;
    }

    /** The earlier of the two. */
    public static int min(int a, int b) {
        return isBefore(a, b) ? a : b;
    }

    /**
     * {@code true} when {@code sqn} lies in the inclusive window {@code [trail, lead]}. An empty window
     * ({@code trail == lead + 1}) contains nothing.
     */
    public static boolean isInWindow(int sqn, int trail, int lead) {
        return isAfterOrEqual(sqn, trail) && isBeforeOrEqual(sqn, lead);
    }

    /** Number of sequences in the inclusive window {@code [trail, lead]}; 0 for an empty window. */
    public static long windowSize(int trail, int lead) {
        return isBefore(lead, trail) ? 0 : Integer.toUnsignedLong(lead - trail) + 1;
    }

    /** A comparator result consistent with {@link #isBefore}, for sorting sequences near each other. */
    public static int compare(int a, int b) {
        return Integer.signum(a - b);
    }

    /** The sequence number as the unsigned decimal that tshark and OpenPGM print. */
    public static String toString(int sqn) {
        return Integer.toUnsignedString(sqn);
    }
}
