package org.pgm4j.pgm.wire;

/**
 * PGM option type codes (RFC 3208 §9, draft-ietf-rmt-bb-pgmcc) with their wire lengths. The first byte of every
 * option is {@code END (0x80) | type}; the second its length including the 4-byte option header.
 */
public final class OptionType {

    /** Always first when options are present; bytes 2–3 carry the total length of all options. */
    public static final int OPT_LENGTH = 0x00;
    /** First sequence, offset and total length of the APDU a fragment belongs to. */
    public static final int OPT_FRAGMENT = 0x01;
    /** Up to 62 further sequence numbers in a NAK or NCF. */
    public static final int OPT_NAK_LIST = 0x02;
    /** The oldest sequence a late-joining receiver may NAK for. */
    public static final int OPT_JOIN = 0x03;
    /** NAK back-off interval in microseconds and the POLL sequence it derives from. */
    public static final int OPT_NAK_BO_IVL = 0x04;
    /** Maximum and minimum NAK back-off interval in microseconds. */
    public static final int OPT_NAK_BO_RNG = 0x05;
    /** A designated local repairer's address, in a POLR. */
    public static final int OPT_REDIRECT = 0x07;
    /** FEC parameters: pro-active / on-demand flags and the transmission group size. */
    public static final int OPT_PARITY_PRM = 0x08;
    /** Parity group number of a parity packet. */
    public static final int OPT_PARITY_GRP = 0x09;
    /** Actual size of a short transmission group. */
    public static final int OPT_CURR_TGSIZE = 0x0A;
    /** Neighbour unreachable: SPM window fields carry no information. */
    public static final int OPT_NBR_UNREACH = 0x0B;
    /** Path NLA of a network element, without AFI. */
    public static final int OPT_PATH_NLA = 0x0C;
    /** First data packet of a session. */
    public static final int OPT_SYN = 0x0D;
    /** Session ends: last data packet and every SPM after it. */
    public static final int OPT_FIN = 0x0E;
    /** Session reset (aborted), with an error code. */
    public static final int OPT_RST = 0x0F;
    /** Congestion report, in a NAK. */
    public static final int OPT_CR = 0x10;
    /** Congestion report request, in an SPM. */
    public static final int OPT_CRQST = 0x11;
    /** PGMCC data: timestamp and ACKer address, in ODATA/RDATA. */
    public static final int OPT_PGMCC_DATA = 0x12;
    /** PGMCC feedback: echoed timestamp, loss rate and receiver address, in an ACK. */
    public static final int OPT_PGMCC_FEEDBACK = 0x13;
    /** An option a network element invalidated. */
    public static final int OPT_INVALID = 0x7F;

    /** Bit of the first option byte marking the last option. */
    public static final int OPT_END = 0x80;
    /** Mask of the option type in the first option byte. */
    public static final int TYPE_MASK = 0x7F;
    /** Length of the common option header (type, length, two flag bytes). */
    public static final int HEADER_LENGTH = 4;
    /** RFC 3208: at most 16 options in one packet. */
    public static final int MAX_OPTIONS = 16;
    /** RFC 3208: an OPT_NAK_LIST holds at most 62 sequence numbers (63 with the header's). */
    public static final int MAX_NAK_LIST_SQNS = 62;

    /** OPT_FRAGMENT length: 16 bytes, as OpenPGM and Wireshark use it (the RFC text's 12 is wrong). */
    public static final int FRAGMENT_LENGTH = 16;
    /** OPT_JOIN, OPT_PARITY_PRM, OPT_PARITY_GRP and OPT_CURR_TGSIZE length. */
    public static final int FOUR_BYTE_VALUE_LENGTH = 8;
    /** OPT_NAK_BO_IVL and OPT_NAK_BO_RNG length. */
    public static final int EIGHT_BYTE_VALUE_LENGTH = 12;

