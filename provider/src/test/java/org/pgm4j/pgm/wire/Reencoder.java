package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;

/**
 * Test helper: writes a decoded packet again with the codec's writers, from the decoded field values only, so that
 * a byte comparison with the original proves decode and encode agree on every field.
 */
final class Reencoder {

    private final OptionsWriter writer = new OptionsWriter();
    private final OptionWalker walker = new OptionWalker();
    private final int[] nakList = new int[OptionType.MAX_NAK_LIST_SQNS];

    /** Re-encodes the packet {@code decoded} holds into {@code out} at 0; returns the TPDU length. */
    int reencode(PacketValidator decoded, ByteBuffer out) {
        PgmPacket source = decoded.packet();
        PgmPacket target = writeTypeHeader(decoded, out);
        target.options(source.options() & (PgmPacket.OPT_PARITY | PgmPacket.OPT_VAR_PKTLEN));
        if (source.hasOptions()) {
            writeOptions(decoded, source, target, out);
        }
        int tsduLength = source.tsduLength();
        target.tsduLength(tsduLength);
        out.put(target.tsduOffset(), source.buffer(), source.tsduOffset(), tsduLength);
        return target.tpduLength();
    }

    /**
     * Copies byte 2 of every option from the original into the re-encoded packet: OpenPGM leaves that byte
     * uninitialised and the writer writes 0. Returns how many bytes differed.
     */
    int copyUninitialisedOptionBytes(PgmPacket original, ByteBuffer out) {
        if (!original.hasOptions()) {
            return 0;
        }
        int differences = 0;
        int delta = -original.offset();
        walker.reset(original.buffer(), original.optionsOffset(), original.offset() + original.length());
        while (walker.hasNext() && walker.next() == ValidationResult.OK) {
            byte flags = original.buffer().get(walker.offset() + 2);
            if (out.get(walker.offset() + delta + 2) != flags) {
                differences++;
                out.put(walker.offset() + delta + 2, flags);
            }
        }
        return differences;
    }

    private PgmPacket writeTypeHeader(PacketValidator decoded, ByteBuffer out) {
        PgmPacket source = decoded.packet();
        int type = source.type();
        PgmPacket target;
        switch (type) {
            case PacketType.SPM -> {
                SpmPacket from = decoded.spm();
                target = new SpmPacket().wrap(out, 0, out.capacity())
                        .spmSqn(from.spmSqn()).trail(from.trail()).lead(from.lead()).path(from.path());
            }
            case PacketType.ODATA, PacketType.RDATA -> {
                DataPacket from = decoded.data();
                target = new DataPacket().wrap(out, 0, out.capacity()).sqn(from.sqn()).trail(from.trail());
            }
            case PacketType.NAK, PacketType.NNAK, PacketType.NCF -> {
                NakPacket from = decoded.nak();
                target = new NakPacket().wrap(out, 0, out.capacity())
                        .sqn(from.sqn()).nlas(from.sourceNla(), from.groupNla());
            }
            case PacketType.POLL -> {
                PollPacket from = decoded.poll();
                target = new PollPacket().wrap(out, 0, out.capacity()).pollSqn(from.pollSqn()).round(from.round())
                        .subtype(from.subtype()).path(from.path()).backoffIntervalUs(from.backoffIntervalUs())
                        .randomString(from.randomString()).matchingMask(from.matchingMask());
            }
            case PacketType.POLR -> {
                PolrPacket from = decoded.polr();
                target = new PolrPacket().wrap(out, 0, out.capacity()).polrSqn(from.polrSqn()).round(from.round());
            }
            case PacketType.ACK -> {
                AckPacket from = decoded.ack();
                target = new AckPacket().wrap(out, 0, out.capacity()).rxMax(from.rxMax()).bitmap(from.bitmap());
            }
            case PacketType.SPMR -> target = new SpmrPacket().wrap(out, 0, out.capacity());
            default -> throw new IllegalArgumentException("not a decoded type: " + type);
        }
        target.sourcePort(source.sourcePort());
        target.destinationPort(source.destinationPort());
        out.put(PgmPacket.TYPE_OFFSET, (byte) source.typeByte());
        target.checksum(0);
        target.gsi(source.gsi());
        return target;
    }

    private void writeOptions(PacketValidator decoded, PgmPacket source, PgmPacket target, ByteBuffer out) {
        PgmOptions options = decoded.options();
        writer.begin(out, target.optionsOffset(), source.type());
        walker.reset(source.buffer(), source.optionsOffset(), source.offset() + source.length());
        while (walker.hasNext() && walker.next() == ValidationResult.OK) {
            int flags = walker.flags();
            switch (walker.type()) {
                case OptionType.OPT_FRAGMENT -> writer.fragment(options.fragmentFirstSqn(), options.fragmentOffset(),
                        options.fragmentApduLength());
                case OptionType.OPT_NAK_LIST -> {
                    for (int i = 0; i < options.nakListCount(); i++) {
                        nakList[i] = options.nakListSqn(i);
                    }
                    writer.nakList(nakList, 0, options.nakListCount());
                }
                case OptionType.OPT_JOIN -> writer.join(options.joinMinimumSqn());
                case OptionType.OPT_NAK_BO_IVL -> writer.nakBackoffInterval(options.nakBackoffIntervalUs(),
                        options.nakBackoffIntervalSqn());
                case OptionType.OPT_NAK_BO_RNG -> writer.nakBackoffRange(options.nakBackoffRangeMaxUs(),
                        options.nakBackoffRangeMinUs());
                case OptionType.OPT_REDIRECT -> writer.redirect(options.redirectNla());
                case OptionType.OPT_PARITY_PRM -> writer.parityParameters(flags, options.parityGroupSize());
                case OptionType.OPT_PARITY_GRP -> writer.parityGroup(options.parityGroupNumber());
                case OptionType.OPT_CURR_TGSIZE -> writer.currentGroupSize(options.currentGroupSize());
                case OptionType.OPT_NBR_UNREACH -> writer.neighbourUnreachable();
                case OptionType.OPT_PATH_NLA -> writer.pathNla(options.pathNla());
                case OptionType.OPT_SYN -> writer.syn();
                case OptionType.OPT_FIN -> writer.fin();
                case OptionType.OPT_RST -> writer.rst(options.rstNaksNotAnswered(), options.rstErrorCode());
                case OptionType.OPT_CR -> writer.congestionReport(flags, options.crLeadSqn(),
                        options.crNeWorstLinkLoss(), options.crNeWorstPathLoss(), options.crRxWorstLoss(),
                        options.crWorstReceiver());
                case OptionType.OPT_CRQST -> writer.congestionReportRequest(flags);
                case OptionType.OPT_PGMCC_DATA -> writer.pgmccData(options.pgmccDataTimestamp(),
                        options.pgmccDataAcker());
                case OptionType.OPT_PGMCC_FEEDBACK -> writer.pgmccFeedback(options.pgmccFeedbackTimestamp(),
                        options.pgmccFeedbackLossRate(), options.pgmccFeedbackReceiver());
                default -> {
                    // OPT_LENGTH is written by begin(); unknown options cannot be re-encoded from values.
                }
            }
        }
        writer.finish(target);
    }
}
