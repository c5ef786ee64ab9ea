package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;
import java.util.StringJoiner;

/**
 * The option extensions of one validated packet, read through {@link OptionWalker} with each known option's length
 * and address family checked. Values are read from the buffer on demand, so the packet's buffer must not change while
 * they are used. Reusable; allocates nothing but {@link #toString()} and the {@link Nla} getters.
 *
 * <p>Byte 2 of each option (RFC 3208's F and OPX bits) is not interpreted: OpenPGM leaves it uninitialised.
 */
public final class PgmOptions {

    private static final int TYPES = OptionType.OPT_PGMCC_FEEDBACK + 1;

    private final int[] offsets = new int[TYPES];
    private ByteBuffer buffer;
    private int present;
    private int count;
    private int unknown;
    private int totalLength;

    /** Forgets the options of the previous packet: none present. */
    public void clear() {
        present = 0;
        count = 0;
        unknown = 0;
        totalLength = 0;
    }

    /**
     * Walks and checks the options at absolute {@code optionsOffset}, which may not extend past absolute
     * {@code limit}. Unknown option types are skipped and counted.
     */
    public ValidationResult decode(OptionWalker walker, ByteBuffer buffer, int optionsOffset, int limit) {
        clear();
        this.buffer = buffer;
        ValidationResult result = walker.reset(buffer, optionsOffset, limit);
        if (result != ValidationResult.OK) {
            return result;
        }
        totalLength = buffer.getShort(optionsOffset + 2) & 0xFFFF;
        while (walker.hasNext()) {
            result = walker.next();
            if (result != ValidationResult.OK) {
                return result;
            }
            result = record(walker.type(), walker.offset(), walker.length());
            if (result != ValidationResult.OK) {
                return result;
            }
        }
        count = walker.count();
        return ValidationResult.OK;
    }

    private ValidationResult record(int type, int offset, int length) {
        if (type >= TYPES || type == OptionType.OPT_LENGTH || type == 0x06) {
            unknown++;
            return ValidationResult.OK;
        }
        ValidationResult result = checkLength(type, offset, length);
        if (result == ValidationResult.OK) {
            offsets[type] = offset;
            present |= 1 << type;
        }
        return result;
    }

    private ValidationResult checkLength(int type, int offset, int length) {
        switch (type) {
            case OptionType.OPT_FRAGMENT:
                return atLeast(length, OptionType.FRAGMENT_LENGTH);
            case OptionType.OPT_NAK_LIST:
                int sqns = (length - OptionType.HEADER_LENGTH) / 4;
                return (length - OptionType.HEADER_LENGTH) % 4 == 0 && sqns <= OptionType.MAX_NAK_LIST_SQNS
                        ? ValidationResult.OK : ValidationResult.BAD_OPTION_LENGTH;
            case OptionType.OPT_JOIN, OptionType.OPT_PARITY_PRM, OptionType.OPT_PARITY_GRP,
                    OptionType.OPT_CURR_TGSIZE:
                return atLeast(length, OptionType.FOUR_BYTE_VALUE_LENGTH);
            case OptionType.OPT_NAK_BO_IVL, OptionType.OPT_NAK_BO_RNG:
                return atLeast(length, OptionType.EIGHT_BYTE_VALUE_LENGTH);
            case OptionType.OPT_REDIRECT:
                return checkNla(offset, length, 4);
            case OptionType.OPT_PATH_NLA:
                return length == 8 || length == 20 ? ValidationResult.OK : ValidationResult.BAD_OPTION_LENGTH;
            case OptionType.OPT_CR:
                return checkNla(offset, length, 16);
            case OptionType.OPT_PGMCC_DATA, OptionType.OPT_PGMCC_FEEDBACK:
                return checkNla(offset, length, 8);
            default:
                return ValidationResult.OK;
        }
    }

    private static ValidationResult atLeast(int length, int minimum) {
        return length >= minimum ? ValidationResult.OK : ValidationResult.BAD_OPTION_LENGTH;
    }

