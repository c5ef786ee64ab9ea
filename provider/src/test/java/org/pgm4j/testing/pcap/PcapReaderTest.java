package org.pgm4j.testing.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pgm4j.testing.pcap.PcapBytes.concat;
import static org.pgm4j.testing.pcap.PcapBytes.hex;
import static org.pgm4j.testing.pcap.PcapBytes.udpPacket;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("PcapReader")
class PcapReaderTest {

    private static final String SAMPLE = "/captures/zmq-epgm-sample.pcap";
    private static final byte[] PAYLOAD = "PGM test payload".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] IPV4_PACKET = udpPacket("127.0.0.1", 40000, "239.192.0.1", 7500, 1, PAYLOAD);
    private static final byte[] IPV6_PACKET = udpPacket("::1", 40001, "ff02::1:2", 7501, 5, PAYLOAD);

    static Path sample() throws URISyntaxException {
        URL resource = PcapReaderTest.class.getResource(SAMPLE);
        assertTrue(resource != null, "test resource " + SAMPLE + " is not on the classpath");
        return Path.of(resource.toURI());
    }

    @Nested
    @DisplayName("on the ZeroMQ epgm sample capture")
    class Sample {

        @Test
        @DisplayName("reads all 179 Ethernet frames, numbered 1..179 like Wireshark")
        void readsAll179FramesNumberedFromOne() throws Exception {
            List<Frame> frames = PcapReader.readFrames(sample());

            assertEquals(179, frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(i + 1, frames.get(i).number());
                assertEquals(1, frames.get(i).linkType());
                assertFalse(frames.get(i).truncated());
            }
        }

        @Test
        @DisplayName("converts microsecond timestamps to epoch nanoseconds, in capture order")
        void convertsMicrosecondTimestamps() throws Exception {
            List<Frame> frames = PcapReader.readFrames(sample());

            // frame.time_epoch of frame 1 as tshark shows it: 1795480110.449591000
            assertEquals(1_795_480_110_449_591_000L, frames.get(0).timestampNanos());
            for (int i = 1; i < frames.size(); i++) {
                assertTrue(frames.get(i).timestampNanos() >= frames.get(i - 1).timestampNanos(),
                        "timestamps go backwards at frame " + frames.get(i).number());
            }
        }

        @Test
        @DisplayName("finds 173 UDP datagrams, all to port 7500; the 6 skipped frames are IGMP (IP protocol 2)")
        void finds173UdpDatagramsAndSkipsTheIgmpFrames() throws Exception {
            List<Frame> frames = PcapReader.readFrames(sample());
            List<UdpDatagram> datagrams = PcapReader.readUdp(sample());

            assertEquals(173, datagrams.size());
            assertTrue(datagrams.stream().allMatch(d -> d.destinationPort() == 7500),
                    "every datagram goes to port 7500");
            Set<Integer> udpFrames = datagrams.stream().map(UdpDatagram::frameNumber)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<Integer> skipped = frames.stream().map(Frame::number).filter(n -> !udpFrames.contains(n))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<Integer> igmp = frames.stream()
                    // Ethernet type 0x0800 at 12, IPv4 protocol at 14 + 9
                    .filter(f -> f.data()[12] == 0x08 && f.data()[13] == 0x00 && f.data()[23] == 2)
                    .map(Frame::number)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(6, igmp.size());
            assertEquals(igmp, skipped);
            assertTrue(skipped.containsAll(List.of(1, 2)), "frames 1 and 2 are IGMP joins: " + skipped);
        }

        @Test
        @DisplayName("frame 133 is a 48-byte unicast NAK payload from 127.0.0.1:47797 to 127.0.0.1:7500, TTL 64")
        void frame133IsThe48ByteNak() throws Exception {
            UdpDatagram nak = datagram(PcapReader.readUdp(sample()), 133);

            assertEquals(48, nak.payload().length);
            assertEquals("1d4c1b3708", HexFormat.of().formatHex(nak.payload(), 0, 5));
            assertEquals(InetAddress.getByName("127.0.0.1"), nak.source());
            assertEquals(InetAddress.getByName("127.0.0.1"), nak.destination());
            assertEquals(47797, nak.sourcePort());
            assertEquals(7500, nak.destinationPort());
            assertEquals(64, nak.ttl());
        }

        @Test
        @DisplayName("frames 172 and 173 carry 16-byte payloads; multicast frames have TTL 1")
        void lastTwoFramesCarry16Bytes() throws Exception {
            List<UdpDatagram> datagrams = PcapReader.readUdp(sample());

            assertEquals(16, datagram(datagrams, 172).payload().length);
            assertEquals(16, datagram(datagrams, 173).payload().length);
            UdpDatagram spm = datagram(datagrams, 3);
            assertEquals(InetAddress.getByName("239.192.1.1"), spm.destination());
            assertEquals(1, spm.ttl());
            assertEquals(36, spm.payload().length);
        }

        @Test
        @DisplayName("a frame decodes on its own: frame 3's payload starts with the PGM ports 34770 -> 7500")
        void framesDecodeIndividually() throws Exception {
            List<Frame> frames = PcapReader.readFrames(sample());

            assertTrue(frames.get(0).udp().isEmpty(), "frame 1 is IGMP");
            UdpDatagram spm = frames.get(2).udp().orElseThrow();
            assertEquals(3, spm.frameNumber());
            assertEquals("87d21d4c", HexFormat.of().formatHex(spm.payload(), 0, 4));
        }

        @Test
        @DisplayName("reads the same datagrams from an InputStream as from a Path, and leaves the stream open")
        void readsStreamsLikeFiles() throws Exception {
            List<UdpDatagram> fromPath = PcapReader.readUdp(sample());
            try (InputStream in = PcapReaderTest.class.getResourceAsStream(SAMPLE)) {
                List<UdpDatagram> fromStream = PcapReader.readUdp(in);
                assertEquals(fromPath, fromStream);
                assertEquals(-1, in.read(), "the stream is read to its end and can still be used");
            }
        }
    }

    @Nested
    @DisplayName("on link types and file variants")
    class Variants {

        static Stream<Arguments> linkLayers() {
            return Stream.of(
                    Arguments.of("Ethernet", 1, "01005e400001 020000000001 0800", "333300010002 020000000001 86dd"),
                    Arguments.of("Ethernet + 802.1Q", 1, "01005e400001 020000000001 8100 0064 0800",
                            "333300010002 020000000001 8100 0064 86dd"),
                    Arguments.of("Ethernet + 802.1ad + 802.1Q", 1, "01005e400001 020000000001 88a8 0064 8100 00c8 0800",
                            "333300010002 020000000001 88a8 0064 8100 00c8 86dd"),
                    Arguments.of("raw IP", 101, "", ""),
                    Arguments.of("raw IPv4 / raw IPv6", 228, "", null),
                    Arguments.of("raw IPv6", 229, null, ""),
                    Arguments.of("Linux SLL", 113, "0000 0304 0006 000000000000 0000 0800",
                            "0000 0304 0006 000000000000 0000 86dd"),
                    Arguments.of("Linux SLL2", 276, "0800 0000 00000001 0304 00 06 0000000000000000",
                            "86dd 0000 00000001 0304 00 06 0000000000000000"),
                    Arguments.of("BSD null, little-endian (Linux AF_INET6)", 0, "02000000", "0a000000"),
                    Arguments.of("BSD null, big-endian (macOS AF_INET6)", 0, "00000002", "0000001e"),
                    Arguments.of("BSD null, FreeBSD AF_INET6", 0, "02000000", "1c000000"),
                    Arguments.of("OpenBSD loop", 108, "00000002", "00000018"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("linkLayers")
        @DisplayName("strips the link-layer header and decodes IPv4 and IPv6 UDP")
        void decodesEveryLinkLayer(String name, int linkType, String ipv4Header, String ipv6Header) throws Exception {
            PcapBytes file = PcapBytes.file(ByteOrder.LITTLE_ENDIAN, false, linkType);
            if (ipv4Header != null) {
                file.record(1_700_000_000L, 1, concat(hex(ipv4Header), IPV4_PACKET));
            }
            if (ipv6Header != null) {
                file.record(1_700_000_000L, 2, concat(hex(ipv6Header), IPV6_PACKET));
            }

            List<UdpDatagram> datagrams = PcapReader.readUdp(new ByteArrayInputStream(file.toByteArray()));

            assertEquals((ipv4Header != null ? 1 : 0) + (ipv6Header != null ? 1 : 0), datagrams.size());
            for (UdpDatagram datagram : datagrams) {
                assertArrayEquals(PAYLOAD, datagram.payload());
                if (datagram.frameNumber() == 1 && ipv4Header != null) {
                    assertEquals(InetAddress.getByName("127.0.0.1"), datagram.source());
                    assertEquals(InetAddress.getByName("239.192.0.1"), datagram.destination());
                    assertEquals(40000, datagram.sourcePort());
                    assertEquals(7500, datagram.destinationPort());
                    assertEquals(1, datagram.ttl());
                } else {
                    assertEquals(InetAddress.getByName("::1"), datagram.source());
                    assertEquals(InetAddress.getByName("ff02::1:2"), datagram.destination());
                    assertEquals(40001, datagram.sourcePort());
                    assertEquals(7501, datagram.destinationPort());
                    assertEquals(5, datagram.ttl());
                }
            }
        }

        static Stream<Arguments> fileFormats() {
            return Stream.of(
                    Arguments.of(ByteOrder.BIG_ENDIAN, false),
                    Arguments.of(ByteOrder.LITTLE_ENDIAN, false),
                    Arguments.of(ByteOrder.BIG_ENDIAN, true),
                    Arguments.of(ByteOrder.LITTLE_ENDIAN, true));
        }

        @ParameterizedTest(name = "{0}, nanoseconds: {1}")
        @MethodSource("fileFormats")
        @DisplayName("accepts both byte orders and both timestamp resolutions")
        void acceptsEveryClassicPcapFormat(ByteOrder order, boolean nanoseconds) throws Exception {
            long fraction = nanoseconds ? 123_456_789L : 123_456L;
            byte[] file = PcapBytes.file(order, nanoseconds, 101)
                    .record(4_000_000_000L, fraction, IPV4_PACKET) // seconds beyond 2^31: read as unsigned
                    .toByteArray();

            try (PcapReader reader = new PcapReader(new ByteArrayInputStream(file))) {
                assertEquals(order, reader.byteOrder());
                assertEquals(nanoseconds, reader.nanosecondResolution());
                assertEquals(101, reader.linkType());
                assertEquals(65535, reader.snapLength());
                Frame frame = reader.next();
                assertEquals(4_000_000_000L * 1_000_000_000L + (nanoseconds ? fraction : fraction * 1_000L),
                        frame.timestampNanos());
                assertArrayEquals(IPV4_PACKET, frame.data());
                assertEquals(null, reader.next(), "end of file");
            }
        }

        @Test
        @DisplayName("counts non-IP and non-UDP frames so that UDP frame numbers match Wireshark's")
        void countsSkippedFrames() throws Exception {
            byte[] arp = hex("ffffffffffff 020000000001 0806 0001 0800 0604 0001 020000000001 7f000001"
                    + " 000000000000 7f000002");
            byte[] icmpv6 = IPV6_PACKET.clone();
            icmpv6[6] = 58; // next header ICMPv6: not UDP
            byte[] file = PcapBytes.file(ByteOrder.LITTLE_ENDIAN, false, 1)
                    .record(1, 0, arp)
                    .record(2, 0, concat(hex("333300010002 020000000001 86dd"), icmpv6))
                    .record(3, 0, concat(hex("01005e400001 020000000001 0800"), IPV4_PACKET))
                    .toByteArray();

            List<UdpDatagram> datagrams = PcapReader.readUdp(new ByteArrayInputStream(file));

            assertEquals(1, datagrams.size());
            assertEquals(3, datagrams.get(0).frameNumber());
            assertEquals(3_000_000_000L, datagrams.get(0).timestampNanos());
        }

        @Test
        @DisplayName("ignores Ethernet padding after the IP packet")
        void ignoresEthernetPadding() throws Exception {
            byte[] tiny = udpPacket("10.0.0.1", 1, "10.0.0.2", 2, 64, new byte[] {42});
            byte[] frame = Arrays.copyOf(concat(hex("020000000002 020000000001 0800"), tiny), 60);
            Arrays.fill(frame, 14 + tiny.length, 60, (byte) 0xEE);

            List<UdpDatagram> datagrams = PcapReader.readUdp(new ByteArrayInputStream(
                    PcapBytes.file(ByteOrder.BIG_ENDIAN, false, 1).record(0, 0, frame).toByteArray()));

            assertArrayEquals(new byte[] {42}, datagrams.get(0).payload());
        }

        @Test
        @DisplayName("honours the longest IPv4 header (IHL 15, 40 bytes of options)")
        void honoursIpv4Options() throws Exception {
            byte[] options = new byte[40];
            Arrays.fill(options, (byte) 1); // NOP
            byte[] packet = new byte[IPV4_PACKET.length + 40];
            System.arraycopy(IPV4_PACKET, 0, packet, 0, 20);
            System.arraycopy(options, 0, packet, 20, 40);
            System.arraycopy(IPV4_PACKET, 20, packet, 60, IPV4_PACKET.length - 20);
            packet[0] = 0x4F;
            int totalLength = packet.length;
            packet[2] = (byte) (totalLength >>> 8);
            packet[3] = (byte) totalLength;

            UdpDatagram datagram = single(PcapBytes.file(ByteOrder.LITTLE_ENDIAN, true, 101)
                    .record(0, 0, packet).toByteArray());

            assertArrayEquals(PAYLOAD, datagram.payload());
            assertEquals(7500, datagram.destinationPort());
        }

        @Test
        @DisplayName("skips IPv6 hop-by-hop, routing, destination options and atomic fragment headers")
        void skipsIpv6ExtensionHeaders() throws Exception {
            byte[] extensions = hex(""
                    + "2b 00 0000 00000000" // hop-by-hop (next: routing), 8 bytes, PadN
                    + "3c 02 00 00 00000000 00000000000000000000000000000000" // routing type 0, 24 bytes
                    + "2c 00 0000 00000000" // destination options (next: fragment), 8 bytes
                    + "11 00 0000 12345678"); // atomic fragment (offset 0, M=0), next: UDP
            byte[] packet = new byte[IPV6_PACKET.length + extensions.length];
            System.arraycopy(IPV6_PACKET, 0, packet, 0, 40);
            System.arraycopy(extensions, 0, packet, 40, extensions.length);
            System.arraycopy(IPV6_PACKET, 40, packet, 40 + extensions.length, IPV6_PACKET.length - 40);
            int payloadLength = packet.length - 40;
            packet[4] = (byte) (payloadLength >>> 8);
            packet[5] = (byte) payloadLength;
            packet[6] = 0; // hop-by-hop first

            UdpDatagram datagram = single(PcapBytes.file(ByteOrder.LITTLE_ENDIAN, false, 101)
                    .record(0, 0, packet).toByteArray());

            assertArrayEquals(PAYLOAD, datagram.payload());
            assertEquals(7501, datagram.destinationPort());
            assertEquals(5, datagram.ttl());
        }

        @Test
        @DisplayName("reads frames of any link type, but refuses to decode UDP from an unsupported one")
        void unsupportedLinkTypeIsAClearError() throws Exception {
            byte[] file = PcapBytes.file(ByteOrder.LITTLE_ENDIAN, false, 105).record(0, 0, new byte[30])
                    .toByteArray();

            assertEquals(1, PcapReader.readFrames(new ByteArrayInputStream(file)).size());
            IOException e = assertThrows(IOException.class,
                    () -> PcapReader.readUdp(new ByteArrayInputStream(file)));
            assertTrue(e.getMessage().contains("link type 105"), e.getMessage());
        }
    }

    @Nested
    @DisplayName("on broken files")
    class Broken {

        @Test
        @DisplayName("an empty or short file is a truncated global header")
        void shortHeader() {
            assertMessage(new byte[0], "truncated global header (0 of 24 bytes)");
            assertMessage(hex("d4c3b2a1 0200 0400"), "truncated global header (8 of 24 bytes)");
        }

        @Test
        @DisplayName("a wrong magic is rejected, and pcapng gets its own hint")
        void wrongMagic() {
            byte[] text = "this is not a capture file at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertMessage(text, "Not a classic pcap file: magic 0x74686973");
            byte[] pcapng = Arrays.copyOf(hex("0a0d0d0a 1c000000 4d3c2b1a"), 28);
            assertMessage(pcapng, "pcapng files are not supported");
        }

        @Test
        @DisplayName("a record header cut short names the frame and offset")
        void truncatedRecordHeader() {
            byte[] file = PcapBytes.file(ByteOrder.LITTLE_ENDIAN, false, 101)
                    .record(0, 0, IPV4_PACKET)
                    .raw(new byte[7])
                    .toByteArray();
            assertMessage(file, "Truncated pcap record header of frame 2 at offset " + (24 + 16 + IPV4_PACKET.length)
                    + " (7 of 16 bytes)");
        }

        @Test
        @DisplayName("record data cut short names the frame and the missing bytes")
        void truncatedRecordData() {
            byte[] file = PcapBytes.file(ByteOrder.BIG_ENDIAN, false, 101)
                    .record(0, 0, 100, 100, Arrays.copyOf(IPV4_PACKET, 30))
                    .toByteArray();
            assertMessage(file, "Truncated pcap record of frame 1 at offset 24: 30 of 100 captured bytes present");
        }

        @Test
        @DisplayName("an absurd record length or sub-second value is invalid, not an OutOfMemoryError")
        void absurdRecordHeader() {
            byte[] huge = PcapBytes.file(ByteOrder.LITTLE_ENDIAN, false, 101)
                    .record(0, 0, 0x7FFF_FFFF, 0x7FFF_FFFF, new byte[0]).toByteArray();
            assertMessage(huge, "Invalid pcap record header of frame 1");
            byte[] fraction = PcapBytes.file(ByteOrder.LITTLE_ENDIAN, false, 101)
                    .record(0, 1_000_000, IPV4_PACKET).toByteArray();
            assertMessage(fraction, "sub-second timestamp 1000000 is not below 1000000");
        }

        @Test
        @DisplayName("a UDP length beyond the IP packet is malformed")
        void udpLengthBeyondPacket() {
            byte[] packet = IPV4_PACKET.clone();
            packet[24] = 0x10; // UDP length 4096 + low byte
            assertMessage(PcapBytes.file(ByteOrder.LITTLE_ENDIAN, false, 101).record(0, 0, packet).toByteArray(),
                    "Frame 1: UDP length field");
        }

        @Test
        @DisplayName("a UDP datagram cut by the snapshot length is an error, not a short payload")
        void snapLengthTruncation() {
            byte[] cut = Arrays.copyOf(IPV4_PACKET, 30);
            byte[] file = PcapBytes.file(ByteOrder.LITTLE_ENDIAN, false, 101)
                    .record(0, 0, cut.length, IPV4_PACKET.length, cut).toByteArray();
            assertMessage(file, "Frame 1: UDP datagram cut short by the capture's snapshot length: 30 of "
                    + IPV4_PACKET.length + " bytes captured");
        }

        @Test
        @DisplayName("IPv4 fragments are refused, since the reader does not reassemble")
        void fragmentsAreRefused() {
            byte[] packet = IPV4_PACKET.clone();
            packet[6] = 0x20; // more fragments, offset 0
            assertMessage(PcapBytes.file(ByteOrder.LITTLE_ENDIAN, false, 101).record(0, 0, packet).toByteArray(),
                    "Frame 1: fragmented IPv4 datagram");
        }

        @Test
        @DisplayName("a file error names the file")
        void fileErrorsNameTheFile(@TempDir Path directory) throws IOException {
            Path file = directory.resolve("broken.pcap");
            Files.write(file, hex("d4c3b2a1"));
            IOException e = assertThrows(IOException.class, () -> PcapReader.readUdp(file));
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        }

        private void assertMessage(byte[] file, String expected) {
            IOException e = assertThrows(IOException.class, () -> PcapReader.readUdp(new ByteArrayInputStream(file)));
            assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
        }
    }

    private static UdpDatagram single(byte[] file) throws IOException {
        List<UdpDatagram> datagrams = PcapReader.readUdp(new ByteArrayInputStream(file));
        assertEquals(1, datagrams.size(), () -> "datagrams: " + datagrams);
        return datagrams.get(0);
    }

    private static UdpDatagram datagram(List<UdpDatagram> datagrams, int frameNumber) {
        return datagrams.stream().filter(d -> d.frameNumber() == frameNumber).findFirst()
                .orElseThrow(() -> new AssertionError("no UDP datagram in frame " + frameNumber));
    }
}
