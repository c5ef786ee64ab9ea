package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over the PGM common header (RFC 3208 §8), the base of every packet-type flyweight.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Source Port           |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Type     |    Options    |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Global Source ID                   ... |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | ...    Global Source ID       |           TSDU Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The options byte uses the values every implementation puts on the wire: O = 0x01, N = 0x02, V = 0x40,
 * P = 0x80 (the RFC's bit numbering reads the other way round). A flyweight wraps an absolute offset in a buffer and
 * never changes the buffer's position or limit; the GSI travels as a 48-bit {@code long} so that a TSI fits in one
 * {@code long} without allocating.
 */
public abstract class PgmPacket {

    /** Offset of the source port. */
    public static final int SOURCE_PORT_OFFSET = 0;
    /** Offset of the destination port. */
    public static final int DESTINATION_PORT_OFFSET = 2;
    /** Offset of the type byte (version in the top two bits, type in the low nibble). */
    public static final int TYPE_OFFSET = 4;
    /** Offset of the options byte. */
    public static final int OPTIONS_OFFSET = 5;
    /** Offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 6;
    /** Offset of the 6-byte global source ID. */
    public static final int GSI_OFFSET = 8;
    /** Offset of the TSDU length. */
    public static final int TSDU_LENGTH_OFFSET = 14;
    /** Length of the common header. */
    public static final int HEADER_LENGTH = 16;
    /** Length of a GSI. */
    public static final int GSI_LENGTH = 6;

    /** Options byte: option extensions follow the type-specific header. */
    public static final int OPT_PRESENT = 0x01;
    /** Options byte: at least one network-significant option is present. */
    public static final int OPT_NETWORK = 0x02;
    /** Options byte: parity packet of a transmission group with variable-size packets. */
    public static final int OPT_VAR_PKTLEN = 0x40;
    /** Options byte: parity (FEC) packet. */
    public static final int OPT_PARITY = 0x80;

    /** The low nibble of the type byte. */
    public static final int TYPE_MASK = 0x0F;
    /** The version bits of the type byte. */
    public static final int VERSION_MASK = 0xC0;

    protected ByteBuffer buffer;
    protected int offset;
    protected int length;

    /**
     * Points the flyweight at {@code length} bytes from absolute {@code offset}. For encoding, {@code length} is the
     * room available; for decoding, the datagram's length.
     */
    public PgmPacket wrap(ByteBuffer buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** The wrapped buffer. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Absolute offset of the packet's first byte in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** Length given at {@link #wrap}. */
    public int length() {
        return length;
    }

    /** Length of the common plus type-specific header, before any options. */
    public abstract int headerLength();

    /** Writes the common header; checksum and TSDU length are set to 0 and options to none. */
    public PgmPacket writeHeader(int sourcePort, int destinationPort, int type, long gsi) {
        sourcePort(sourcePort);
        destinationPort(destinationPort);
        buffer.put(offset + TYPE_OFFSET, (byte) type);
        options(0);
        checksum(0);
        gsi(gsi);
        tsduLength(0);
        return this;
    }

    public int sourcePort() {
        return buffer.getShort(offset + SOURCE_PORT_OFFSET) & 0xFFFF;
    }

    public PgmPacket sourcePort(int port) {
        buffer.putShort(offset + SOURCE_PORT_OFFSET, (short) port);
        return this;
    }

    public int destinationPort() {
        return buffer.getShort(offset + DESTINATION_PORT_OFFSET) & 0xFFFF;
    }

    public PgmPacket destinationPort(int port) {
        buffer.putShort(offset + DESTINATION_PORT_OFFSET, (short) port);
        return this;
    }

    /** The packet type (low nibble of the type byte), see {@link PacketType}. */
    public int type() {
        return buffer.get(offset + TYPE_OFFSET) & TYPE_MASK;
    }

    /** The whole type byte, version and reserved bits included. */
    public int typeByte() {
        return buffer.get(offset + TYPE_OFFSET) & 0xFF;
    }

    /** Rewrites the type nibble, keeping the other bits (as a source does to turn ODATA into RDATA). */
    public PgmPacket type(int type) {
        int typeByte = (typeByte() & ~TYPE_MASK) | (type & TYPE_MASK);
        buffer.put(offset + TYPE_OFFSET, (byte) typeByte);
        return this;
    }

    /** The version: the top two bits of the type byte, 0 for RFC 3208. */
    public int version() {
        return (typeByte() & VERSION_MASK) >>> 6;
    }

    /** The options byte: {@link #OPT_PRESENT}, {@link #OPT_NETWORK}, {@link #OPT_VAR_PKTLEN}, {@link #OPT_PARITY}. */
    public int options() {
        return buffer.get(offset + OPTIONS_OFFSET) & 0xFF;
    }

    public PgmPacket options(int options) {
        buffer.put(offset + OPTIONS_OFFSET, (byte) options);
        return this;
    }

    /** {@code true} when the O bit says option extensions follow the type-specific header. */
    public boolean hasOptions() {
        return (options() & OPT_PRESENT) != 0;
    }

    /** {@code true} when the P bit marks a parity packet. */
    public boolean isParity() {
        return (options() & OPT_PARITY) != 0;
    }

    public int checksum() {
        return buffer.getShort(offset + CHECKSUM_OFFSET) & 0xFFFF;
    }

    public PgmPacket checksum(int checksum) {
        buffer.putShort(offset + CHECKSUM_OFFSET, (short) checksum);
        return this;
    }

    /** The 6-byte GSI as the low 48 bits of a {@code long}. */
    public long gsi() {
        long high = buffer.getShort(offset + GSI_OFFSET) & 0xFFFFL;
        long low = buffer.getInt(offset + GSI_OFFSET + 2) & 0xFFFF_FFFFL;
        return (high << 32) | low;
    }

    /** Writes the low 48 bits of {@code gsi}. */
    public PgmPacket gsi(long gsi) {
        buffer.putShort(offset + GSI_OFFSET, (short) (gsi >>> 32));
        buffer.putInt(offset + GSI_OFFSET + 2, (int) gsi);
        return this;
    }

    /** Length of the TSDU (payload) after the type-specific header and options. */
    public int tsduLength() {
        return buffer.getShort(offset + TSDU_LENGTH_OFFSET) & 0xFFFF;
    }

    public PgmPacket tsduLength(int tsduLength) {
        buffer.putShort(offset + TSDU_LENGTH_OFFSET, (short) tsduLength);
        return this;
    }

    /**
     * The transport session ID of a downstream packet: GSI and source port in one {@code long}
     * ({@code gsi << 16 | sourcePort}).
     */
    public long downstreamTsi() {
        return tsi(gsi(), sourcePort());
    }

    /** The TSI an upstream packet (NAK, SPMR, ...) is addressed to: GSI and destination port. */
    public long upstreamTsi() {
        return tsi(gsi(), destinationPort());
    }

    /** Packs a GSI and a data-source port into one {@code long}. */
    public static long tsi(long gsi, int sourcePort) {
        return (gsi << 16) | (sourcePort & 0xFFFF);
    }

    /** Absolute offset of the first option (valid when {@link #hasOptions()}), right after the header. */
    public int optionsOffset() {
        return offset + headerLength();
    }

    /**
     * Total length of the options as OPT_LENGTH declares it, or 0 when the O bit is clear. Only meaningful on a
     * validated packet or one being encoded.
     */
    public int optionsLength() {
        return hasOptions() ? buffer.getShort(optionsOffset() + 2) & 0xFFFF : 0;
    }

    /** Absolute offset of the TSDU. */
    public int tsduOffset() {
        return optionsOffset() + optionsLength();
    }

    /** Length of the whole TPDU: header, options and TSDU. */
    public int tpduLength() {
        return headerLength() + optionsLength() + tsduLength();
    }

    /**
     * Computes the checksum over the {@link #tpduLength()} bytes and writes it; call last when encoding.
     *
     * @return the checksum written
     */
    public int writeChecksum() {
        checksum(0);
        int checksum = InternetChecksum.compute(buffer, offset, tpduLength());
        checksum(checksum);
        return checksum;
    }

    /** Common header fields for {@link #toString()}. */
    protected StringBuilder describeHeader() {
        StringBuilder text = new StringBuilder(160);
        text.append(PacketType.name(type()))
                .append("{sport=").append(sourcePort())
                .append(", dport=").append(destinationPort())
                .append(", options=0x").append(Integer.toHexString(options()))
                .append(", checksum=0x").append(Integer.toHexString(checksum()))
                .append(", gsi=").append(String.format("%012x", gsi()))
                .append(", tsduLength=").append(tsduLength());
        return text;
    }

    /** Every field; allocates, for logs and debugging only. */
    @Override
    public String toString() {
        return describeHeader().append('}').toString();
    }
}