    private ValidationResult checkNla(int offset, int length, int afiOffset) {
        if (length < afiOffset + 4) {
            return ValidationResult.BAD_OPTION_LENGTH;
        }
        int addressLength = Nla.addressLength(Nla.afiAt(buffer, offset + afiOffset));
        if (addressLength < 0) {
            return ValidationResult.BAD_AFI;
        }
        return length >= afiOffset + 4 + addressLength ? ValidationResult.OK : ValidationResult.BAD_OPTION_LENGTH;
    }

    /** {@code true} when an option of this {@link OptionType} code was present. */
    public boolean has(int type) {
        return type >= 0 && type < TYPES && (present & (1 << type)) != 0;
    }

    /** Absolute offset of the option of this type; only valid when {@link #has} says it is present. */
    public int offsetOf(int type) {
        return offsets[type];
    }

    /** Number of options, OPT_LENGTH included; 0 when the packet had none. */
    public int count() {
        return count;
    }

    /** Options of types pgm4j does not know, skipped. */
    public int unknownCount() {
        return unknown;
    }

    /** OPT_LENGTH's total; 0 when the packet had no options. */
    public int totalLength() {
        return totalLength;
    }

    private int intAt(int type, int valueOffset) {
        return buffer.getInt(offsets[type] + valueOffset);
    }

    private int shortAt(int type, int valueOffset) {
        return buffer.getShort(offsets[type] + valueOffset) & 0xFFFF;
    }

    private int flagsOf(int type) {
        return buffer.get(offsets[type] + 3) & 0xFF;
    }

    public boolean hasFragment() {
        return has(OptionType.OPT_FRAGMENT);
    }

    /** OPT_FRAGMENT: sequence number of the APDU's first fragment. */
    public int fragmentFirstSqn() {
        return intAt(OptionType.OPT_FRAGMENT, 4);
    }

    /** OPT_FRAGMENT: byte offset of this fragment in the APDU. */
    public int fragmentOffset() {
        return intAt(OptionType.OPT_FRAGMENT, 8);
    }

    /** OPT_FRAGMENT: total APDU length in bytes. */
    public int fragmentApduLength() {
        return intAt(OptionType.OPT_FRAGMENT, 12);
    }

    /** Number of sequences in OPT_NAK_LIST (the header's requested sequence not counted); 0 when absent. */
    public int nakListCount() {
        return has(OptionType.OPT_NAK_LIST)
                ? ((buffer.get(offsets[OptionType.OPT_NAK_LIST] + 1) & 0xFF) - OptionType.HEADER_LENGTH) / 4 : 0;
    }

    /** The {@code index}-th sequence of OPT_NAK_LIST. */
    public int nakListSqn(int index) {
        return intAt(OptionType.OPT_NAK_LIST, 4 + 4 * index);
    }

    /** OPT_JOIN: the oldest sequence a late joiner may NAK for. */
    public int joinMinimumSqn() {
        return intAt(OptionType.OPT_JOIN, 4);
    }

    /** OPT_NAK_BO_IVL: NAK back-off interval in microseconds. */
    public int nakBackoffIntervalUs() {
        return intAt(OptionType.OPT_NAK_BO_IVL, 4);
    }

    /** OPT_NAK_BO_IVL: the POLL sequence the interval derives from, 0 for "now". */
    public int nakBackoffIntervalSqn() {
        return intAt(OptionType.OPT_NAK_BO_IVL, 8);
    }

    /** OPT_NAK_BO_RNG: maximum back-off interval in microseconds (the first field, per RFC 3208). */
    public int nakBackoffRangeMaxUs() {
        return intAt(OptionType.OPT_NAK_BO_RNG, 4);
    }

    /** OPT_NAK_BO_RNG: minimum back-off interval in microseconds. */
    public int nakBackoffRangeMinUs() {
        return intAt(OptionType.OPT_NAK_BO_RNG, 8);
    }

