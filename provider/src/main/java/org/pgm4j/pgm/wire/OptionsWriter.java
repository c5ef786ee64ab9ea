package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;

/**
 * Writes a packet's option extensions (RFC 3208 §9): OPT_LENGTH first, then the options in the order called, the END
 * bit on the last one and OPT_LENGTH's total filled in by {@link #finish}. Network-significant options should be
 * written before the others, as the RFC asks. Reusable; allocates nothing. Byte 2 of every option is written as 0.
 *
 * <pre>{@code
 * int optionsLength = writer.begin(buffer, packet.optionsOffset(), PacketType.ODATA)
 *         .fragment(firstSqn, fragmentOffset, apduLength)
 *         .finish(packet);
 * }</pre>
 */
public final class OptionsWriter {

    private ByteBuffer buffer;
    private int start;
    private int cursor;
    private int last;
    private int count;
    private int packetType;
    private boolean networkSignificant;

    /** Starts the options of a packet of {@code packetType} at absolute {@code optionsOffset}. */
    public OptionsWriter begin(ByteBuffer buffer, int optionsOffset, int packetType) {
        this.buffer = buffer;
        this.start = optionsOffset;
        this.packetType = packetType;
        this.networkSignificant = false;
        this.count = 0;
        this.cursor = optionsOffset;
        option(OptionType.OPT_LENGTH, OptionType.HEADER_LENGTH, 0);
        return this;
    }

    private int option(int type, int length, int flags) {
        if (count == OptionType.MAX_OPTIONS) {
            throw new IllegalStateException("a PGM packet carries at most " + OptionType.MAX_OPTIONS + " options");
        }
        buffer.put(cursor, (byte) type);
        buffer.put(cursor + 1, (byte) length);
        buffer.put(cursor + 2, (byte) 0);
        buffer.put(cursor + 3, (byte) flags);
        if (OptionType.isNetworkSignificant(type, packetType)) {
            networkSignificant = true;
        }
        last = cursor;
        cursor += length;
        count++;
        return last;
    }

    /** OPT_FRAGMENT: first sequence of the APDU, this fragment's byte offset, the APDU's length. */
    public OptionsWriter fragment(int firstSqn, int fragmentOffset, int apduLength) {
        int at = option(OptionType.OPT_FRAGMENT, OptionType.FRAGMENT_LENGTH, 0);
        buffer.putInt(at + 4, firstSqn);
        buffer.putInt(at + 8, fragmentOffset);
        buffer.putInt(at + 12, apduLength);
        return this;
    }

    /** OPT_NAK_LIST with {@code count} (at most 62) sequences from {@code sqns[from]}. */
    public OptionsWriter nakList(int[] sqns, int from, int count) {
        if (count < 1 || count > OptionType.MAX_NAK_LIST_SQNS) {
            throw new IllegalArgumentException("OPT_NAK_LIST holds 1 to 62 sequences, not " + count);
        }
        int at = option(OptionType.OPT_NAK_LIST, OptionType.HEADER_LENGTH + 4 * count, 0);
        for (int i = 0; i < count; i++) {
            buffer.putInt(at + 4 + 4 * i, sqns[from + i]);
        }
        return this;
    }

    /** OPT_JOIN: the oldest sequence a late joiner may NAK for. */
    public OptionsWriter join(int minimumSqn) {
        return intOption(OptionType.OPT_JOIN, 0, minimumSqn);
    }

    /** OPT_NAK_BO_IVL: back-off interval in microseconds and the POLL sequence it derives from (0 = now). */
    public OptionsWriter nakBackoffInterval(int intervalUs, int pollSqn) {
        int at = option(OptionType.OPT_NAK_BO_IVL, OptionType.EIGHT_BYTE_VALUE_LENGTH, 0);
        buffer.putInt(at + 4, intervalUs);
        buffer.putInt(at + 8, pollSqn);
        return this;
    }

    /** OPT_NAK_BO_RNG: maximum, then minimum back-off interval in microseconds (RFC 3208 field order). */
    public OptionsWriter nakBackoffRange(int maximumUs, int minimumUs) {
        int at = option(OptionType.OPT_NAK_BO_RNG, OptionType.EIGHT_BYTE_VALUE_LENGTH, 0);
        buffer.putInt(at + 4, maximumUs);
        buffer.putInt(at + 8, minimumUs);
        return this;
    }

    /** OPT_REDIRECT: a designated local repairer's address. */
    public OptionsWriter redirect(Nla repairer) {
        int at = option(OptionType.OPT_REDIRECT, 4 + repairer.encodedLength(), 0);
        repairer.write(buffer, at + 4);
        return this;
    }

    /** OPT_PARITY_PRM: flags in RFC bit values and the transmission group size. */
    public OptionsWriter parityParameters(int flags, int groupSize) {
        return intOption(OptionType.OPT_PARITY_PRM, flags, groupSize);
    }

