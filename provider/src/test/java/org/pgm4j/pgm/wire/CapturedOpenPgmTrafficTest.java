package org.pgm4j.pgm.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pgm4j.testing.pcap.PcapReader;
import org.pgm4j.testing.pcap.UdpDatagram;

/**
 * Every PGM datagram of a real OpenPGM 5.3 / ZeroMQ {@code epgm://} capture (see
 * {@code shared/reference/pgm-protocol.md} §7 for its frame map) decodes with its fields checked, and re-encodes to
 * the same bytes.
 */
@DisplayName("Captured OpenPGM traffic (zmq-epgm-sample.pcap)")
class CapturedOpenPgmTrafficTest {

    private static final long ZMQ_GSI = 0xb7c6d1bc038aL;
    private static final int DATA_PORT = 7500;
    private static final int FIRST_SESSION_PORT = 0x87d2;
    private static final int SECOND_SESSION_PORT = 0x1b37;
    private static final int LATE_JOIN_SESSION_PORT = 0x9c42;

    private static List<UdpDatagram> datagrams;
    private final PacketValidator validator = new PacketValidator();

    @BeforeAll
    static void readCapture() throws IOException {
        try (InputStream in = CapturedOpenPgmTrafficTest.class.getResourceAsStream("/captures/zmq-epgm-sample.pcap")) {
            datagrams = PcapReader.readUdp(in);
        }
    }

