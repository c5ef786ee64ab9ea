package org.pgm4j.testing.pcap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Builds pcap files byte by byte for the reader tests, independently of {@link PcapWriter}'s file layout: any byte
 * order, either timestamp resolution, any link type, and record lengths that may lie.
 */
final class PcapBytes {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ByteOrder order;

    private PcapBytes(ByteOrder order, boolean nanoseconds, int linkType, int snapLength) {
        this.order = order;
        ByteBuffer header = ByteBuffer.allocate(24).order(order);
        header.putInt(nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4)
                .putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0)
                .putInt(snapLength)
                .putInt(linkType);
        bytes.writeBytes(header.array());
    }

    /** Starts a file with the given byte order, resolution and link type and a snapshot length of 65535. */
    static PcapBytes file(ByteOrder order, boolean nanoseconds, int linkType) {
        return new PcapBytes(order, nanoseconds, linkType, 65535);
    }

    /** Appends a record whose lengths match its data. {@code fraction} is in the file's resolution. */
    PcapBytes record(long seconds, long fraction, byte[] data) {
        return record(seconds, fraction, data.length, data.length, data);
    }

    /** Appends a record with explicit (possibly inconsistent) captured and original lengths. */
    PcapBytes record(long seconds, long fraction, int capturedLength, int originalLength, byte[] data) {
        ByteBuffer header = ByteBuffer.allocate(16).order(order);
        header.putInt((int) seconds).putInt((int) fraction).putInt(capturedLength).putInt(originalLength);
        bytes.writeBytes(header.array());
        bytes.writeBytes(data);
        return this;
    }

    /** Appends raw bytes, e.g. half a record header. */
    PcapBytes raw(byte... data) {
        bytes.writeBytes(data);
        return this;
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    // ------------------------------------------------------------------------------------------- packet builders

    /** A complete IP packet with one UDP datagram, as {@link PcapWriter} builds it. */
    static byte[] udpPacket(String source, int sourcePort, String destination, int destinationPort, int ttl,
                            byte[] payload) {
        try (PcapWriter writer = new PcapWriter(new ByteArrayOutputStream())) {
            return writer.udpPacket(new InetSocketAddress(source, sourcePort),
                    new InetSocketAddress(destination, destinationPort), ttl, ByteBuffer.wrap(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prefixes {@code packet} with {@code header}. */
    static byte[] concat(byte[] header, byte[] packet) {
        byte[] frame = Arrays.copyOf(header, header.length + packet.length);
        System.arraycopy(packet, 0, frame, header.length, packet.length);
        return frame;
    }

    /** Bytes from a hex string; spaces are ignored. */
    static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
