package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;

/**
 * POLL response (RFC 3208 §14.7.2), unicast to the POLL's path NLA. 24 bytes before options.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    POLR's Sequence Number                     |   16
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         POLR's Round          |           reserved            |   20
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class PolrPacket extends PgmPacket {

    /** Offset of POLR_SQN. */
    public static final int POLR_SQN_OFFSET = 16;
    /** Offset of POLR_ROUND. */
    public static final int ROUND_OFFSET = 20;
    /** Length before options. */
    public static final int POLR_HEADER_LENGTH = 24;

    @Override
    public PolrPacket wrap(ByteBuffer buffer, int offset, int length) {
        super.wrap(buffer, offset, length);
        return this;
    }

    @Override
    public int headerLength() {
        return POLR_HEADER_LENGTH;
    }

    public int polrSqn() {
        return buffer.getInt(offset + POLR_SQN_OFFSET);
    }

    public PolrPacket polrSqn(int sqn) {
        buffer.putInt(offset + POLR_SQN_OFFSET, sqn);
        return this;
    }

    public int round() {
        return buffer.getShort(offset + ROUND_OFFSET) & 0xFFFF;
    }

    /** Writes the round and zeroes the reserved field after it. */
    public PolrPacket round(int round) {
        buffer.putShort(offset + ROUND_OFFSET, (short) round);
        buffer.putShort(offset + ROUND_OFFSET + 2, (short) 0);
        return this;
    }

    @Override
    public String toString() {
        return describeHeader()
                .append(", polrSqn=").append(SequenceNumbers.toString(polrSqn()))
                .append(", round=").append(round())
                .append('}').toString();
    }
}
