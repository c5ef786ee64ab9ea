package org.pgm4j.testing.pcap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/** Decodes UDP over IPv4 or IPv6 out of a captured frame, after stripping the link-layer header. */
final class PacketDecoder {

    static final int LINKTYPE_NULL = 0;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LOOP = 108;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_IPV4 = 228;
    static final int LINKTYPE_IPV6 = 229;
    static final int LINKTYPE_LINUX_SLL2 = 276;

    static final String SUPPORTED_LINK_TYPES = "0 (BSD null/loopback), 1 (Ethernet), 101 (raw IP), 108 (OpenBSD"
            + " loopback), 113 (Linux cooked SLL), 228 (raw IPv4), 229 (raw IPv6), 276 (Linux cooked SLL2)";

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_LEGACY = 0x9100;

    private static final int PROTOCOL_HOP_BY_HOP = 0;
    private static final int PROTOCOL_UDP = 17;
    private static final int PROTOCOL_ROUTING = 43;
    private static final int PROTOCOL_FRAGMENT = 44;
    private static final int PROTOCOL_AUTHENTICATION = 51;
    private static final int PROTOCOL_DESTINATION_OPTIONS = 60;

    private static final int IP_VERSION_UNKNOWN = 0;

    private PacketDecoder() {
    }

    static boolean supportsLinkType(int linkType) {
        return switch (linkType) {
            case LINKTYPE_NULL, LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_LOOP, LINKTYPE_LINUX_SLL, LINKTYPE_IPV4,
                    LINKTYPE_IPV6, LINKTYPE_LINUX_SLL2 -> true;
            default -> false;
        };
    }

    static Optional<UdpDatagram> decodeUdp(Frame frame) throws IOException {
        byte[] data = frame.data();
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int offset;
        int ipVersion;
        switch (frame.linkType()) {
            case LINKTYPE_NULL, LINKTYPE_LOOP -> {
                requireCaptured(frame, 4, "BSD loopback header");
                // The family is in the capturing host's byte order for NULL and big-endian for LOOP; small values
                // make the order obvious either way.
                int family = buffer.getInt(0);
                if ((family & 0xFFFF) == 0) {
                    family = Integer.reverseBytes(family);
                }
                ipVersion = switch (family) {
                    case 2 -> 4;
                    case 10, 24, 28, 30 -> 6; // AF_INET6 on Linux, NetBSD/OpenBSD, FreeBSD, macOS
                    default -> IP_VERSION_UNKNOWN;
                };
                offset = 4;
            }
            case LINKTYPE_ETHERNET -> {
                requireCaptured(frame, 14, "Ethernet header");
                offset = 12;
                int etherType = buffer.getShort(offset) & 0xFFFF;
                offset += 2;
                while (etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ
                        || etherType == ETHERTYPE_QINQ_LEGACY) {
                    requireCaptured(frame, offset + 4, "802.1Q tag");
                    etherType = buffer.getShort(offset + 2) & 0xFFFF;
                    offset += 4;
                }
                ipVersion = ipVersionOfEtherType(etherType);
            }
            case LINKTYPE_LINUX_SLL -> {
                requireCaptured(frame, 16, "Linux cooked (SLL) header");
                ipVersion = ipVersionOfEtherType(buffer.getShort(14) & 0xFFFF);
                offset = 16;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                requireCaptured(frame, 20, "Linux cooked (SLL2) header");
                ipVersion = ipVersionOfEtherType(buffer.getShort(0) & 0xFFFF);
                offset = 20;
            }
            case LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6 -> {
                offset = 0;
                ipVersion = data.length == 0 ? IP_VERSION_UNKNOWN : (data[0] & 0xFF) >>> 4;
            }
            default -> throw new IOException("Frame " + frame.number() + ": unsupported pcap link type "
                    + frame.linkType() + "; supported: " + SUPPORTED_LINK_TYPES);
        }
        return switch (ipVersion) {
            case 4 -> decodeIpv4(frame, buffer, offset);
            case 6 -> decodeIpv6(frame, buffer, offset);
            default -> Optional.empty();
        };
    }

    private static int ipVersionOfEtherType(int etherType) {
        return switch (etherType) {
            case ETHERTYPE_IPV4 -> 4;
            case ETHERTYPE_IPV6 -> 6;
            default -> IP_VERSION_UNKNOWN;
        };
    }

    private static Optional<UdpDatagram> decodeIpv4(Frame frame, ByteBuffer buffer, int offset) throws IOException {
        requireCaptured(frame, offset + 20, "IPv4 header");
        int versionAndLength = buffer.get(offset) & 0xFF;
        if (versionAndLength >>> 4 != 4) {
            throw malformed(frame, "link layer announces IPv4 but the IP version is " + (versionAndLength >>> 4));
        }
        int headerLength = (versionAndLength & 0x0F) * 4;
        if (headerLength < 20) {
            throw malformed(frame, "IPv4 header length " + headerLength + " is below 20");
        }
        requireCaptured(frame, offset + headerLength, "IPv4 header with options");
        int totalLength = buffer.getShort(offset + 2) & 0xFFFF;
        if (totalLength < headerLength) {
            throw malformed(frame, "IPv4 total length " + totalLength + " is below the header length "
                    + headerLength);
        }
        int protocol = buffer.get(offset + 9) & 0xFF;
        if (protocol != PROTOCOL_UDP) {
            return Optional.empty();
        }
        int fragment = buffer.getShort(offset + 6) & 0xFFFF;
        boolean moreFragments = (fragment & 0x2000) != 0;
        int fragmentOffset = fragment & 0x1FFF;
        if (moreFragments || fragmentOffset != 0) {
            throw malformed(frame, "fragmented IPv4 datagram (fragment offset " + fragmentOffset * 8
                    + ", more fragments " + moreFragments + "); reassembly is not supported");
        }
        int end = offset + totalLength;
        requireDatagram(frame, end, "IPv4 total length " + totalLength);
        int ttl = buffer.get(offset + 8) & 0xFF;
        InetAddress source = address(buffer, offset + 12, 4);
        InetAddress destination = address(buffer, offset + 16, 4);
        return Optional.of(decodeUdp(frame, buffer, offset + headerLength, end, source, destination, ttl));
    }