    /** OPT_PARITY_PRM flag (RFC and Wireshark bit values): pro-active parity. */
    public static final int PARITY_PRM_PROACTIVE = 0x02;
    /** OPT_PARITY_PRM flag (RFC and Wireshark bit values): on-demand parity. */
    public static final int PARITY_PRM_ON_DEMAND = 0x01;
    /** OPT_RST flag: NAKs will not be answered. */
    public static final int RST_NAKS_NOT_ANSWERED = 0x40;
    /** OPT_RST mask of the 6-bit error code. */
    public static final int RST_ERROR_CODE_MASK = 0x3F;
    /** OPT_CR / OPT_CRQST flag: neighbour worst link report. */
    public static final int CR_NE_WORST_LINK = 0x04;
    /** OPT_CR / OPT_CRQST flag: neighbour worst path report. */
    public static final int CR_NE_WORST_PATH = 0x02;
    /** OPT_CR / OPT_CRQST flag: worst receiver report. */
    public static final int CR_RX_WORST = 0x01;
    /** Option byte 3, bit U: encoded null (a parity packet's placeholder for an absent option). */
    public static final int OP_ENCODED_NULL = 0x80;

    private static final String[] NAMES = new String[0x14];

    static {
        NAMES[OPT_LENGTH] = "OPT_LENGTH";
        NAMES[OPT_FRAGMENT] = "OPT_FRAGMENT";
        NAMES[OPT_NAK_LIST] = "OPT_NAK_LIST";
        NAMES[OPT_JOIN] = "OPT_JOIN";
        NAMES[OPT_NAK_BO_IVL] = "OPT_NAK_BO_IVL";
        NAMES[OPT_NAK_BO_RNG] = "OPT_NAK_BO_RNG";
        NAMES[OPT_REDIRECT] = "OPT_REDIRECT";
        NAMES[OPT_PARITY_PRM] = "OPT_PARITY_PRM";
        NAMES[OPT_PARITY_GRP] = "OPT_PARITY_GRP";
        NAMES[OPT_CURR_TGSIZE] = "OPT_CURR_TGSIZE";
        NAMES[OPT_NBR_UNREACH] = "OPT_NBR_UNREACH";
        NAMES[OPT_PATH_NLA] = "OPT_PATH_NLA";
        NAMES[OPT_SYN] = "OPT_SYN";
        NAMES[OPT_FIN] = "OPT_FIN";
        NAMES[OPT_RST] = "OPT_RST";
        NAMES[OPT_CR] = "OPT_CR";
        NAMES[OPT_CRQST] = "OPT_CRQST";
        NAMES[OPT_PGMCC_DATA] = "OPT_PGMCC_DATA";
        NAMES[OPT_PGMCC_FEEDBACK] = "OPT_PGMCC_FEEDBACK";
    }

    private OptionType() {
    }

    /** The RFC name of an option type, or {@code OPT_UNKNOWN(0x..)}. */
    public static String name(int type) {
        if (type == OPT_INVALID) {
            return "OPT_INVALID";
        }
        return type >= 0 && type < NAMES.length && NAMES[type] != null
                ? NAMES[type] : String.format("OPT_UNKNOWN(0x%02X)", type);
    }

    /**
     * {@code true} for options that network elements must process (RFC 3208 table in §9); their presence sets the
     * header's N bit. OPT_CURR_TGSIZE is network-significant except in ODATA.
     */
    public static boolean isNetworkSignificant(int type, int packetType) {
        switch (type) {
            case OPT_NAK_LIST, OPT_NAK_BO_IVL, OPT_NAK_BO_RNG, OPT_REDIRECT, OPT_PARITY_PRM, OPT_NBR_UNREACH,
                    OPT_PATH_NLA, OPT_CR, OPT_CRQST:
                return true;
            case OPT_CURR_TGSIZE:
                return packetType != PacketType.ODATA;
            default:
                return false;
        }
    }
}
