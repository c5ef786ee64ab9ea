package org.pgm4j.pgm.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes: each expected packet is written field by field from the RFC 3208 diagram (with {@link WireBytes},
 * independent of the codec), then the codec must produce exactly those bytes and decode them back.
 */
class PacketGoldenBytesTest {

    private static final long GSI = 0x0102_0304_0506L;
    private static final int SOURCE_PORT = 0x1234;
    private static final int DATA_PORT = 7500;
    private static final Nla SOURCE = nla("127.0.0.1");
    private static final Nla GROUP = nla("239.192.0.1");
    private static final Nla SOURCE_V6 = nla("::1");
    private static final Nla GROUP_V6 = nla("ff02::1:2");

    private final ByteBuffer buffer = ByteBuffer.allocate(1_500);
    private final OptionsWriter options = new OptionsWriter();
    private final PacketValidator validator = new PacketValidator();

    @Test
    @DisplayName("8.1 SPM with an IPv4 path NLA is 36 bytes")
    void shouldEncodeSpmWithIpv4Path() {
        byte[] expected = WireBytes.builder()
                .u16(SOURCE_PORT).u16(DATA_PORT).u8(0x00).u8(0x00).u16(0).bytes("010203040506").u16(0)
                .u32(7).u32(0x10).u32(0x20).ipv4Nla("127.0.0.1")
                .withChecksum();
        SpmPacket spm = new SpmPacket().wrap(buffer, 0, buffer.capacity());
        spm.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.SPM, GSI);
        spm.spmSqn(7).trail(0x10).lead(0x20).path(SOURCE);
        spm.writeChecksum();