    @Test
    @DisplayName("all 173 datagrams are valid PGM: 17 SPM, 148 ODATA, 2 RDATA, 3 NAK, 1 NCF, 2 SPMR")
    void shouldDecodeEveryDatagramWithTheExpectedTypeCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (UdpDatagram datagram : datagrams) {
            decode(datagram);
            counts.merge(PacketType.name(validator.type()), 1, Integer::sum);
        }
        assertEquals(173, datagrams.size());
        assertEquals(Map.of("SPM", 17, "ODATA", 148, "RDATA", 2, "NAK", 3, "NCF", 1, "SPMR", 2), counts);
        System.out.println("captured OpenPGM traffic decoded: " + counts);
    }

    @Test
    @DisplayName("SPMs: three at connect with an empty window, heartbeats with the window, three FIN SPMs on close")
    void shouldDecodeTheSpmsOfTheFirstSession() {
        int[] connect = {3, 4, 5};
        for (int i = 0; i < connect.length; i++) {
            SpmPacket spm = decode(frame(connect[i])).spm();
            assertEquals(FIRST_SESSION_PORT, spm.sourcePort());
            assertEquals(DATA_PORT, spm.destinationPort());
            assertEquals(ZMQ_GSI, spm.gsi());
            assertEquals(i, spm.spmSqn());
            assertEquals(0, spm.trail());
            assertEquals(0xFFFF_FFFF, spm.lead());
            assertEquals(0, SequenceNumbers.windowSize(spm.trail(), spm.lead()), "empty window before data");
            assertEquals(Nla.of(InetAddress.getLoopbackAddress()), spm.path());
            assertFalse(spm.hasOptions());
        }
        for (int frame = 110; frame <= 119; frame++) {
            SpmPacket spm = decode(frame(frame)).spm();
            assertEquals(frame - 107, spm.spmSqn(), "SPM_SQN of frame " + frame);
            assertEquals(24, spm.trail());
            assertEquals(103, spm.lead());
            assertEquals(frame >= 117, validator.options().hasFin(), "OPT_FIN only in the closing SPMs");
        }
        SpmPacket answer = decode(frame(174)).spm();
        assertEquals(LATE_JOIN_SESSION_PORT, answer.sourcePort());
        assertEquals(3, answer.spmSqn());
        assertEquals(76, answer.lead());
    }

    @Test
    @DisplayName("ODATA: consecutive sequences 0..103, trail = sequence - 80 once the 80-packet window is full")
    void shouldDecodeTheOdataOfTheFirstSession() {
        int expectedSqn = 0;
        for (UdpDatagram datagram : datagrams) {
            decode(datagram);
            if (validator.type() != PacketType.ODATA || validator.data().sourcePort() != FIRST_SESSION_PORT) {
                continue;
            }
            DataPacket odata = validator.data();
            assertEquals(expectedSqn, odata.sqn(), "frame " + datagram.frameNumber());
            assertEquals(Math.max(0, expectedSqn - 80), odata.trail(), "frame " + datagram.frameNumber());
            assertFalse(odata.hasOptions(), "zmq ODATA carry no options");
            expectedSqn++;
        }
        assertEquals(104, expectedSqn);
        DataPacket first = decode(frame(6)).data();
        assertEquals("0000 0b00 68656c6c6f2d30303030".replace(" ", ""), hex(tsdu(first)));
    }

    @Test
    @DisplayName("A 600 + 4000-byte zmq batch: TSDUs of 1428, 1428, 1428, 344 bytes, zmq offsets 0, FFFF, FFFF, 0156")
    void shouldDecodeTheLargestDataPackets() {
        int[] frames = {106, 107, 108, 109};
        int[] tsduLengths = {1428, 1428, 1428, 344};
        int[] zmqOffsets = {0x0000, 0xFFFF, 0xFFFF, 0x0156};
        for (int i = 0; i < frames.length; i++) {
            DataPacket odata = decode(frame(frames[i])).data();
            assertEquals(100 + i, odata.sqn());
            assertEquals(tsduLengths[i], odata.tsduLength());
            assertEquals(24 + tsduLengths[i], odata.tpduLength());
            assertEquals(zmqOffsets[i], odata.buffer().getShort(odata.tsduOffset()) & 0xFFFF);
        }
    }

    @Test
    @DisplayName("Repair cycle: NAK 5 + list {6}, NCF echoing the list, a redundant NAK 5, RDATA 5 and 6")
    void shouldDecodeTheRepairCycle() {
        PacketValidator nakWithList = decode(frame(133));
        NakPacket nak = nakWithList.nak();
        assertEquals(PacketType.NAK, nak.type());
        assertEquals(DATA_PORT, nak.sourcePort(), "upstream: sport is the data-destination port");
        assertEquals(SECOND_SESSION_PORT, nak.destinationPort());
        assertEquals(5, nak.sqn());
        assertEquals(Nla.of(InetAddress.getLoopbackAddress()), nak.sourceNla());
        assertEquals("239.192.1.1", nak.groupNla().toString());
        assertEquals(PgmPacket.OPT_PRESENT | PgmPacket.OPT_NETWORK, nak.options());
        assertEquals(1, nakWithList.options().nakListCount());
        assertEquals(6, nakWithList.options().nakListSqn(0));

        PacketValidator confirmation = decode(frame(134));
        assertEquals(PacketType.NCF, confirmation.type());
        assertEquals(SECOND_SESSION_PORT, confirmation.nak().sourcePort(), "downstream: NCF ports are not swapped");
        assertEquals(5, confirmation.nak().sqn());
        assertEquals(6, confirmation.options().nakListSqn(0));

        assertEquals(5, decode(frame(135)).nak().sqn());
        assertFalse(validator.nak().hasOptions());
        assertEquals(0x1e, decode(frame(161)).nak().sqn());

        for (int i = 0; i < 2; i++) {
            DataPacket rdata = decode(frame(137 + i)).data();
            assertEquals(PacketType.RDATA, rdata.type());
            assertEquals(5 + i, rdata.sqn());
            assertEquals("hello-000" + (5 + i), new String(tsdu(rdata), 4, 10, StandardCharsets.US_ASCII));
        }
    }

    @Test
    @DisplayName("SPMRs: a multicast and a unicast copy for the late joiner's unknown source")
    void shouldDecodeTheSpmrs() {
        for (int frame : new int[] {172, 173}) {
            SpmrPacket spmr = decode(frame(frame)).spmr();
            assertEquals(16, spmr.tpduLength());
            assertEquals(DATA_PORT, spmr.sourcePort());
            assertEquals(LATE_JOIN_SESSION_PORT, spmr.destinationPort());
            assertEquals(PgmPacket.tsi(ZMQ_GSI, LATE_JOIN_SESSION_PORT), spmr.upstreamTsi());
        }
        assertTrue(frame(172).destination().isMulticastAddress());
        assertFalse(frame(173).destination().isMulticastAddress());
    }

    @Test
    @DisplayName("Every datagram re-encodes from its decoded fields to the same bytes (OpenPGM's option byte 2 aside)")
    void shouldReencodeEveryDatagramToTheSameBytes() {
        Reencoder reencoder = new Reencoder();
        ByteBuffer out = ByteBuffer.allocate(2_048);
        int patched = 0;
        for (UdpDatagram datagram : datagrams) {
            PacketValidator decoded = decode(datagram);
            Arrays.fill(out.array(), (byte) 0);
            int length = reencoder.reencode(decoded, out);
            patched += reencoder.copyUninitialisedOptionBytes(decoded.packet(), out);
            out.putShort(PgmPacket.CHECKSUM_OFFSET, (short) 0);
            out.putShort(PgmPacket.CHECKSUM_OFFSET, (short) InternetChecksum.compute(out, 0, length));
            byte[] expected = datagram.payload();
            byte[] actual = Arrays.copyOf(out.array(), length);
            assertArrayEquals(expected, actual, () -> "frame " + datagram.frameNumber() + "\n expected "
                    + hex(expected) + "\n but was  " + hex(actual));
        }
        assertEquals(1, patched, "only the NCF's OPT_NAK_LIST (byte 2 = 0x9e) carries OpenPGM's garbage");
        System.out.printf("captured OpenPGM traffic: %d datagrams re-encoded byte for byte (%d option byte patched)%n",
                datagrams.size(), patched);
    }

    private PacketValidator decode(UdpDatagram datagram) {
        ByteBuffer buffer = ByteBuffer.wrap(datagram.payload());
        ValidationResult result = validator.validate(buffer, 0, buffer.limit());
        assertEquals(ValidationResult.OK, result, () -> "frame " + datagram.frameNumber());
        return validator;
    }

    private static UdpDatagram frame(int number) {
        return datagrams.stream().filter(d -> d.frameNumber() == number).findFirst()
                .orElseThrow(() -> new AssertionError("no UDP datagram in frame " + number));
    }

    private static byte[] tsdu(DataPacket data) {
        byte[] bytes = new byte[data.tsduLength()];
        data.buffer().get(data.tsduOffset(), bytes);
        return bytes;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
