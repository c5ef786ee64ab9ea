package org.pgm4j.testing.pcap;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * One record of a pcap file: its 1-based number (as Wireshark counts), its capture time, the file's link type and
 * the captured bytes, starting with the link-layer header.
 *
 * @param number         1-based position of the frame in the file
 * @param timestampNanos capture time in nanoseconds since the Unix epoch
 * @param linkType       the file's link-layer header type (1 Ethernet, 101 raw IP, 113 Linux SLL, 0 BSD null, ...)
 * @param originalLength length of the packet on the wire; larger than {@code data.length} when the capture was cut
 *                       short by the snapshot length
 * @param data           the captured bytes (copied in and out: the record is immutable)
 */
public record Frame(int number, long timestampNanos, int linkType, int originalLength, byte[] data) {

    /** Keeps a private copy of {@code data}. */
    public Frame {
        data = data.clone();
    }

    /** A copy of the captured bytes, starting with the link-layer header. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Number of captured bytes, without copying them. */
    public int capturedLength() {
        return data.length;
    }

    /** Whether the capture holds fewer bytes than the packet had on the wire. */
    public boolean truncated() {
        return data.length < originalLength;
    }

    /**
     * Decodes the frame as UDP over IPv4 or IPv6.
     *
     * @return the datagram, or empty if the frame carries something else (ARP, IGMP, TCP, ...)
     * @throws IOException if the link type is not supported, or the frame claims to be UDP but is malformed,
     *                     truncated or fragmented
     */
    public Optional<UdpDatagram> udp() throws IOException {
        return PacketDecoder.decodeUdp(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame that
                && number == that.number
                && timestampNanos == that.timestampNanos
                && linkType == that.linkType
                && originalLength == that.originalLength
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Integer.hashCode(number) + Long.hashCode(timestampNanos)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Frame[number=" + number + ", timestampNanos=" + timestampNanos + ", linkType=" + linkType
                + ", originalLength=" + originalLength + ", captured=" + data.length + "]";
    }
}
