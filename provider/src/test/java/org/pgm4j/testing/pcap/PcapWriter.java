package org.pgm4j.testing.pcap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Writes classic libpcap files with link type 101 (raw IP), each record one IPv4 or IPv6 packet carrying one UDP
 * datagram, so that datagrams produced in tests can be opened in Wireshark or decoded with tshark.
 *
 * <p>Headers are complete and correct: IPv4 with header checksum, DF set and protocol 17; IPv6 with next header 17
 * and the hop limit taken from {@code ttl}; UDP with its checksum over the RFC 768 / RFC 8200 pseudo-header. Files use
 * the nanosecond-resolution magic {@code a1b23c4d} in little-endian order, so explicit timestamps survive a round
 * trip through {@link PcapReader} exactly.
 *
 * <p>Without an explicit timestamp a frame is stamped with the clock's current time, advanced when needed so that
 * the timestamps of a file strictly increase (by at least one microsecond, so that microsecond displays differ too).
 * Writing is synchronized, so one writer may be shared by several threads. Nothing is sent on any network.
 */
public final class PcapWriter implements AutoCloseable {

    /** The link type this writer produces: raw IPv4/IPv6 packets without a link-layer header. */
    public static final int LINKTYPE_RAW = PacketDecoder.LINKTYPE_RAW;

    private static final int SNAP_LENGTH = 262_144;
    private static final int IPV4_HEADER_LENGTH = 20;
    private static final int IPV6_HEADER_LENGTH = 40;
    private static final int UDP_HEADER_LENGTH = 8;
    private static final int PROTOCOL_UDP = 17;
    /** Largest UDP payload whose IPv4 total length still fits in 16 bits. */
    public static final int MAX_IPV4_PAYLOAD = 0xFFFF - IPV4_HEADER_LENGTH - UDP_HEADER_LENGTH;
    /** Largest UDP payload whose IPv6 payload length still fits in 16 bits (no jumbograms). */
    public static final int MAX_IPV6_PAYLOAD = 0xFFFF - UDP_HEADER_LENGTH;
    private static final long MIN_DEFAULT_STEP_NANOS = 1_000;

    private final OutputStream out;
    private final InstantSource clock;
    private final ByteBuffer recordHeader = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private long lastTimestampNanos = Long.MIN_VALUE;
    private int identification;
    private boolean closed;

    /** Creates (or truncates) {@code file} and writes the pcap global header; timestamps come from the system clock. */
    public PcapWriter(Path file) throws IOException {
        this(Files.newOutputStream(file), InstantSource.system());
    }

    /** Writes the pcap global header to {@code out}; timestamps come from the system clock. */
    public PcapWriter(OutputStream out) throws IOException {
        this(out, InstantSource.system());
    }

