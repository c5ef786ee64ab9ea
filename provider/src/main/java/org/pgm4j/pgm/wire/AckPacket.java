package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;

/**
 * PGMCC ACK (draft-ietf-rmt-bb-pgmcc §5.2, type 0x0D as OpenPGM and Wireshark use it): the elected ACKer reports the
 * highest sequence it received and a bitmap of the 32 before it. OpenPGM always appends OPT_PGMCC_FEEDBACK.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            RX_MAX                             |   16
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Received Packet Bitmap                 |   20
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Bit 0 (the least significant) stands for RX_MAX itself, bit i for RX_MAX - i.
 */
public final class AckPacket extends PgmPacket {

    /** Offset of RX_MAX. */
    public static final int RX_MAX_OFFSET = 16;
    /** Offset of the bitmap. */
    public static final int BITMAP_OFFSET = 20;
    /** Length before options. */
    public static final int ACK_HEADER_LENGTH = 24;

    @Override
    public AckPacket wrap(ByteBuffer buffer, int offset, int length) {
        super.wrap(buffer, offset, length);
        return this;
    }

    @Override
    public int headerLength() {
        return ACK_HEADER_LENGTH;
    }

    public int rxMax() {
        return buffer.getInt(offset + RX_MAX_OFFSET);
    }

    public AckPacket rxMax(int sqn) {
        buffer.putInt(offset + RX_MAX_OFFSET, sqn);
        return this;
    }

    public int bitmap() {
        return buffer.getInt(offset + BITMAP_OFFSET);
    }

    public AckPacket bitmap(int bitmap) {
        buffer.putInt(offset + BITMAP_OFFSET, bitmap);
        return this;
    }

    @Override
    public String toString() {
        return describeHeader()
                .append(", rxMax=").append(SequenceNumbers.toString(rxMax()))
                .append(", bitmap=0x").append(Integer.toHexString(bitmap()))
                .append('}').toString();
    }
}
