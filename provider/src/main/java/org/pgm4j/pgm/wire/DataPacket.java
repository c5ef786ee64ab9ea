package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;

/**
 * ODATA and RDATA (RFC 3208 §8.2), which share one layout: original data from the source, and repairs carrying the
 * original sequence number with the trailing edge current when the repair is sent.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Data Packet Sequence Number                  |   16
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Trailing Edge Sequence Number                 |   20
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Option Extensions when present ...                            |   24
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Data ...
 * </pre>
 */
public final class DataPacket extends PgmPacket {

    /** Offset of the data sequence number. */
    public static final int SQN_OFFSET = 16;
    /** Offset of the trailing edge. */
    public static final int TRAIL_OFFSET = 20;
    /** Length of the ODATA/RDATA header before options. */
    public static final int DATA_HEADER_LENGTH = 24;

    @Override
    public DataPacket wrap(ByteBuffer buffer, int offset, int length) {
        super.wrap(buffer, offset, length);
        return this;
    }

    @Override
    public int headerLength() {
        return DATA_HEADER_LENGTH;
    }

    public int sqn() {
        return buffer.getInt(offset + SQN_OFFSET);
    }

    public DataPacket sqn(int sqn) {
        buffer.putInt(offset + SQN_OFFSET, sqn);
        return this;
    }

    public int trail() {
        return buffer.getInt(offset + TRAIL_OFFSET);
    }

    public DataPacket trail(int trail) {
        buffer.putInt(offset + TRAIL_OFFSET, trail);
        return this;
    }

    /**
     * Turns a stored, checksummed ODATA into an RDATA in place: type and trailing edge change, the checksum is
     * adjusted incrementally instead of summing the payload again.
     */
    public DataPacket convertToRdata(int currentTrail) {
        int checksum = checksum();
        int oldTypeWord = buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
        int oldTrail = trail();
        type(PacketType.RDATA);
        trail(currentTrail);
        int newTypeWord = buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
        checksum = InternetChecksum.update(checksum, oldTypeWord, newTypeWord);
        checksum(InternetChecksum.update32(checksum, oldTrail, currentTrail));
        return this;
    }

    @Override
    public String toString() {
        return describeHeader()
                .append(", sqn=").append(SequenceNumbers.toString(sqn()))
                .append(", trail=").append(SequenceNumbers.toString(trail()))
                .append('}').toString();
    }
}