    /**
     * Writes the pcap global header to {@code out}; default timestamps come from {@code clock} (a fixed clock gives
     * reproducible files: its instant, then one microsecond more per frame).
     */
    public PcapWriter(OutputStream out, InstantSource clock) throws IOException {
        this.out = new BufferedOutputStream(Objects.requireNonNull(out, "out"), 64 * 1024);
        this.clock = Objects.requireNonNull(clock, "clock");
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(PcapReader.MAGIC_NANOSECONDS)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0) // this zone: always 0
                .putInt(0) // timestamp accuracy: always 0
                .putInt(SNAP_LENGTH)
                .putInt(LINKTYPE_RAW);
        this.out.write(header.array());
    }

    /**
     * Writes one UDP datagram, stamped with the next default timestamp.
     *
     * @param source      source address and port; must be resolved
     * @param destination destination address and port; must be resolved and of the same family as {@code source}
     * @param ttl         IPv4 time to live or IPv6 hop limit, 0 to 255
     * @param payload     the UDP payload
     */
    public void writeUdp(InetSocketAddress source, InetSocketAddress destination, int ttl, byte[] payload)
            throws IOException {
        writeUdp(source, destination, ttl, ByteBuffer.wrap(payload));
    }

    /**
     * Writes the bytes between {@code payload}'s position and limit as one UDP datagram, stamped with the next
     * default timestamp. The buffer's position, limit and contents are not changed.
     */
    public synchronized void writeUdp(InetSocketAddress source, InetSocketAddress destination, int ttl,
                                      ByteBuffer payload) throws IOException {
        writeUdp(nextDefaultTimestamp(), source, destination, ttl, payload);
    }

    /**
     * Writes the bytes between {@code payload}'s position and limit as one UDP datagram with an explicit timestamp.
     * The buffer's position, limit and contents are not changed.
     *
     * @param timestampNanos capture time in nanoseconds since the Unix epoch, not negative
     */
    public synchronized void writeUdp(long timestampNanos, InetSocketAddress source, InetSocketAddress destination,
                                      int ttl, ByteBuffer payload) throws IOException {
        writePacket(timestampNanos, udpPacket(source, destination, ttl, payload));
    }

    /**
     * Writes one record holding {@code ipPacket} as it is, for crafting malformed or non-UDP packets. The bytes must
     * start with an IPv4 or IPv6 header; nothing is checked or fixed.
     *
     * @param timestampNanos capture time in nanoseconds since the Unix epoch, not negative
     */
    public synchronized void writePacket(long timestampNanos, byte[] ipPacket) throws IOException {
        if (closed) {
            throw new IOException("PcapWriter is closed");
        }
        if (timestampNanos < 0) {
            throw new IllegalArgumentException("timestamp before 1970: " + timestampNanos);
        }
        if (ipPacket.length > SNAP_LENGTH) {
            throw new IllegalArgumentException("packet of " + ipPacket.length + " bytes exceeds the snapshot length "
                    + SNAP_LENGTH);
        }
        long seconds = timestampNanos / 1_000_000_000L;
        if (seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timestamp after 2106 does not fit a classic pcap: " + timestampNanos);
        }
        recordHeader.clear();
        recordHeader.putInt((int) seconds)
                .putInt((int) (timestampNanos % 1_000_000_000L))
                .putInt(ipPacket.length)
                .putInt(ipPacket.length);
        out.write(recordHeader.array());
        out.write(ipPacket);
        lastTimestampNanos = Math.max(lastTimestampNanos, timestampNanos);
    }

    /** Pushes buffered records to the underlying stream, so that a reader sees them before {@link #close()}. */
    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** Flushes and closes the underlying stream. Closing twice is harmless. */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }

    private long nextDefaultTimestamp() {
        Instant now = clock.instant();
        long nanos = Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L) + now.getNano();
        if (lastTimestampNanos != Long.MIN_VALUE && nanos < lastTimestampNanos + MIN_DEFAULT_STEP_NANOS) {
            nanos = lastTimestampNanos + MIN_DEFAULT_STEP_NANOS;
        }
        return nanos;
    }

    /**
     * Builds a complete IPv4 or IPv6 packet carrying one UDP datagram, checksums included, as {@link #writeUdp}
     * writes it (useful as a starting point for crafting broken packets with {@link #writePacket}). Each call uses the
     * next IPv4 identification value.
     *
     * @throws IllegalArgumentException if an address is unresolved, the families differ, a port or the ttl is out of
     *                                  range, or the payload is too large for the IP version
     */
    public synchronized byte[] udpPacket(InetSocketAddress source, InetSocketAddress destination, int ttl, ByteBuffer payload) {
        InetAddress from = resolved(source, "source");
        InetAddress to = resolved(destination, "destination");
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl/hop limit out of range 0..255: " + ttl);
        }
        int payloadLength = payload.remaining();
        boolean ipv4 = from instanceof Inet4Address;
        if (ipv4 != (to instanceof Inet4Address)) {
            throw new IllegalArgumentException("source " + from + " and destination " + to
                    + " are not of the same address family");
        }
        int maxPayload = ipv4 ? MAX_IPV4_PAYLOAD : MAX_IPV6_PAYLOAD;
        if (payloadLength > maxPayload) {
            throw new IllegalArgumentException("UDP payload of " + payloadLength + " bytes exceeds the "
                    + (ipv4 ? "IPv4" : "IPv6") + " maximum of " + maxPayload);
        }
        int udpLength = UDP_HEADER_LENGTH + payloadLength;
        int ipHeaderLength = ipv4 ? IPV4_HEADER_LENGTH : IPV6_HEADER_LENGTH;
        ByteBuffer packet = ByteBuffer.allocate(ipHeaderLength + udpLength); // big-endian, zero-filled
        byte[] fromBytes = from.getAddress();
        byte[] toBytes = to.getAddress();
        if (ipv4) {
            identification = (identification + 1) & 0xFFFF;
            packet.put((byte) 0x45) // version 4, IHL 5
                    .put((byte) 0) // DSCP/ECN
                    .putShort((short) (IPV4_HEADER_LENGTH + udpLength))
                    .putShort((short) identification)
                    .putShort((short) 0x4000) // don't fragment, offset 0
                    .put((byte) ttl)
                    .put((byte) PROTOCOL_UDP)
                    .putShort((short) 0) // header checksum, filled in below
                    .put(fromBytes)
                    .put(toBytes);
            packet.putShort(10, (short) checksum(onesComplementSum(packet.array(), 0, IPV4_HEADER_LENGTH, 0)));
        } else {
            packet.putInt(0x6000_0000) // version 6, traffic class 0, flow label 0
                    .putShort((short) udpLength)
                    .put((byte) PROTOCOL_UDP)
                    .put((byte) ttl)
                    .put(fromBytes)
                    .put(toBytes);
        }
        int udpOffset = ipHeaderLength;
        packet.putShort((short) source.getPort())
                .putShort((short) destination.getPort())
                .putShort((short) udpLength)
                .putShort((short) 0); // checksum, filled in below
        packet.put(payload.duplicate());
        // Pseudo-header: source, destination, protocol and UDP length; the layout differs between the versions but
        // the one's complement sum is the same for equal values, as zero padding adds nothing.
        long sum = onesComplementSum(fromBytes, 0, fromBytes.length, 0);
        sum = onesComplementSum(toBytes, 0, toBytes.length, sum);
        sum += PROTOCOL_UDP + udpLength;
        sum = onesComplementSum(packet.array(), udpOffset, udpLength, sum);
        int udpChecksum = checksum(sum);
        // 0 means "no checksum" (and is forbidden over IPv6); the equivalent 0xFFFF is sent instead.
        packet.putShort(udpOffset + 6, (short) (udpChecksum == 0 ? 0xFFFF : udpChecksum));
        return packet.array();
    }

    private static InetAddress resolved(InetSocketAddress address, String role) {
        Objects.requireNonNull(address, role);
        if (address.isUnresolved() || address.getAddress() == null) {
            throw new IllegalArgumentException(role + " address is unresolved: " + address);
        }
        InetAddress inet = address.getAddress();
        if (!(inet instanceof Inet4Address) && !(inet instanceof Inet6Address)) {
            throw new IllegalArgumentException(role + " address is neither IPv4 nor IPv6: " + inet);
        }
        return inet;
    }

    /** Adds big-endian 16-bit words to {@code sum}; an odd trailing byte is padded with zero. */
    private static long onesComplementSum(byte[] bytes, int offset, int length, long sum) {
        int end = offset + length;
        int index = offset;
        for (; index + 1 < end; index += 2) {
            sum += ((bytes[index] & 0xFF) << 8) | (bytes[index + 1] & 0xFF);
        }
        if (index < end) {
            sum += (bytes[index] & 0xFF) << 8;
        }
        return sum;
    }

    /** Folds the carries into 16 bits and complements. */
    private static int checksum(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