    private static Optional<UdpDatagram> decodeIpv6(Frame frame, ByteBuffer buffer, int offset) throws IOException {
        requireCaptured(frame, offset + 40, "IPv6 header");
        int version = (buffer.get(offset) & 0xFF) >>> 4;
        if (version != 6) {
            throw malformed(frame, "link layer announces IPv6 but the IP version is " + version);
        }
        int payloadLength = buffer.getShort(offset + 4) & 0xFFFF;
        int nextHeader = buffer.get(offset + 6) & 0xFF;
        int hopLimit = buffer.get(offset + 7) & 0xFF;
        int end = offset + 40 + payloadLength;
        int bound = Math.min(end, buffer.capacity());
        int cursor = offset + 40;
        while (nextHeader == PROTOCOL_HOP_BY_HOP || nextHeader == PROTOCOL_ROUTING
                || nextHeader == PROTOCOL_FRAGMENT || nextHeader == PROTOCOL_DESTINATION_OPTIONS
                || nextHeader == PROTOCOL_AUTHENTICATION) {
            if (cursor + 8 > bound) {
                if (payloadLength == 0 && nextHeader == PROTOCOL_HOP_BY_HOP) {
                    throw malformed(frame, "IPv6 jumbograms are not supported");
                }
                throw malformed(frame, "IPv6 extension header " + nextHeader + " at byte " + cursor
                        + " runs past the " + (bound == end ? "payload length" : "captured bytes"));
            }
            int headerLength;
            if (nextHeader == PROTOCOL_FRAGMENT) {
                int fragment = buffer.getShort(cursor + 2) & 0xFFFF;
                int fragmentOffset = fragment >>> 3;
                boolean moreFragments = (fragment & 1) != 0;
                if (moreFragments || fragmentOffset != 0) {
                    throw malformed(frame, "fragmented IPv6 datagram (fragment offset " + fragmentOffset * 8
                            + ", more fragments " + moreFragments + "); reassembly is not supported");
                }
                headerLength = 8;
            } else if (nextHeader == PROTOCOL_AUTHENTICATION) {
                headerLength = ((buffer.get(cursor + 1) & 0xFF) + 2) * 4;
            } else {
                headerLength = ((buffer.get(cursor + 1) & 0xFF) + 1) * 8;
            }
            nextHeader = buffer.get(cursor) & 0xFF;
            cursor += headerLength;
        }
        if (nextHeader != PROTOCOL_UDP) {
            return Optional.empty();
        }
        if (cursor > end) {
            throw malformed(frame, "IPv6 extension headers end at byte " + cursor + ", past the payload length");
        }
        requireDatagram(frame, end, "IPv6 payload length " + payloadLength);
        InetAddress source = address(buffer, offset + 8, 16);
        InetAddress destination = address(buffer, offset + 24, 16);
        return Optional.of(decodeUdp(frame, buffer, cursor, end, source, destination, hopLimit));
    }

    private static UdpDatagram decodeUdp(Frame frame, ByteBuffer buffer, int offset, int end, InetAddress source,
                                         InetAddress destination, int ttl) throws IOException {
        int available = end - offset;
        if (available < 8) {
            throw malformed(frame, "UDP header truncated: " + available + " of 8 bytes inside the IP packet");
        }
        int sourcePort = buffer.getShort(offset) & 0xFFFF;
        int destinationPort = buffer.getShort(offset + 2) & 0xFFFF;
        int udpLength = buffer.getShort(offset + 4) & 0xFFFF;
        if (udpLength < 8 || udpLength > available) {
            throw malformed(frame, "UDP length field " + udpLength + " is invalid for " + available
                    + " bytes of IP payload");
        }
        byte[] payload = Arrays.copyOfRange(buffer.array(), offset + 8, offset + udpLength);
        return new UdpDatagram(frame.number(), frame.timestampNanos(), source, sourcePort, destination,
                destinationPort, ttl, payload);
    }

    private static InetAddress address(ByteBuffer buffer, int offset, int length) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(buffer.array(), offset, offset + length));
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4- or 16-byte address is always valid", e);
        }
    }

    private static void requireCaptured(Frame frame, int length, String what) throws IOException {
        if (frame.capturedLength() < length) {
            throw malformed(frame, what + " truncated: needs " + length + " bytes, " + frame.capturedLength()
                    + " captured");
        }
    }

    private static void requireDatagram(Frame frame, int end, String what) throws IOException {
        int captured = frame.capturedLength();
        if (captured >= end) {
            return;
        }
        if (frame.truncated()) {
            throw malformed(frame, "UDP datagram cut short by the capture's snapshot length: " + captured + " of "
                    + frame.originalLength() + " bytes captured (recapture with a larger snaplen, e.g. -s 0)");
        }
        throw malformed(frame, what + " runs past the " + captured + " captured bytes of the frame");
    }

    private static IOException malformed(Frame frame, String problem) {
        return new IOException("Frame " + frame.number() + ": " + problem);
    }
}
