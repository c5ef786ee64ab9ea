package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;

/**
 * NAK, NNAK and NCF (RFC 3208 §8.3), which share one layout: a requested sequence number, the source's unicast NLA
 * and the group NLA. 36 bytes with two IPv4 NLAs, 60 with two IPv6 ones; mixed families are legal.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Requested Sequence Number                   |   16
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            NLA AFI            |          Reserved             |   20
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           Source NLA                    ...   |   24
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            NLA AFI            |          Reserved             |   28 / 40
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Multicast Group NLA                ...   |   32 / 44
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Option Extensions when present ...
 * </pre>
 *
 * NAK and NNAK travel upstream (source port = data-destination port); an NCF travels downstream and repeats the
 * NAK's fields. A parity NAK (P bit) asks for {@code sqn & (tgSize - 1)} + 1 parity packets of the group
 * {@code sqn & ~(tgSize - 1)}.
 */
public final class NakPacket extends PgmPacket {

    /** Offset of the requested sequence number. */
    public static final int SQN_OFFSET = 16;
    /** Offset of the source NLA (its AFI). */
    public static final int SOURCE_NLA_OFFSET = 20;

    @Override
    public NakPacket wrap(ByteBuffer buffer, int offset, int length) {
        super.wrap(buffer, offset, length);
        return this;
    }

    @Override
    public int headerLength() {
        return groupNlaRelativeOffset() + 4 + Math.max(0, Nla.addressLength(groupAfi()));
    }

    private int groupNlaRelativeOffset() {
        return SOURCE_NLA_OFFSET + 4 + Math.max(0, Nla.addressLength(sourceAfi()));
    }

    public int sqn() {
        return buffer.getInt(offset + SQN_OFFSET);
    }

    public NakPacket sqn(int sqn) {
        buffer.putInt(offset + SQN_OFFSET, sqn);
        return this;
    }

    public int sourceAfi() {
        return Nla.afiAt(buffer, sourceNlaOffset());
    }

    /** Absolute offset of the source NLA (its AFI). */
    public int sourceNlaOffset() {
        return offset + SOURCE_NLA_OFFSET;
    }

    /** The source NLA; allocates. */
    public Nla sourceNla() {
        return Nla.read(buffer, sourceNlaOffset());
    }

    /** Writes both NLAs, source first: the group's position depends on the source's family. */
    public NakPacket nlas(Nla source, Nla group) {
        source.write(buffer, sourceNlaOffset());
        group.write(buffer, groupNlaOffset());
        return this;
    }

    /** Absolute offset of the group NLA (its AFI); depends on the source NLA's family. */
    public int groupNlaOffset() {
        return offset + groupNlaRelativeOffset();
    }

    /** Readable only when the source AFI is valid. */
    public int groupAfi() {
        return Nla.afiAt(buffer, groupNlaOffset());
    }

    /** The group NLA; allocates. */
    public Nla groupNla() {
        return Nla.read(buffer, groupNlaOffset());
    }

    @Override
    public String toString() {
        StringBuilder text = describeHeader().append(", sqn=").append(SequenceNumbers.toString(sqn()));
        if (Nla.addressLength(sourceAfi()) > 0) {
            text.append(", source=").append(sourceNla());
            text.append(", group=").append(Nla.addressLength(groupAfi()) > 0 ? groupNla() : "AFI " + groupAfi());
        } else {
            text.append(", source=AFI ").append(sourceAfi());
        }
        return text.append('}').toString();
    }
}
