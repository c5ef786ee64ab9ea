package org.pgm4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.pgm4j.testing.pcap.PcapReader;
import org.pgm4j.testing.pcap.PcapWriter;
import org.pgm4j.testing.pcap.UdpDatagram;

@DisplayName("Tshark (skipped locally without tshark, fails on CI)")
@Timeout(120)
class TsharkTest {

    private static final int PGM_PORT = 7500;
    private static final String CHECKSUM_GOOD = "1"; // Wireshark's PROTO_CHECKSUM_E_GOOD, printed as a number

    private static Tshark tshark;
    private static Path sample;

    @BeforeAll
    static void requireTshark() throws Exception {
        tshark = Tshark.require();
        URL resource = TsharkTest.class.getResource("/captures/zmq-epgm-sample.pcap");
        assertTrue(resource != null, "sample capture is not on the classpath");
        sample = Path.of(resource.toURI());
    }

    @Test
    @DisplayName("tshark decodes PcapWriter's IPv4 and IPv6 packets and finds their IP and UDP checksums good")
    void tsharkAcceptsOurIpAndUdpHeaders(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("plain-udp.pcap");
        try (PcapWriter writer = new PcapWriter(file)) {
            writer.writeUdp(new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("239.192.0.1", 9000), 3,
                    "plain UDP payload, not PGM".getBytes(StandardCharsets.US_ASCII));
            writer.writeUdp(new InetSocketAddress("::1", 40001), new InetSocketAddress("ff02::1:2", 9001), 7,
                    "odd-length payload".getBytes(StandardCharsets.US_ASCII));
        }

        List<Map<String, String>> frames = tshark
                .withPreference("udp.check_checksum", "TRUE")
                .withPreference("ip.check_checksum", "TRUE")
                .fields(file, PGM_PORT, "udp.srcport", "udp.dstport", "udp.length", "ip.ttl", "ip.checksum.status",
                        "ipv6.hlim", "ipv6.dst", "udp.checksum.status");

        assertEquals(2, frames.size(), () -> "frames: " + frames);
        Map<String, String> v4 = frames.get(0);
        assertEquals("1", v4.get("frame.number"));
        assertEquals("40000", v4.get("udp.srcport"));
        assertEquals("9000", v4.get("udp.dstport"));
        assertEquals(String.valueOf(8 + 26), v4.get("udp.length"));
        assertEquals("3", v4.get("ip.ttl"));
        assertChecksumGood("IPv4 header", v4.get("ip.checksum.status"));
        assertChecksumGood("UDP over IPv4", v4.get("udp.checksum.status"));

        Map<String, String> v6 = frames.get(1);
        assertEquals("40001", v6.get("udp.srcport"));
        assertEquals("9001", v6.get("udp.dstport"));
        assertEquals("7", v6.get("ipv6.hlim"));
        assertEquals("ff02::1:2", v6.get("ipv6.dst"));
        assertEquals("", v6.get("ip.ttl"), "an absent field is the empty string");
        assertChecksumGood("UDP over IPv6", v6.get("udp.checksum.status"));

        assertEquals(List.of(), tshark.withPreference("udp.check_checksum", "TRUE").expertInfo(file, PGM_PORT));
    }

    @Test
    @DisplayName("fields returns one map per frame of the sample, keyed by field name, with PGM decoded on the port")
    void fieldsDecodesPgmOnTheGivenPort() throws Exception {
        List<Map<String, String>> frames = tshark.fields(sample, PGM_PORT, "pgm.hdr.type", "pgm.hdr.gsi");

        assertEquals(179, frames.size());
        assertEquals(List.of("frame.number", "pgm.hdr.type", "pgm.hdr.gsi"), List.copyOf(frames.get(0).keySet()));
        assertEquals("", frames.get(0).get("pgm.hdr.type"), "frame 1 is IGMP");
        assertEquals("0x00", frames.get(2).get("pgm.hdr.type"), "frame 3 is an SPM");
        assertEquals("133", frames.get(132).get("frame.number"));
        assertEquals("0x08", frames.get(132).get("pgm.hdr.type"), "frame 133 is a NAK");
        assertEquals("b7c6d1bc038a", frames.get(132).get("pgm.hdr.gsi"));
    }