        assertEncoded(expected, spm);
        SpmPacket decoded = decode(expected).spm();
        assertEquals(7, decoded.spmSqn());
        assertEquals(0x10, decoded.trail());
        assertEquals(0x20, decoded.lead());
        assertEquals(SOURCE, decoded.path());
        assertEquals(GSI, decoded.gsi());
        assertEquals(PgmPacket.tsi(GSI, SOURCE_PORT), decoded.downstreamTsi());
    }

    @Test
    @DisplayName("8.1 SPM with an IPv6 path NLA is 48 bytes")
    void shouldEncodeSpmWithIpv6Path() {
        byte[] expected = WireBytes.builder()
                .u16(SOURCE_PORT).u16(DATA_PORT).u8(0x00).u8(0x00).u16(0).bytes("010203040506").u16(0)
                .u32(1).u32(0).u32(0xFFFF_FFFF).u16(2).u16(0).bytes("00000000000000000000000000000001")
                .withChecksum();
        SpmPacket spm = new SpmPacket().wrap(buffer, 0, buffer.capacity());
        spm.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.SPM, GSI);
        spm.spmSqn(1).trail(0).lead(0xFFFF_FFFF).path(SOURCE_V6);
        spm.writeChecksum();

        assertEquals(48, expected.length);
        assertEncoded(expected, spm);
        assertEquals(SOURCE_V6, decode(expected).spm().path());
    }

    @Test
    @DisplayName("9.6.1 OPT_FIN in an SPM: byte-exact with a captured OpenPGM FIN SPM")
    void shouldEncodeTheCapturedFinSpm() {
        byte[] captured = WireBytes.hex("87d21d4c 00 01 c036 b7c6d1bc038a 0000 0000000a 00000018 00000067"
                + " 0001 0000 7f000001 | 00 04 0008 | 8e 04 00 00");
        SpmPacket spm = new SpmPacket().wrap(buffer, 0, buffer.capacity());
        spm.writeHeader(0x87d2, DATA_PORT, PacketType.SPM, 0xb7c6d1bc038aL);
        spm.spmSqn(10).trail(0x18).lead(0x67).path(SOURCE);
        options.begin(buffer, spm.optionsOffset(), PacketType.SPM).fin().finish(spm);
        spm.writeChecksum();

        assertEncoded(captured, spm);
        PacketValidator decoded = decode(captured);
        assertTrue(decoded.options().hasFin());
        assertEquals(2, decoded.options().count());
    }

    @Test
    @DisplayName("9 SPM options: OPT_PARITY_PRM, OPT_NAK_BO_RNG, OPT_JOIN, OPT_CRQST, OPT_RST, network-significant first")
    void shouldEncodeSpmWithEveryOptionItMayCarry() {
        byte[] expected = WireBytes.builder()
                .u16(SOURCE_PORT).u16(DATA_PORT).u8(0x00).u8(0x03).u16(0).bytes("010203040506").u16(0)
                .u32(3).u32(100).u32(200).ipv4Nla("127.0.0.1")
                .u8(0x00).u8(4).u16(4 + 8 + 12 + 4 + 8 + 4)
                .u8(0x08).u8(8).u8(0).u8(0x03).u32(8)
                .u8(0x05).u8(12).u8(0).u8(0).u32(500_000).u32(10_000)
                .u8(0x11).u8(4).u8(0).u8(0x05)
                .u8(0x03).u8(8).u8(0).u8(0).u32(150)
                .u8(0x8F).u8(4).u8(0).u8(0x40 | 0x2A)
                .withChecksum();
        SpmPacket spm = new SpmPacket().wrap(buffer, 0, buffer.capacity());
        spm.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.SPM, GSI);
        spm.spmSqn(3).trail(100).lead(200).path(SOURCE);
        options.begin(buffer, spm.optionsOffset(), PacketType.SPM)
                .parityParameters(OptionType.PARITY_PRM_PROACTIVE | OptionType.PARITY_PRM_ON_DEMAND, 8)
                .nakBackoffRange(500_000, 10_000)
                .congestionReportRequest(OptionType.CR_NE_WORST_LINK | OptionType.CR_RX_WORST)
                .join(150)
                .rst(true, 0x2A)
                .finish(spm);
        spm.writeChecksum();

        assertEncoded(expected, spm);
        PgmOptions decoded = decode(expected).options();
        assertEquals(8, decoded.parityGroupSize());
        assertEquals(0x03, decoded.parityFlags());
        assertEquals(500_000, decoded.nakBackoffRangeMaxUs());
        assertEquals(10_000, decoded.nakBackoffRangeMinUs());
        assertEquals(0x05, decoded.crqstFlags());
        assertEquals(150, decoded.joinMinimumSqn());
        assertTrue(decoded.rstNaksNotAnswered());
        assertEquals(0x2A, decoded.rstErrorCode());
    }

    @Test
    @DisplayName("8.2 ODATA: 24-byte header, then the TSDU; no options")
    void shouldEncodeOdata() {
        byte[] expected = WireBytes.builder()
                .u16(SOURCE_PORT).u16(DATA_PORT).u8(0x04).u8(0x00).u16(0).bytes("010203040506").u16(5)
                .u32(0xFFFF_FFFE).u32(0xFFFF_FF00).bytes("68656c6c6f")
                .withChecksum();
        DataPacket odata = writeData(PacketType.ODATA, 0xFFFF_FFFE, 0xFFFF_FF00, "hello", null);

        assertEncoded(expected, odata);
        DataPacket decoded = decode(expected).data();
        assertEquals(0xFFFF_FFFE, decoded.sqn());
        assertEquals(0xFFFF_FF00, decoded.trail());
        assertEquals(DataPacket.DATA_HEADER_LENGTH, decoded.tsduOffset());
        assertEquals(5, decoded.tsduLength());
    }

    @Test
    @DisplayName("9.3 OPT_FRAGMENT is 16 bytes: first sqn, offset, APDU length")
    void shouldEncodeAFragmentedOdata() {
        byte[] expected = WireBytes.builder()
                .u16(SOURCE_PORT).u16(DATA_PORT).u8(0x04).u8(0x01).u16(0).bytes("010203040506").u16(3)
                .u32(11).u32(2)
                .u8(0x00).u8(4).u16(20)
                .u8(0x81).u8(16).u8(0).u8(0).u32(10).u32(1428).u32(1431)
                .bytes("616263")
                .withChecksum();
        DataPacket odata = writeData(PacketType.ODATA, 11, 2, "abc", w -> w.fragment(10, 1428, 1431));

        assertEncoded(expected, odata);
        PacketValidator decoded = decode(expected);
        assertEquals(10, decoded.options().fragmentFirstSqn());
        assertEquals(1428, decoded.options().fragmentOffset());
        assertEquals(1431, decoded.options().fragmentApduLength());
        assertEquals(24 + 20, decoded.data().tsduOffset() - decoded.data().offset());
    }

    @Test
    @DisplayName("9 ODATA options: OPT_SYN and OPT_PGMCC_DATA, neither network-significant")
    void shouldEncodeOdataWithSynAndPgmccData() {
        byte[] expected = WireBytes.builder()
                .u16(SOURCE_PORT).u16(DATA_PORT).u8(0x04).u8(0x01).u16(0).bytes("010203040506").u16(1)
                .u32(0).u32(0)
                .u8(0x00).u8(4).u16(24)
                .u8(0x0D).u8(4).u8(0).u8(0)
                .u8(0x92).u8(16).u8(0).u8(0).u32(123_456).ipv4Nla("0.0.0.0")
                .bytes("7a")
                .withChecksum();
        DataPacket odata = writeData(PacketType.ODATA, 0, 0, "z", w -> w.syn().pgmccData(123_456, nla("0.0.0.0")));

        assertEncoded(expected, odata);
        PgmOptions decoded = decode(expected).options();
        assertTrue(decoded.hasSyn());
        assertEquals(123_456, decoded.pgmccDataTimestamp());
        assertEquals(nla("0.0.0.0"), decoded.pgmccDataAcker());
    }

    @Test
    @DisplayName("A.3 parity ODATA: P bit, OPT_PARITY_GRP and OPT_CURR_TGSIZE")
    void shouldEncodeAParityOdata() {
        byte[] expected = WireBytes.builder()
                .u16(SOURCE_PORT).u16(DATA_PORT).u8(0x04).u8(0x81).u16(0).bytes("010203040506").u16(2)
                .u32(0x40).u32(0)
                .u8(0x00).u8(4).u16(20)
                .u8(0x09).u8(8).u8(0).u8(0).u32(1)
                .u8(0x8A).u8(8).u8(0).u8(0).u32(3)
                .bytes("beef")
                .withChecksum();
        DataPacket odata = new DataPacket().wrap(buffer, 0, buffer.capacity());
        odata.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.ODATA, GSI);
        odata.options(PgmPacket.OPT_PARITY);
        odata.sqn(0x40).trail(0);
        options.begin(buffer, odata.optionsOffset(), PacketType.ODATA).parityGroup(1).currentGroupSize(3)
                .finish(odata);
        putTsdu(odata, WireBytes.hex("beef"));

        assertEncoded(expected, odata);
        PacketValidator decoded = decode(expected);
        assertTrue(decoded.data().isParity());
        assertEquals(1, decoded.options().parityGroupNumber());
        assertEquals(3, decoded.options().currentGroupSize());
    }

    @Test
    @DisplayName("8.2 RDATA from a stored ODATA: type and trail rewritten, checksum adjusted incrementally")
    void shouldConvertOdataToRdataWithAValidChecksum() {
        byte[] expected = WireBytes.builder()
                .u16(SOURCE_PORT).u16(DATA_PORT).u8(0x05).u8(0x00).u16(0).bytes("010203040506").u16(5)
                .u32(77).u32(70).bytes("68656c6c6f")
                .withChecksum();
        DataPacket packet = writeData(PacketType.ODATA, 77, 60, "hello", null);
        packet.convertToRdata(70);

        assertEncoded(expected, packet);
        assertEquals(PacketType.RDATA, decode(expected).type());
    }

    @Test
    @DisplayName("8.3 NAK with OPT_NAK_LIST: byte-exact with a captured OpenPGM NAK (ports reversed, N bit set)")
    void shouldEncodeTheCapturedNakWithList() {
        byte[] captured = WireBytes.hex("1d4c 1b37 08 03 4083 b7c6d1bc038a 0000 00000005 0001 0000 7f000001"
                + " 0001 0000 efc00101 | 00 04 000c | 82 08 00 00 00000006");
        NakPacket nak = new NakPacket().wrap(buffer, 0, buffer.capacity());
        nak.writeHeader(DATA_PORT, 0x1b37, PacketType.NAK, 0xb7c6d1bc038aL);
        nak.sqn(5).nlas(SOURCE, nla("239.192.1.1"));
        options.begin(buffer, nak.optionsOffset(), PacketType.NAK).nakList(new int[] {6}, 0, 1).finish(nak);
        nak.writeChecksum();

        assertEncoded(captured, nak);
        PacketValidator decoded = decode(captured);
        assertEquals(5, decoded.nak().sqn());
        assertEquals(1, decoded.options().nakListCount());
        assertEquals(6, decoded.options().nakListSqn(0));
        assertEquals(PgmPacket.tsi(0xb7c6d1bc038aL, 0x1b37), decoded.nak().upstreamTsi());
    }

    @Test
    @DisplayName("8.3 NAK with an IPv6 source NLA and an IPv4 group NLA (mixed families are legal)")
    void shouldEncodeANakWithMixedFamilies() {
        byte[] expected = WireBytes.builder()
                .u16(DATA_PORT).u16(SOURCE_PORT).u8(0x08).u8(0x00).u16(0).bytes("010203040506").u16(0)
                .u32(99).u16(2).u16(0).bytes("00000000000000000000000000000001").ipv4Nla("239.192.0.1")
                .withChecksum();
        NakPacket nak = new NakPacket().wrap(buffer, 0, buffer.capacity());
        nak.writeHeader(DATA_PORT, SOURCE_PORT, PacketType.NAK, GSI);
        nak.sqn(99).nlas(SOURCE_V6, GROUP);
        nak.writeChecksum();

        assertEquals(48, expected.length);
        assertEncoded(expected, nak);
        NakPacket decoded = decode(expected).nak();
        assertEquals(SOURCE_V6, decoded.sourceNla());
        assertEquals(GROUP, decoded.groupNla());
    }

    @Test
    @DisplayName("8.3 NAK with OPT_CR (congestion report), IPv6 NLAs: 60-byte header")
    void shouldEncodeANakWithACongestionReport() {
        byte[] expected = WireBytes.builder()
                .u16(DATA_PORT).u16(SOURCE_PORT).u8(0x08).u8(0x03).u16(0).bytes("010203040506").u16(0)
                .u32(7).u16(2).u16(0).bytes("00000000000000000000000000000001")
                .u16(2).u16(0).bytes("ff020000000000000000000000010002")
                .u8(0x00).u8(4).u16(28)
                .u8(0x90).u8(24).u8(0).u8(0x01).u32(7).u16(0).u16(0).u16(0x8000).u16(0).ipv4Nla("127.0.0.1")
                .withChecksum();
        NakPacket nak = new NakPacket().wrap(buffer, 0, buffer.capacity());
        nak.writeHeader(DATA_PORT, SOURCE_PORT, PacketType.NAK, GSI);
        nak.sqn(7).nlas(SOURCE_V6, GROUP_V6);
        options.begin(buffer, nak.optionsOffset(), PacketType.NAK)
                .congestionReport(OptionType.CR_RX_WORST, 7, 0, 0, 0x8000, SOURCE)
                .finish(nak);
        nak.writeChecksum();

        assertEncoded(expected, nak);
        PgmOptions decoded = decode(expected).options();
        assertEquals(0x8000, decoded.crRxWorstLoss());
        assertEquals(SOURCE, decoded.crWorstReceiver());
        assertEquals(7, decoded.crLeadSqn());
    }

    @Test
    @DisplayName("8.3 NNAK shares the NAK layout with type 0x09")
    void shouldEncodeAnNnak() {
        byte[] expected = WireBytes.builder()
                .u16(DATA_PORT).u16(SOURCE_PORT).u8(0x09).u8(0x00).u16(0).bytes("010203040506").u16(0)
                .u32(12).ipv4Nla("127.0.0.1").ipv4Nla("239.192.0.1")
                .withChecksum();
        NakPacket nnak = new NakPacket().wrap(buffer, 0, buffer.capacity());
        nnak.writeHeader(DATA_PORT, SOURCE_PORT, PacketType.NNAK, GSI);
        nnak.sqn(12).nlas(SOURCE, GROUP);
        nnak.writeChecksum();

        assertEncoded(expected, nnak);
        assertEquals(PacketType.NNAK, decode(expected).type());
    }

    @Test
    @DisplayName("8.3 NCF with OPT_NAK_BO_IVL, OPT_NBR_UNREACH and OPT_PATH_NLA (downstream ports)")
    void shouldEncodeAnNcfWithNetworkOptions() {
        byte[] expected = WireBytes.builder()
                .u16(SOURCE_PORT).u16(DATA_PORT).u8(0x0A).u8(0x03).u16(0).bytes("010203040506").u16(0)
                .u32(12).ipv4Nla("127.0.0.1").ipv4Nla("239.192.0.1")
                .u8(0x00).u8(4).u16(4 + 12 + 4 + 8)
                .u8(0x04).u8(12).u8(0).u8(0).u32(50_000).u32(0)
                .u8(0x0B).u8(4).u8(0).u8(0)
                .u8(0x8C).u8(8).u8(0).u8(0).bytes("7f000002")
                .withChecksum();
        NakPacket ncf = new NakPacket().wrap(buffer, 0, buffer.capacity());
        ncf.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.NCF, GSI);
        ncf.sqn(12).nlas(SOURCE, GROUP);
        options.begin(buffer, ncf.optionsOffset(), PacketType.NCF)
                .nakBackoffInterval(50_000, 0).neighbourUnreachable().pathNla(nla("127.0.0.2")).finish(ncf);
        ncf.writeChecksum();

        assertEncoded(expected, ncf);
        PgmOptions decoded = decode(expected).options();
        assertEquals(50_000, decoded.nakBackoffIntervalUs());
        assertEquals(0, decoded.nakBackoffIntervalSqn());
        assertTrue(decoded.has(OptionType.OPT_NBR_UNREACH));
        assertEquals(nla("127.0.0.2"), decoded.pathNla());
    }

    @Test
    @DisplayName("13.6 SPMR is the common header only: byte-exact with a captured OpenPGM SPMR")
    void shouldEncodeTheCapturedSpmr() {
        byte[] captured = WireBytes.hex("1d4c 9c42 0c 00 ad63 b7c6d1bc038a 0000");
        SpmrPacket spmr = new SpmrPacket().wrap(buffer, 0, buffer.capacity());
        spmr.writeHeader(DATA_PORT, 0x9c42, PacketType.SPMR, 0xb7c6d1bc038aL);
        spmr.writeChecksum();

        assertEncoded(captured, spmr);
        assertEquals(PgmPacket.tsi(0xb7c6d1bc038aL, 0x9c42), decode(captured).spmr().upstreamTsi());
    }

    @Test
    @DisplayName("14.7.1 POLL with an IPv4 path NLA is 44 bytes")
    void shouldEncodeAPoll() {
        byte[] expected = WireBytes.builder()
                .u16(SOURCE_PORT).u16(DATA_PORT).u8(0x01).u8(0x00).u16(0).bytes("010203040506").u16(0)
                .u32(9).u16(2).u16(PollPacket.SUBTYPE_DLR).ipv4Nla("127.0.0.1")
                .u32(250_000).u32(0xCAFEBABE).u32(0x0000_000F)
                .withChecksum();
        PollPacket poll = new PollPacket().wrap(buffer, 0, buffer.capacity());
        poll.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.POLL, GSI);
        poll.pollSqn(9).round(2).subtype(PollPacket.SUBTYPE_DLR).path(SOURCE)
                .backoffIntervalUs(250_000).randomString(0xCAFEBABE).matchingMask(0xF);
        poll.writeChecksum();

        assertEquals(44, expected.length);
        assertEncoded(expected, poll);
        PollPacket decoded = decode(expected).poll();
        assertEquals(9, decoded.pollSqn());
        assertEquals(2, decoded.round());
        assertEquals(250_000, decoded.backoffIntervalUs());
        assertEquals(0xCAFEBABE, decoded.randomString());
        assertEquals(0xF, decoded.matchingMask());
    }

    @Test
    @DisplayName("14.7.2 POLR with OPT_REDIRECT (the RFC's '4 + NLA' length is off by 4: 12 bytes for IPv4)")
    void shouldEncodeAPolrWithRedirect() {
        byte[] expected = WireBytes.builder()
                .u16(DATA_PORT).u16(SOURCE_PORT).u8(0x02).u8(0x03).u16(0).bytes("010203040506").u16(0)
                .u32(9).u16(2).u16(0)
                .u8(0x00).u8(4).u16(16)
                .u8(0x87).u8(12).u8(0).u8(0).ipv4Nla("127.0.0.3")
                .withChecksum();
        PolrPacket polr = new PolrPacket().wrap(buffer, 0, buffer.capacity());
        polr.writeHeader(DATA_PORT, SOURCE_PORT, PacketType.POLR, GSI);
        polr.polrSqn(9).round(2);
        options.begin(buffer, polr.optionsOffset(), PacketType.POLR).redirect(nla("127.0.0.3")).finish(polr);
        polr.writeChecksum();

        assertEncoded(expected, polr);
        PacketValidator decoded = decode(expected);
        assertEquals(9, decoded.polr().polrSqn());
        assertEquals(nla("127.0.0.3"), decoded.options().redirectNla());
    }

    @Test
    @DisplayName("PGMCC ACK (type 0x0D) with OPT_PGMCC_FEEDBACK is 44 bytes for IPv4, as OpenPGM sends it")
    void shouldEncodeAPgmccAck() {
        byte[] expected = WireBytes.builder()
                .u16(DATA_PORT).u16(SOURCE_PORT).u8(0x0D).u8(0x01).u16(0).bytes("010203040506").u16(0)
                .u32(1_000).u32(0xFFFF_FFFD)
                .u8(0x00).u8(4).u16(20)
                .u8(0x93).u8(16).u8(0).u8(0).u32(4_242).u16(1).u16(0x0100).bytes("7f000001")
                .withChecksum();
        AckPacket ack = new AckPacket().wrap(buffer, 0, buffer.capacity());
        ack.writeHeader(DATA_PORT, SOURCE_PORT, PacketType.ACK, GSI);
        ack.rxMax(1_000).bitmap(0xFFFF_FFFD);
        options.begin(buffer, ack.optionsOffset(), PacketType.ACK).pgmccFeedback(4_242, 0x0100, SOURCE).finish(ack);
        ack.writeChecksum();

        assertEquals(44, expected.length);
        assertEncoded(expected, ack);
        PacketValidator decoded = decode(expected);
        assertEquals(1_000, decoded.ack().rxMax());
        assertEquals(0xFFFF_FFFD, decoded.ack().bitmap());
        assertEquals(4_242, decoded.options().pgmccFeedbackTimestamp());
        assertEquals(0x0100, decoded.options().pgmccFeedbackLossRate());
        assertEquals(SOURCE, decoded.options().pgmccFeedbackReceiver());
    }

    @Test
    @DisplayName("9.2 a full OPT_NAK_LIST of 62 entries (63 sequences with the header's)")
    void shouldEncodeAFullNakList() {
        int[] list = new int[62];
        Arrays.setAll(list, i -> 0xFFFF_FFE0 + i);
        NakPacket nak = new NakPacket().wrap(buffer, 0, buffer.capacity());
        nak.writeHeader(DATA_PORT, SOURCE_PORT, PacketType.NAK, GSI);
        nak.sqn(0xFFFF_FFDF).nlas(SOURCE, GROUP);
        int optionsLength = options.begin(buffer, nak.optionsOffset(), PacketType.NAK).nakList(list, 0, 62).finish(nak);
        nak.writeChecksum();

        assertEquals(4 + 4 + 4 * 62, optionsLength);
        PgmOptions decoded = decode(Arrays.copyOf(buffer.array(), nak.tpduLength())).options();
        assertEquals(62, decoded.nakListCount());
        for (int i = 0; i < 62; i++) {
            assertEquals(list[i], decoded.nakListSqn(i));
        }
    }

    @Test
    @DisplayName("8 options byte: O set with any option, N only with a network-significant one")
    void shouldSetTheNetworkBitOnlyForNetworkSignificantOptions() {
        DataPacket fragment = writeData(PacketType.ODATA, 1, 0, "x", w -> w.fragment(1, 0, 1));
        assertEquals(PgmPacket.OPT_PRESENT, fragment.options());
        NakPacket nak = new NakPacket().wrap(buffer, 0, buffer.capacity());
        nak.writeHeader(DATA_PORT, SOURCE_PORT, PacketType.NAK, GSI);
        nak.sqn(1).nlas(SOURCE, GROUP);
        options.begin(buffer, nak.optionsOffset(), PacketType.NAK).nakList(new int[] {2}, 0, 1).finish(nak);
        assertEquals(PgmPacket.OPT_PRESENT | PgmPacket.OPT_NETWORK, nak.options());
        assertFalse(OptionType.isNetworkSignificant(OptionType.OPT_CURR_TGSIZE, PacketType.ODATA));
        assertTrue(OptionType.isNetworkSignificant(OptionType.OPT_CURR_TGSIZE, PacketType.SPM));
    }

    @Test
    @DisplayName("toString prints every field")
    void shouldPrintEveryFieldOfAPacket() {
        SpmPacket spm = new SpmPacket().wrap(buffer, 0, buffer.capacity());
        spm.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.SPM, GSI);
        spm.spmSqn(7).trail(0x10).lead(0xFFFF_FFFF).path(SOURCE);
        assertEquals("SPM{sport=4660, dport=7500, options=0x0, checksum=0x0, gsi=010203040506, tsduLength=0,"
                + " spmSqn=7, trail=16, lead=4294967295, path=127.0.0.1}", spm.toString());
    }

    private interface OptionsCall {
        void write(OptionsWriter writer);
    }

    private DataPacket writeData(int type, int sqn, int trail, String text, OptionsCall call) {
        DataPacket data = new DataPacket().wrap(buffer, 0, buffer.capacity());
        data.writeHeader(SOURCE_PORT, DATA_PORT, type, GSI);
        data.sqn(sqn).trail(trail);
        if (call != null) {
            options.begin(buffer, data.optionsOffset(), type);
            call.write(options);
            options.finish(data);
        }
        putTsdu(data, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return data;
    }

    private void putTsdu(DataPacket data, byte[] tsdu) {
        data.tsduLength(tsdu.length);
        buffer.put(data.tsduOffset(), tsdu);
        data.writeChecksum();
    }

    private void assertEncoded(byte[] expected, PgmPacket packet) {
        assertEquals(expected.length, packet.tpduLength(), "TPDU length");
        byte[] actual = Arrays.copyOfRange(buffer.array(), packet.offset(), packet.offset() + packet.tpduLength());
        assertArrayEquals(expected, actual, () -> "expected " + java.util.HexFormat.of().formatHex(expected)
                + "\n but was " + java.util.HexFormat.of().formatHex(actual));
    }

    private PacketValidator decode(byte[] bytes) {
        ByteBuffer copy = ByteBuffer.wrap(bytes.clone());
        ValidationResult result = validator.validate(copy, 0, bytes.length);
        assertEquals(ValidationResult.OK, result, () -> "decoding " + java.util.HexFormat.of().formatHex(bytes));
        return validator;
    }

    private static Nla nla(String address) {
        try {
            return Nla.of(InetAddress.getByName(address));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