    /** OPT_PARITY_GRP: the parity group number. */
    public OptionsWriter parityGroup(int groupNumber) {
        return intOption(OptionType.OPT_PARITY_GRP, 0, groupNumber);
    }

    /** OPT_CURR_TGSIZE: the actual size of a short transmission group. */
    public OptionsWriter currentGroupSize(int size) {
        return intOption(OptionType.OPT_CURR_TGSIZE, 0, size);
    }

    /** OPT_NBR_UNREACH. */
    public OptionsWriter neighbourUnreachable() {
        option(OptionType.OPT_NBR_UNREACH, OptionType.HEADER_LENGTH, 0);
        return this;
    }

    /** OPT_PATH_NLA: an address without AFI. */
    public OptionsWriter pathNla(Nla path) {
        int at = option(OptionType.OPT_PATH_NLA, 4 + path.addressLength(), 0);
        path.writeAddress(buffer, at + 4);
        return this;
    }

    /** OPT_SYN. */
    public OptionsWriter syn() {
        option(OptionType.OPT_SYN, OptionType.HEADER_LENGTH, 0);
        return this;
    }

    /** OPT_FIN. */
    public OptionsWriter fin() {
        option(OptionType.OPT_FIN, OptionType.HEADER_LENGTH, 0);
        return this;
    }

    /** OPT_RST with the "NAKs will not be answered" bit and a 6-bit error code. */
    public OptionsWriter rst(boolean naksNotAnswered, int errorCode) {
        int flags = (naksNotAnswered ? OptionType.RST_NAKS_NOT_ANSWERED : 0)
                | (errorCode & OptionType.RST_ERROR_CODE_MASK);
        option(OptionType.OPT_RST, OptionType.HEADER_LENGTH, flags);
        return this;
    }

    /** OPT_CR: a congestion report. Loss rates are 0..0xFFFF for 0..100 %. */
    public OptionsWriter congestionReport(int flags, int leadSqn, int neWorstLinkLoss, int neWorstPathLoss,
            int rxWorstLoss, Nla worstReceiver) {
        int at = option(OptionType.OPT_CR, 16 + worstReceiver.encodedLength(), flags);
        buffer.putInt(at + 4, leadSqn);
        buffer.putShort(at + 8, (short) neWorstLinkLoss);
        buffer.putShort(at + 10, (short) neWorstPathLoss);
        buffer.putShort(at + 12, (short) rxWorstLoss);
        buffer.putShort(at + 14, (short) 0);
        worstReceiver.write(buffer, at + 16);
        return this;
    }

    /** OPT_CRQST: which congestion reports are requested. */
    public OptionsWriter congestionReportRequest(int flags) {
        option(OptionType.OPT_CRQST, OptionType.HEADER_LENGTH, flags);
        return this;
    }

    /** OPT_PGMCC_DATA: send time in milliseconds and the current ACKer. */
    public OptionsWriter pgmccData(int timestampMs, Nla acker) {
        int at = option(OptionType.OPT_PGMCC_DATA, 8 + acker.encodedLength(), 0);
        buffer.putInt(at + 4, timestampMs);
        acker.write(buffer, at + 8);
        return this;
    }

    /** OPT_PGMCC_FEEDBACK: echoed timestamp, loss rate (0..0xFFFF) and the receiver's address. */
    public OptionsWriter pgmccFeedback(int timestampMs, int lossRate, Nla receiver) {
        int at = option(OptionType.OPT_PGMCC_FEEDBACK, 8 + receiver.encodedLength(), 0);
        buffer.putInt(at + 4, timestampMs);
        receiver.write(buffer, at + 8);
        buffer.putShort(at + 10, (short) lossRate);
        return this;
    }

    private OptionsWriter intOption(int type, int flags, int value) {
        int at = option(type, OptionType.FOUR_BYTE_VALUE_LENGTH, flags);
        buffer.putInt(at + 4, value);
        return this;
    }

    /**
     * Sets the END bit on the last option and OPT_LENGTH's total.
     *
     * @return the total length of the options
     */
    public int finish() {
        buffer.put(last, (byte) (buffer.get(last) | OptionType.OPT_END));
        int total = cursor - start;
        buffer.putShort(start + 2, (short) total);
        return total;
    }

    /**
     * {@link #finish()}, and sets the O bit (and the N bit when a network-significant option was written) in the
     * packet's header.
     *
     * @return the total length of the options
     */
    public int finish(PgmPacket packet) {
        int total = finish();
        int flags = packet.options() | PgmPacket.OPT_PRESENT;
        packet.options(networkSignificant ? flags | PgmPacket.OPT_NETWORK : flags);
        return total;
    }

    /** {@code true} once a network-significant option has been written since {@link #begin}. */
    public boolean hasNetworkSignificantOption() {
        return networkSignificant;
    }
}
