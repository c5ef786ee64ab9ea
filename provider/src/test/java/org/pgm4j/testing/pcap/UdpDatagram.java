package org.pgm4j.testing.pcap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A UDP datagram found in a pcap frame.
 *
 * @param frameNumber     1-based number of the frame that carried it (as Wireshark counts)
 * @param timestampNanos  capture time in nanoseconds since the Unix epoch
 * @param source          IP source address
 * @param sourcePort      UDP source port
 * @param destination     IP destination address
 * @param destinationPort UDP destination port
 * @param ttl             IPv4 time to live, or IPv6 hop limit
 * @param payload         the UDP payload, trimmed to the UDP length field (copied in and out: the record is
 *                        immutable)
 */
public record UdpDatagram(int frameNumber, long timestampNanos, InetAddress source, int sourcePort,
                          InetAddress destination, int destinationPort, int ttl, byte[] payload) {

    /** Checks the arguments and keeps a private copy of {@code payload}. */
    public UdpDatagram {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        payload = payload.clone();
    }

    /** A copy of the UDP payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The source address and port. */
    public InetSocketAddress sourceAddress() {
        return new InetSocketAddress(source, sourcePort);
    }

    /** The destination address and port. */
    public InetSocketAddress destinationAddress() {
        return new InetSocketAddress(destination, destinationPort);
    }

    /** A read-only big-endian view of the payload, position 0, limit its length. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UdpDatagram that
                && frameNumber == that.frameNumber
                && timestampNanos == that.timestampNanos
                && source.equals(that.source)
                && sourcePort == that.sourcePort
                && destination.equals(that.destination)
                && destinationPort == that.destinationPort
                && ttl == that.ttl
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frameNumber, timestampNanos, source, sourcePort, destination, destinationPort, ttl)
                * 31 + Arrays.hashCode(payload);
    }

    /** Shows addresses, ports, ttl and at most the first 32 payload bytes in hex. */
    @Override
    public String toString() {
        int shown = Math.min(payload.length, 32);
        String hex = HexFormat.of().formatHex(payload, 0, shown) + (shown < payload.length ? "..." : "");
        return "UdpDatagram[frame=" + frameNumber + ", timestampNanos=" + timestampNanos + ", "
                + source.getHostAddress() + ":" + sourcePort + " -> " + destination.getHostAddress() + ":"
                + destinationPort + ", ttl=" + ttl + ", length=" + payload.length + ", payload=" + hex + "]";
    }
}
