package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;

/**
 * Checks and decodes one datagram: common header, type-specific header and its address families, checksum, options
 * and TSDU length. Every datagram, however malformed, gets a {@link ValidationResult}; nothing is thrown and nothing
 * is allocated. After {@link ValidationResult#OK} the matching flyweight ({@link #spm()}, {@link #data()}, ...) and
 * {@link #options()} describe the packet until the next call.
 *
 * <p>Not checked here, because they depend on session state: port direction, GSI, NLAs matching the session, sequence
 * windows. One validator per thread; the engine thread owns its own.
 */
public final class PacketValidator {

    private final SpmPacket spm = new SpmPacket();
    private final PollPacket poll = new PollPacket();
    private final PolrPacket polr = new PolrPacket();
    private final DataPacket data = new DataPacket();
    private final NakPacket nak = new NakPacket();
    private final SpmrPacket spmr = new SpmrPacket();
    private final AckPacket ack = new AckPacket();
    private final OptionWalker walker = new OptionWalker();
    private final PgmOptions options = new PgmOptions();
    private final boolean verifyChecksum;
    private PgmPacket packet;

    /** A validator that verifies checksums. */
    public PacketValidator() {
        this(true);
    }

    /**
     * @param verifyChecksum {@code false} skips the checksum (still refusing 0 on data packets), for captures with
     *                       truncated frames and for measuring the parser alone
     */
    public PacketValidator(boolean verifyChecksum) {
        this.verifyChecksum = verifyChecksum;
    }

    /** Validates the {@code length} bytes at absolute {@code offset} of {@code buffer}. */
    public ValidationResult validate(ByteBuffer buffer, int offset, int length) {
        packet = null;
        options.clear();
        if (length < PgmPacket.HEADER_LENGTH || offset < 0 || offset > buffer.limit() - length) {
            return ValidationResult.TRUNCATED;
        }
        int typeByte = buffer.get(offset + PgmPacket.TYPE_OFFSET) & 0xFF;
        if ((typeByte & PgmPacket.VERSION_MASK) != 0) {
            return ValidationResult.BAD_VERSION;
        }
        PgmPacket candidate = flyweightFor(typeByte & PgmPacket.TYPE_MASK);
        if (candidate == null) {
            return ValidationResult.UNKNOWN_TYPE;
        }
        candidate.wrap(buffer, offset, length);
        ValidationResult result = checkTypeHeader(candidate, buffer, offset, length);
        if (result == ValidationResult.OK) {
            result = checkChecksum(candidate, buffer, offset, length);
        }
        if (result == ValidationResult.OK) {
            result = checkOptionsAndTsdu(candidate, buffer, offset, length);
        }
        if (result == ValidationResult.OK) {
            packet = candidate;
        }
        return result;
    }

    private PgmPacket flyweightFor(int type) {
        return switch (type) {
            case PacketType.SPM -> spm;
            case PacketType.POLL -> poll;
            case PacketType.POLR -> polr;
            case PacketType.ODATA, PacketType.RDATA -> data;
            case PacketType.NAK, PacketType.NNAK, PacketType.NCF -> nak;
            case PacketType.SPMR -> spmr;
            case PacketType.ACK -> ack;
            default -> null;
        };
    }

    private static ValidationResult checkTypeHeader(PgmPacket candidate, ByteBuffer buffer, int offset, int length) {
        int afiOffset = switch (candidate.type()) {
            case PacketType.SPM -> SpmPacket.PATH_NLA_OFFSET;
            case PacketType.POLL -> PollPacket.PATH_NLA_OFFSET;
            case PacketType.NAK, PacketType.NNAK, PacketType.NCF -> NakPacket.SOURCE_NLA_OFFSET;
            default -> -1;
        };
        if (afiOffset >= 0) {
            ValidationResult result = checkNla(buffer, offset, length, afiOffset);
            if (result != ValidationResult.OK) {
                return result;
            }
            if (candidate instanceof NakPacket) {
                int groupAfiOffset = afiOffset + 4 + Nla.addressLength(Nla.afiAt(buffer, offset + afiOffset));
                result = checkNla(buffer, offset, length, groupAfiOffset);
                if (result != ValidationResult.OK) {
                    return result;
                }
            }
        }
        return candidate.headerLength() <= length ? ValidationResult.OK : ValidationResult.TRUNCATED_TYPE_HEADER;
    }

    private static ValidationResult checkNla(ByteBuffer buffer, int offset, int length, int afiOffset) {
        if (afiOffset + 4 > length) {
            return ValidationResult.TRUNCATED_TYPE_HEADER;
        }
        int addressLength = Nla.addressLength(Nla.afiAt(buffer, offset + afiOffset));
        if (addressLength < 0) {
            return ValidationResult.BAD_AFI;
        }
        return afiOffset + 4 + addressLength <= length
                ? ValidationResult.OK : ValidationResult.TRUNCATED_TYPE_HEADER;
    }

    private ValidationResult checkChecksum(PgmPacket candidate, ByteBuffer buffer, int offset, int length) {
        if (candidate.checksum() == InternetChecksum.NONE) {
            return PacketType.isData(candidate.type()) ? ValidationResult.MISSING_CHECKSUM : ValidationResult.OK;
        }
        return !verifyChecksum || InternetChecksum.verify(buffer, offset, length)
                ? ValidationResult.OK : ValidationResult.BAD_CHECKSUM;
    }

    private ValidationResult checkOptionsAndTsdu(PgmPacket candidate, ByteBuffer buffer, int offset, int length) {
        int headerLength = candidate.headerLength();
        int optionsLength = 0;
        if (candidate.hasOptions()) {
            ValidationResult result = options.decode(walker, buffer, offset + headerLength, offset + length);
            if (result != ValidationResult.OK) {
                return result;
            }
            optionsLength = options.totalLength();
        }
        int tsduLength = candidate.tsduLength();
        if (headerLength + optionsLength + tsduLength != length) {
            return ValidationResult.TSDU_LENGTH_MISMATCH;
        }
        if (options.hasFragment() && !candidate.isParity()) {
            long end = Integer.toUnsignedLong(options.fragmentOffset()) + tsduLength;
            long apduLength = Integer.toUnsignedLong(options.fragmentApduLength());
            if (apduLength == 0 || end > apduLength) {
                return ValidationResult.BAD_FRAGMENT;
            }
        }
        return ValidationResult.OK;
    }

    /** The packet of the last {@code OK} validation, or {@code null}. */
    public PgmPacket packet() {
        return packet;
    }

    /** The type of the last {@code OK} packet; -1 when the last validation failed. */
    public int type() {
        return packet == null ? -1 : packet.type();
    }

    /** The options of the last {@code OK} packet (none present when it had none). */
    public PgmOptions options() {
        return options;
    }

    /** The last packet as an SPM; only meaningful when {@link #type()} is {@link PacketType#SPM}. */
    public SpmPacket spm() {
        return spm;
    }

    /** The last packet as a POLL. */
    public PollPacket poll() {
        return poll;
    }

    /** The last packet as a POLR. */
    public PolrPacket polr() {
        return polr;
    }

    /** The last packet as ODATA or RDATA. */
    public DataPacket data() {
        return data;
    }

    /** The last packet as a NAK, NNAK or NCF. */
    public NakPacket nak() {
        return nak;
    }

    /** The last packet as an SPMR. */
    public SpmrPacket spmr() {
        return spmr;
    }

    /** The last packet as a PGMCC ACK. */
    public AckPacket ack() {
        return ack;
    }
}
