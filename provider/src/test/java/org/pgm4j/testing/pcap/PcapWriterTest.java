package org.pgm4j.testing.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PcapWriter")
class PcapWriterTest {

    // Test data only: the writer builds packets in memory, nothing is sent on any network.
    private static final InetSocketAddress V4_SOURCE = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress V4_GROUP = new InetSocketAddress("239.192.0.1", 7500);
    private static final InetSocketAddress V6_SOURCE = new InetSocketAddress("::1", 40001);
    private static final InetSocketAddress V6_GROUP = new InetSocketAddress("ff02::1:2", 7501);

    @Test
    @DisplayName("an IPv4 datagram survives a round trip through PcapReader: addresses, ports, TTL, payload")
    void ipv4RoundTrip(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("v4.pcap");
        byte[] payload = "hello, PGM over IPv4".getBytes(StandardCharsets.US_ASCII);
        try (PcapWriter writer = new PcapWriter(file)) {
            writer.writeUdp(V4_SOURCE, V4_GROUP, 1, payload);
        }

        UdpDatagram datagram = PcapReader.readUdp(file).get(0);

        assertEquals(1, datagram.frameNumber());
        assertEquals(InetAddress.getByName("127.0.0.1"), datagram.source());
        assertEquals(40000, datagram.sourcePort());
        assertEquals(InetAddress.getByName("239.192.0.1"), datagram.destination());
        assertEquals(7500, datagram.destinationPort());
        assertEquals(1, datagram.ttl());
        assertArrayEquals(payload, datagram.payload());
    }

    @Test
    @DisplayName("an IPv6 datagram survives a round trip through PcapReader: addresses, ports, hop limit, payload")
    void ipv6RoundTrip(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("v6.pcap");
        byte[] payload = "hello, PGM over IPv6!".getBytes(StandardCharsets.US_ASCII); // odd length
        try (PcapWriter writer = new PcapWriter(file)) {
            writer.writeUdp(V6_SOURCE, V6_GROUP, 255, payload);
        }

        UdpDatagram datagram = PcapReader.readUdp(file).get(0);

        assertEquals(InetAddress.getByName("::1"), datagram.source());
        assertEquals(40001, datagram.sourcePort());
        assertEquals(InetAddress.getByName("ff02::1:2"), datagram.destination());
        assertEquals(7501, datagram.destinationPort());
        assertEquals(255, datagram.ttl());
        assertArrayEquals(payload, datagram.payload());
    }

    @Test
    @DisplayName("writes only position..limit of a ByteBuffer, leaves the buffer alone and keeps an explicit timestamp")
    void writesBufferSliceWithExplicitTimestamp() throws Exception {
        ByteBuffer buffer = ByteBuffer.wrap("xxPAYLOADyy".getBytes(StandardCharsets.US_ASCII));
        buffer.position(2).limit(9);
        long timestamp = 1_712_345_678_123_456_789L;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(out)) {
            writer.writeUdp(timestamp, V4_SOURCE, V4_GROUP, 3, buffer);
        }

