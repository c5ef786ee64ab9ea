package org.pgm4j.pgm.wire;

/**
 * What {@link PacketValidator} says about a datagram. Everything but {@link #OK} means the datagram is dropped and
 * counted under this code; none of them is ever thrown.
 */
public enum ValidationResult {
    /** Well-formed: every length, address family, option and the checksum check out. */
    OK("well-formed"),
    /** Shorter than the 16-byte common header. */
    TRUNCATED("shorter than the 16-byte common header"),
    /** The version bits (top two of the type byte) are not 0. */
    BAD_VERSION("PGM version is not 0"),
    /** The low nibble of the type byte is not a PGM packet type pgm4j knows. */
    UNKNOWN_TYPE("unknown packet type"),
    /** The checksum field is 0 on ODATA or RDATA, where RFC 3208 makes it mandatory. */
    MISSING_CHECKSUM("checksum missing on a data packet"),
    /** The packet does not sum to 0xFFFF. */
    BAD_CHECKSUM("checksum mismatch"),
    /** Shorter than the type-specific header its type and address families need. */
    TRUNCATED_TYPE_HEADER("shorter than the type-specific header"),
    /** An NLA's address family is neither 1 (IPv4) nor 2 (IPv6). */
    BAD_AFI("address family is not IPv4 or IPv6"),
    /** The O bit is set but the first option is not OPT_LENGTH (or it is not 4 bytes long). */
    MISSING_OPT_LENGTH("options present but OPT_LENGTH is not first"),
    /** OPT_LENGTH's total is shorter than OPT_LENGTH itself or runs past the end of the datagram. */
    BAD_OPTIONS_TOTAL("OPT_LENGTH total is impossible for this datagram"),
    /** An option's length is below 4 or runs past the options' total (this also ends option loops). */
    OPTION_OVERRUN("an option runs past the options' total length"),
    /** A known option has a length its layout does not allow. */
    BAD_OPTION_LENGTH("an option's length does not fit its type"),
    /** The options' total is used up without an option that carries the END bit. */
    MISSING_OPT_END("no option carries the END bit"),
    /** The END bit comes before the options' total is used up. */
    OPTIONS_TOTAL_MISMATCH("the END option stops short of OPT_LENGTH's total"),
    /** More than 16 options. */
    TOO_MANY_OPTIONS("more than 16 options"),
    /** The TSDU length field does not match the bytes after the header and options. */
    TSDU_LENGTH_MISMATCH("TSDU length does not match the datagram"),
    /** An OPT_FRAGMENT whose offset and TSDU do not fit in the APDU length it declares. */
    BAD_FRAGMENT("OPT_FRAGMENT does not fit its APDU length");

    private final String description;

    ValidationResult(String description) {
        this.description = description;
    }

    /** A short, stable description for logs and statistics. */
    public String description() {
        return description;
    }
}
