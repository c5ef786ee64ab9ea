package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;

/**
 * Source Path Message (RFC 3208 §8.1): sent by a source to the group, ambiently and as heartbeats, to advertise its
 * transmit window and the path NLA that receivers send NAKs to. 36 bytes with an IPv4 path, 48 with IPv6.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SPM's Sequence Number                     |   16
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Trailing Edge Sequence Number                 |   20
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Leading Edge Sequence Number                  |   24
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            NLA AFI            |          Reserved             |   28
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            Path NLA                     ...   |   32
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Option Extensions when present ...
 * </pre>
 *
 * An empty window before the first ODATA is advertised as {@code trail = lead + 1} (OpenPGM: 0 and 0xFFFFFFFF).
 */
public final class SpmPacket extends PgmPacket {

    /** Offset of SPM_SQN. */
    public static final int SPM_SQN_OFFSET = 16;
    /** Offset of SPM_TRAIL. */
    public static final int TRAIL_OFFSET = 20;
    /** Offset of SPM_LEAD. */
    public static final int LEAD_OFFSET = 24;
    /** Offset of the path NLA (AFI first). */
    public static final int PATH_NLA_OFFSET = 28;

    @Override
    public SpmPacket wrap(ByteBuffer buffer, int offset, int length) {
        super.wrap(buffer, offset, length);
        return this;
    }

    @Override
    public int headerLength() {
        return PATH_NLA_OFFSET + 4 + Math.max(0, Nla.addressLength(pathAfi()));
    }

    public int spmSqn() {
        return buffer.getInt(offset + SPM_SQN_OFFSET);
    }

    public SpmPacket spmSqn(int sqn) {
        buffer.putInt(offset + SPM_SQN_OFFSET, sqn);
        return this;
    }

    public int trail() {
        return buffer.getInt(offset + TRAIL_OFFSET);
    }

    public SpmPacket trail(int trail) {
        buffer.putInt(offset + TRAIL_OFFSET, trail);
        return this;
    }

    public int lead() {
        return buffer.getInt(offset + LEAD_OFFSET);
    }

    public SpmPacket lead(int lead) {
        buffer.putInt(offset + LEAD_OFFSET, lead);
        return this;
    }

    public int pathAfi() {
        return Nla.afiAt(buffer, offset + PATH_NLA_OFFSET);
    }

    /** Absolute offset of the path NLA (its AFI). */
    public int pathOffset() {
        return offset + PATH_NLA_OFFSET;
    }

    /** The path NLA; allocates. */
    public Nla path() {
        return Nla.read(buffer, pathOffset());
    }

    public SpmPacket path(Nla path) {
        path.write(buffer, pathOffset());
        return this;
    }

    @Override
    public String toString() {
        return describeHeader()
                .append(", spmSqn=").append(SequenceNumbers.toString(spmSqn()))
                .append(", trail=").append(SequenceNumbers.toString(trail()))
                .append(", lead=").append(SequenceNumbers.toString(lead()))
                .append(", path=").append(Nla.addressLength(pathAfi()) > 0 ? path() : "AFI " + pathAfi())
                .append('}').toString();
    }
}