        assertEquals(2, buffer.position());
        assertEquals(9, buffer.limit());
        UdpDatagram datagram = PcapReader.readUdp(new ByteArrayInputStream(out.toByteArray())).get(0);
        assertEquals("PAYLOAD", new String(datagram.payload(), StandardCharsets.US_ASCII));
        assertEquals(timestamp, datagram.timestampNanos(), "nanosecond pcap keeps the timestamp exactly");
    }

    @Test
    @DisplayName("default timestamps follow the clock and strictly increase even when the clock stands still")
    void defaultTimestampsIncrease() throws Exception {
        Instant start = Instant.parse("2024-05-01T12:00:00.000000500Z");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(out, InstantSource.fixed(start))) {
            for (int i = 0; i < 3; i++) {
                writer.writeUdp(V4_SOURCE, V4_GROUP, 1, new byte[] {(byte) i});
            }
        }

        List<UdpDatagram> datagrams = PcapReader.readUdp(new ByteArrayInputStream(out.toByteArray()));
        long first = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        assertEquals(List.of(first, first + 1_000, first + 2_000),
                datagrams.stream().map(UdpDatagram::timestampNanos).toList());
    }

    @Test
    @DisplayName("writes a little-endian nanosecond pcap with link type 101 (raw IP)")
    void fileHeaderIsRawIpNanosecondPcap() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapWriter(out).close();

        byte[] header = out.toByteArray();
        assertEquals("4d3cb2a1" + "02000400" + "00000000" + "00000000" + "00000400" + "65000000",
                HexFormat.of().formatHex(header));
        try (PcapReader reader = new PcapReader(new ByteArrayInputStream(header))) {
            assertTrue(reader.nanosecondResolution());
            assertEquals(101, reader.linkType());
        }
    }

    @Test
    @DisplayName("builds an IPv4 header with version 4, IHL 5, DF, protocol 17 and a valid header checksum")
    void ipv4HeaderIsValid() throws Exception {
        byte[] packet = packet(V4_SOURCE, V4_GROUP, 7, new byte[] {1, 2, 3});

        assertEquals(0x45, packet[0] & 0xFF);
        assertEquals(packet.length, ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF), "total length");
        assertEquals(0x40, packet[6] & 0xFF, "DF set, no fragment offset");
        assertEquals(7, packet[8] & 0xFF);
        assertEquals(17, packet[9] & 0xFF);
        assertNotEquals(0, ((packet[10] & 0xFF) << 8) | (packet[11] & 0xFF), "header checksum present");
        assertEquals(0xFFFF, foldedSum(packet, 0, 20, 0), "the header sums to 0xFFFF with its checksum");
    }

    @Test
    @DisplayName("builds an IPv6 header with version 6, payload length, next header 17 and the hop limit")
    void ipv6HeaderIsValid() throws Exception {
        byte[] packet = packet(V6_SOURCE, V6_GROUP, 9, new byte[] {1, 2, 3});

        assertEquals(0x60, packet[0] & 0xFF);
        assertEquals(packet.length - 40, ((packet[4] & 0xFF) << 8) | (packet[5] & 0xFF), "payload length");
        assertEquals(17, packet[6] & 0xFF);
        assertEquals(9, packet[7] & 0xFF);
    }

    @ParameterizedTest(name = "payload of {0} bytes")
    @ValueSource(ints = {0, 1, 2, 3, 17, 1400, 9001})
    @DisplayName("computes UDP checksums that verify over the IPv4 and IPv6 pseudo-headers")
    void udpChecksumsVerify(int length) throws Exception {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 37 + 11);
        }

        byte[] v4 = packet(V4_SOURCE, V4_GROUP, 1, payload);
        long v4Pseudo = sum16(v4, 12, 8) + 17 + (v4.length - 20);
        assertNotEquals(0, checksumField(v4, 20), "IPv4 UDP checksum is computed, not left out");
        assertEquals(0xFFFF, foldedSum(v4, 20, v4.length - 20, v4Pseudo));

        byte[] v6 = packet(V6_SOURCE, V6_GROUP, 1, payload);
        long v6Pseudo = sum16(v6, 8, 32) + 17 + (v6.length - 40);
        assertNotEquals(0, checksumField(v6, 40), "IPv6 UDP checksum is mandatory");
        assertEquals(0xFFFF, foldedSum(v6, 40, v6.length - 40, v6Pseudo));
    }

    @Test
    @DisplayName("refuses mixed address families, unresolved addresses, bad TTLs and oversized payloads")
    void refusesInvalidArguments() throws Exception {
        try (PcapWriter writer = new PcapWriter(new ByteArrayOutputStream())) {
            byte[] empty = new byte[0];
            assertThrows(IllegalArgumentException.class, () -> writer.writeUdp(V4_SOURCE, V6_GROUP, 1, empty));
            assertThrows(IllegalArgumentException.class, () -> writer.writeUdp(V6_SOURCE, V4_GROUP, 1, empty));
            assertThrows(IllegalArgumentException.class,
                    () -> writer.writeUdp(InetSocketAddress.createUnresolved("example.invalid", 1), V4_GROUP, 1,
                            empty));
            assertThrows(IllegalArgumentException.class, () -> writer.writeUdp(V4_SOURCE, V4_GROUP, 256, empty));
            assertThrows(IllegalArgumentException.class, () -> writer.writeUdp(V4_SOURCE, V4_GROUP, -1, empty));
            assertDoesNotThrow(() -> writer.writeUdp(V4_SOURCE, V4_GROUP, 1,
                    new byte[PcapWriter.MAX_IPV4_PAYLOAD]));
            assertThrows(IllegalArgumentException.class, () -> writer.writeUdp(V4_SOURCE, V4_GROUP, 1,
                    new byte[PcapWriter.MAX_IPV4_PAYLOAD + 1]));
            assertDoesNotThrow(() -> writer.writeUdp(V6_SOURCE, V6_GROUP, 1,
                    new byte[PcapWriter.MAX_IPV6_PAYLOAD]));
            assertThrows(IllegalArgumentException.class, () -> writer.writeUdp(V6_SOURCE, V6_GROUP, 1,
                    new byte[PcapWriter.MAX_IPV6_PAYLOAD + 1]));
        }
    }

    @Test
    @DisplayName("the largest datagrams round-trip too")
    void largestDatagramsRoundTrip() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(out)) {
            writer.writeUdp(V4_SOURCE, V4_GROUP, 1, new byte[PcapWriter.MAX_IPV4_PAYLOAD]);
            writer.writeUdp(V6_SOURCE, V6_GROUP, 1, new byte[PcapWriter.MAX_IPV6_PAYLOAD]);
        }
        List<UdpDatagram> datagrams = PcapReader.readUdp(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(65507, datagrams.get(0).payload().length);
        assertEquals(65527, datagrams.get(1).payload().length);
    }

    @Test
    @DisplayName("writing after close is an IOException")
    void writingAfterCloseFails() throws Exception {
        PcapWriter writer = new PcapWriter(new ByteArrayOutputStream());
        writer.close();
        writer.close(); // harmless
        assertThrows(IOException.class, () -> writer.writeUdp(V4_SOURCE, V4_GROUP, 1, new byte[1]));
    }

    private static byte[] packet(InetSocketAddress source, InetSocketAddress destination, int ttl, byte[] payload)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(out)) {
            writer.writeUdp(source, destination, ttl, payload);
        }
        List<Frame> frames = PcapReader.readFrames(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(1, frames.size());
        return frames.get(0).data();
    }

    private static int checksumField(byte[] packet, int udpOffset) {
        return ((packet[udpOffset + 6] & 0xFF) << 8) | (packet[udpOffset + 7] & 0xFF);
    }

    /** Sum of big-endian 16-bit words, the last odd byte padded with zero (RFC 1071), not folded. */
    private static long sum16(byte[] bytes, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i++) {
            int value = bytes[offset + i] & 0xFF;
            sum += i % 2 == 0 ? value << 8 : value;
        }
        return sum;
    }

    private static long foldedSum(byte[] bytes, int offset, int length, long initial) {
        long sum = initial + sum16(bytes, offset, length);
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum;
    }
}