    /** OPT_REDIRECT: the designated local repairer; allocates. */
    public Nla redirectNla() {
        return Nla.read(buffer, offsets[OptionType.OPT_REDIRECT] + 4);
    }

    /** OPT_PARITY_PRM flags byte, RFC bit values ({@link OptionType#PARITY_PRM_PROACTIVE} ...). */
    public int parityFlags() {
        return flagsOf(OptionType.OPT_PARITY_PRM);
    }

    /** OPT_PARITY_PRM: transmission group size. */
    public int parityGroupSize() {
        return intAt(OptionType.OPT_PARITY_PRM, 4);
    }

    /** OPT_PARITY_GRP: parity group number. */
    public int parityGroupNumber() {
        return intAt(OptionType.OPT_PARITY_GRP, 4);
    }

    /** OPT_CURR_TGSIZE: actual size of this transmission group. */
    public int currentGroupSize() {
        return intAt(OptionType.OPT_CURR_TGSIZE, 4);
    }

    /** OPT_PATH_NLA: a network element's path address (no AFI on the wire); allocates. */
    public Nla pathNla() {
        int length = (buffer.get(offsets[OptionType.OPT_PATH_NLA] + 1) & 0xFF) - 4;
        return Nla.readAddress(buffer, offsets[OptionType.OPT_PATH_NLA] + 4, length);
    }

    public boolean hasSyn() {
        return has(OptionType.OPT_SYN);
    }

    public boolean hasFin() {
        return has(OptionType.OPT_FIN);
    }

    public boolean hasRst() {
        return has(OptionType.OPT_RST);
    }

    /** OPT_RST: {@code true} when the source says NAKs will not be answered. */
    public boolean rstNaksNotAnswered() {
        return (flagsOf(OptionType.OPT_RST) & OptionType.RST_NAKS_NOT_ANSWERED) != 0;
    }

    /** OPT_RST: the 6-bit application error code, 0 for unknown. */
    public int rstErrorCode() {
        return flagsOf(OptionType.OPT_RST) & OptionType.RST_ERROR_CODE_MASK;
    }

    /** OPT_CR: which reports are present ({@link OptionType#CR_NE_WORST_LINK} ...). */
    public int crFlags() {
        return flagsOf(OptionType.OPT_CR);
    }

    /** OPT_CR: the leading sequence the report refers to. */
    public int crLeadSqn() {
        return intAt(OptionType.OPT_CR, 4);
    }

    /** OPT_CR: neighbour worst link loss rate, 0..0xFFFF. */
    public int crNeWorstLinkLoss() {
        return shortAt(OptionType.OPT_CR, 8);
    }

    /** OPT_CR: neighbour worst path loss rate, 0..0xFFFF. */
    public int crNeWorstPathLoss() {
        return shortAt(OptionType.OPT_CR, 10);
    }

    /** OPT_CR: worst receiver loss rate, 0..0xFFFF. */
    public int crRxWorstLoss() {
        return shortAt(OptionType.OPT_CR, 12);
    }

    /** OPT_CR: the worst receiver's address; allocates. */
    public Nla crWorstReceiver() {
        return Nla.read(buffer, offsets[OptionType.OPT_CR] + 16);
    }

    /** OPT_CRQST: which reports are requested. */
    public int crqstFlags() {
        return flagsOf(OptionType.OPT_CRQST);
    }

    /** OPT_PGMCC_DATA: the source's timestamp in milliseconds. */
    public int pgmccDataTimestamp() {
        return intAt(OptionType.OPT_PGMCC_DATA, 4);
    }

    /** OPT_PGMCC_DATA: the current ACKer (0.0.0.0 or :: for an election); allocates. */
    public Nla pgmccDataAcker() {
        return Nla.read(buffer, offsets[OptionType.OPT_PGMCC_DATA] + 8);
    }

    /** OPT_PGMCC_FEEDBACK: the echoed timestamp in milliseconds. */
    public int pgmccFeedbackTimestamp() {
        return intAt(OptionType.OPT_PGMCC_FEEDBACK, 4);
    }

