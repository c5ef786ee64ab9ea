package org.pgm4j.pgm.wire;

/**
 * PGM packet type codes (RFC 3208 §8, low nibble of the type byte). Ints rather than an enum because they are read
 * straight off the wire on the hot path; {@link #name(int)} gives the RFC name.
 *
 * <p>Types 0x0–0x3 are SPM-like, 0x4–0x7 data, 0x8–0xB NAK-like, 0xC–0xF SPMR-like. PGMCC's ACK is 0x0D, as
 * OpenPGM and Wireshark use it (tcpdump and the original PGMCC code use 0x0B, which pgm4j does not accept).
 */
public final class PacketType {

    /** Source Path Message: source to group. */
    public static final int SPM = 0x00;
    /** POLL: source or network element to group. */
    public static final int POLL = 0x01;
    /** POLL response: unicast to the POLL's path NLA. */
    public static final int POLR = 0x02;
    /** Original data. */
    public static final int ODATA = 0x04;
    /** Repair data. */
    public static final int RDATA = 0x05;
    /** Negative acknowledgement: receiver to source, upstream. */
    public static final int NAK = 0x08;
    /** Null NAK: a designated local repairer to the source, upstream. */
    public static final int NNAK = 0x09;
    /** NAK confirmation: source or network element to group. */
    public static final int NCF = 0x0A;
    /** SPM request: receiver to source, upstream. */
    public static final int SPMR = 0x0C;
    /** PGMCC acknowledgement (draft-ietf-rmt-bb-pgmcc), upstream. */
    public static final int ACK = 0x0D;

    private static final String[] NAMES = {
        "SPM", "POLL", "POLR", null, "ODATA", "RDATA", null, null,
        "NAK", "NNAK", "NCF", null, "SPMR", "ACK", null, null,
    };

    private PacketType() {
    }

    /** {@code true} for the ten types pgm4j decodes. */
    public static boolean isKnown(int type) {
        return type >= 0 && type < NAMES.length && NAMES[type] != null;
    }

    /** {@code true} for ODATA and RDATA, whose checksum is mandatory. */
    public static boolean isData(int type) {
        return type == ODATA || type == RDATA;
    }

    /**
     * {@code true} for packets that travel towards the source (NAK, NNAK, SPMR, POLR, ACK): their source port is the
     * data-destination port and their destination port the TSI's data-source port.
     */
    public static boolean isUpstream(int type) {
        return type == NAK || type == NNAK || type == SPMR || type == POLR || type == ACK;
    }

    /** The RFC name of a type, or {@code UNKNOWN(0x..)}. */
    public static String name(int type) {
        return isKnown(type) ? NAMES[type] : String.format("UNKNOWN(0x%02X)", type);
    }
}
