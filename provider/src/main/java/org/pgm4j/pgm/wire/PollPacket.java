package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;

/**
 * POLL (RFC 3208 §14.7.1): a source or network element polls its children. 44 bytes with an IPv4 path NLA, 56 with
 * IPv6. OpenPGM neither sends nor answers POLLs; pgm4j codes them for completeness.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    POLL's Sequence Number                     |   16
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         POLL's Round          |       POLL's Sub-type         |   20
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            NLA AFI            |          Reserved             |   24
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            Path NLA                     ...   |   28
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  POLL's  Back-off Interval                    |   32 / 44
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Random String                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Matching Bit-Mask                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class PollPacket extends PgmPacket {

    /** Offset of POLL_SQN. */
    public static final int POLL_SQN_OFFSET = 16;
    /** Offset of POLL_ROUND. */
    public static final int ROUND_OFFSET = 20;
    /** Offset of POLL_S_TYPE. */
    public static final int SUBTYPE_OFFSET = 22;
    /** Offset of the path NLA (its AFI). */
    public static final int PATH_NLA_OFFSET = 24;
    /** POLL_S_TYPE: general poll. */
    public static final int SUBTYPE_GENERAL = 0;
    /** POLL_S_TYPE: poll for designated local repairers. */
    public static final int SUBTYPE_DLR = 1;

    @Override
    public PollPacket wrap(ByteBuffer buffer, int offset, int length) {
        super.wrap(buffer, offset, length);
        return this;
    }

    @Override
    public int headerLength() {
        return tailRelativeOffset() + 12;
    }

    private int tailRelativeOffset() {
        return PATH_NLA_OFFSET + 4 + Math.max(0, Nla.addressLength(pathAfi()));
    }

    public int pollSqn() {
        return buffer.getInt(offset + POLL_SQN_OFFSET);
    }

    public PollPacket pollSqn(int sqn) {
        buffer.putInt(offset + POLL_SQN_OFFSET, sqn);
        return this;
    }

    public int round() {
        return buffer.getShort(offset + ROUND_OFFSET) & 0xFFFF;
    }

    public PollPacket round(int round) {
        buffer.putShort(offset + ROUND_OFFSET, (short) round);
        return this;
    }

    public int subtype() {
        return buffer.getShort(offset + SUBTYPE_OFFSET) & 0xFFFF;
    }

    public PollPacket subtype(int subtype) {
        buffer.putShort(offset + SUBTYPE_OFFSET, (short) subtype);
        return this;
    }

    public int pathAfi() {
        return Nla.afiAt(buffer, offset + PATH_NLA_OFFSET);
    }

    /** The path NLA; allocates. */
    public Nla path() {
        return Nla.read(buffer, offset + PATH_NLA_OFFSET);
    }

    /** Writes the path NLA; write it before the back-off interval, random string and mask, which follow it. */
    public PollPacket path(Nla path) {
        path.write(buffer, offset + PATH_NLA_OFFSET);
        return this;
    }

    /** POLL_BO_IVL in microseconds. */
    public int backoffIntervalUs() {
        return buffer.getInt(offset + tailRelativeOffset());
    }

    public PollPacket backoffIntervalUs(int microseconds) {
        buffer.putInt(offset + tailRelativeOffset(), microseconds);
        return this;
    }

    public int randomString() {
        return buffer.getInt(offset + tailRelativeOffset() + 4);
    }

    public PollPacket randomString(int random) {
        buffer.putInt(offset + tailRelativeOffset() + 4, random);
        return this;
    }

    public int matchingMask() {
        return buffer.getInt(offset + tailRelativeOffset() + 8);
    }

    public PollPacket matchingMask(int mask) {
        buffer.putInt(offset + tailRelativeOffset() + 8, mask);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder text = describeHeader()
                .append(", pollSqn=").append(SequenceNumbers.toString(pollSqn()))
                .append(", round=").append(round())
                .append(", subtype=").append(subtype());
        if (Nla.addressLength(pathAfi()) > 0) {
            text.append(", path=").append(path())
                    .append(", backoffIntervalUs=").append(Integer.toUnsignedString(backoffIntervalUs()))
                    .append(", random=0x").append(Integer.toHexString(randomString()))
                    .append(", mask=0x").append(Integer.toHexString(matchingMask()));
        } else {
            text.append(", path=AFI ").append(pathAfi());
        }
        return text.append('}').toString();
    }
}