    @Test
    @DisplayName("expertInfo reports nothing for the clean sample capture")
    void sampleIsClean() throws Exception {
        assertEquals(List.of(), tshark.expertInfo(sample, PGM_PORT));
    }

    @Test
    @DisplayName("expertInfo reports exactly the frame whose PGM checksum was corrupted")
    void expertInfoFindsABadPgmChecksum(@TempDir Path directory) throws Exception {
        UdpDatagram odata = firstOdata();
        byte[] corrupted = odata.payload();
        corrupted[6] ^= 0x5A; // PGM checksum field
        Path file = directory.resolve("bad-checksum.pcap");
        try (PcapWriter writer = new PcapWriter(file)) {
            writer.writeUdp(odata.sourceAddress(), odata.destinationAddress(), odata.ttl(), odata.payloadBuffer());
            writer.writeUdp(odata.sourceAddress(), odata.destinationAddress(), odata.ttl(), corrupted);
        }

        List<String> problems = tshark.expertInfo(file, PGM_PORT);

        assertEquals(1, problems.size(), () -> "problems: " + problems);
        assertTrue(problems.get(0).startsWith("frame 2: PGM"), problems.get(0));
        assertTrue(problems.get(0).toLowerCase(java.util.Locale.ROOT).contains("checksum"), problems.get(0));
    }

    @Test
    @DisplayName("expertInfo reports an ODATA cut inside its data header as malformed")
    void expertInfoFindsMalformedPgm(@TempDir Path directory) throws Exception {
        UdpDatagram odata = firstOdata();
        Path file = directory.resolve("malformed.pcap");
        try (PcapWriter writer = new PcapWriter(file)) {
            // 16-byte common header + 4 of the 8 bytes of the ODATA header
            writer.writeUdp(odata.sourceAddress(), odata.destinationAddress(), 1,
                    ByteBuffer.wrap(odata.payload(), 0, 20));
        }

        List<String> problems = tshark.expertInfo(file, PGM_PORT);

        assertEquals(1, problems.size(), () -> "problems: " + problems);
        assertTrue(problems.get(0).startsWith("frame 1: PGM ODATA"), problems.get(0));
        assertTrue(problems.get(0).contains("Malformed Packet"), problems.get(0));
    }

    @Test
    @DisplayName("the problem filter uses every PGM problem field the installed tshark knows")
    void problemFilterUsesKnownFields() throws Exception {
        String filter = tshark.problemFilter();

        assertTrue(filter.contains("pgm.bad_checksum"), filter);
        assertTrue(filter.contains("_ws.malformed"), filter);
        assertTrue(filter.endsWith(Tshark.SEVERITY_FILTER), filter);
    }

    @Test
    @DisplayName("verbose shows the packet details of the PGM dissector")
    void verboseShowsPgmDetails() throws Exception {
        String details = tshark.verbose(sample, PGM_PORT);

        assertTrue(details.contains("Pragmatic General Multicast"), "no PGM in -V output");
        assertTrue(details.contains("Frame 179:"), "all frames present");
    }

    @Test
    @DisplayName("a tshark error fails the test with tshark's stderr")
    void tsharkErrorsFailWithStderr() {
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> tshark.fields(sample, PGM_PORT, "pgm4j.no.such.field"));

        assertTrue(failed.getMessage().contains("exited with"), failed.getMessage());
        assertTrue(failed.getMessage().contains("pgm4j.no.such.field"), failed.getMessage());
    }

    private static UdpDatagram firstOdata() throws Exception {
        return PcapReader.readUdp(sample).stream()
                .filter(d -> d.payload()[4] == 0x04) // PGM type ODATA
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ODATA in the sample"));
    }

    private static void assertChecksumGood(String what, String status) {
        assertTrue(CHECKSUM_GOOD.equals(status) || "Good".equals(status),
                what + " checksum status is '" + status + "', expected Good (1)");
    }
}