    /** OPT_PGMCC_FEEDBACK: the receiver's loss rate, 0..0xFFFF. */
    public int pgmccFeedbackLossRate() {
        return shortAt(OptionType.OPT_PGMCC_FEEDBACK, 10);
    }

    /** OPT_PGMCC_FEEDBACK: the receiver's address; allocates. */
    public Nla pgmccFeedbackReceiver() {
        return Nla.read(buffer, offsets[OptionType.OPT_PGMCC_FEEDBACK] + 8);
    }

    /** Every present option with its values; allocates, for logs and debugging only. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "[", "]");
        for (int type = 1; type < TYPES; type++) {
            if (has(type)) {
                text.add(describe(type));
            }
        }
        if (unknown > 0) {
            text.add(unknown + " unknown");
        }
        return text.toString();
    }

    private String describe(int type) {
        String name = OptionType.name(type);
        return switch (type) {
            case OptionType.OPT_FRAGMENT -> name + "{first=" + SequenceNumbers.toString(fragmentFirstSqn())
                    + ", offset=" + Integer.toUnsignedString(fragmentOffset())
                    + ", length=" + Integer.toUnsignedString(fragmentApduLength()) + "}";
            case OptionType.OPT_NAK_LIST -> name + describeNakList();
            case OptionType.OPT_JOIN -> name + "{min=" + SequenceNumbers.toString(joinMinimumSqn()) + "}";
            case OptionType.OPT_NAK_BO_IVL -> name + "{us=" + Integer.toUnsignedString(nakBackoffIntervalUs())
                    + ", sqn=" + SequenceNumbers.toString(nakBackoffIntervalSqn()) + "}";
            case OptionType.OPT_NAK_BO_RNG -> name + "{maxUs=" + Integer.toUnsignedString(nakBackoffRangeMaxUs())
                    + ", minUs=" + Integer.toUnsignedString(nakBackoffRangeMinUs()) + "}";
            case OptionType.OPT_REDIRECT -> name + "{" + redirectNla() + "}";
            case OptionType.OPT_PARITY_PRM -> name + "{flags=0x" + Integer.toHexString(parityFlags())
                    + ", tgs=" + parityGroupSize() + "}";
            case OptionType.OPT_PARITY_GRP -> name + "{" + parityGroupNumber() + "}";
            case OptionType.OPT_CURR_TGSIZE -> name + "{" + currentGroupSize() + "}";
            case OptionType.OPT_PATH_NLA -> name + "{" + pathNla() + "}";
            case OptionType.OPT_RST -> name + "{naksNotAnswered=" + rstNaksNotAnswered()
                    + ", code=" + rstErrorCode() + "}";
            case OptionType.OPT_CR -> name + "{flags=0x" + Integer.toHexString(crFlags())
                    + ", lead=" + SequenceNumbers.toString(crLeadSqn()) + ", neWorstLink=" + crNeWorstLinkLoss()
                    + ", neWorstPath=" + crNeWorstPathLoss() + ", rxWorst=" + crRxWorstLoss()
                    + ", receiver=" + crWorstReceiver() + "}";
            case OptionType.OPT_CRQST -> name + "{flags=0x" + Integer.toHexString(crqstFlags()) + "}";
            case OptionType.OPT_PGMCC_DATA -> name + "{ts=" + Integer.toUnsignedString(pgmccDataTimestamp())
                    + ", acker=" + pgmccDataAcker() + "}";
            case OptionType.OPT_PGMCC_FEEDBACK -> name + "{ts="
                    + Integer.toUnsignedString(pgmccFeedbackTimestamp()) + ", loss=" + pgmccFeedbackLossRate()
                    + ", receiver=" + pgmccFeedbackReceiver() + "}";
            default -> name;
        };
    }

    private String describeNakList() {
        StringJoiner sqns = new StringJoiner(",", "{", "}");
        for (int i = 0; i < nakListCount(); i++) {
            sqns.add(SequenceNumbers.toString(nakListSqn(i)));
        }
        return sqns.toString();
    }
}
