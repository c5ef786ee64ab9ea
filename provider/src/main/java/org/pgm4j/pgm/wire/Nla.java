package org.pgm4j.pgm.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A network-layer address as PGM encodes it (RFC 3208 §8): a 2-byte AFI (1 = IPv4, 2 = IPv6), 2 reserved bytes and
 * the address. Immutable; built once per session and reused when encoding. The static methods read and compare
 * addresses in a buffer without allocating.
 */
public final class Nla {

    /** AFI of an IPv4 address (4 bytes). */
    public static final int AFI_IPV4 = 1;
    /** AFI of an IPv6 address (16 bytes). */
    public static final int AFI_IPV6 = 2;

    private final int afi;
    private final byte[] address;

    private Nla(int afi, byte[] address) {
        this.afi = afi;
        this.address = address;
    }

    /** The NLA of an IPv4 or IPv6 address. */
    public static Nla of(InetAddress address) {
        byte[] bytes = address.getAddress();
        return new Nla(address instanceof Inet6Address ? AFI_IPV6 : AFI_IPV4, bytes);
    }

    /** The NLA of raw address bytes: 4 bytes for IPv4, 16 for IPv6. */
    public static Nla of(byte[] address) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("an NLA address has 4 or 16 bytes, not " + address.length);
        }
        return new Nla(address.length == 4 ? AFI_IPV4 : AFI_IPV6, address.clone());
    }

    /**
     * Address length for an AFI: 4 for IPv4, 16 for IPv6, -1 for any other (which the validator reports as a bad
     * AFI).
     */
    public static int addressLength(int afi) {
        return afi == AFI_IPV4 ? 4 : afi == AFI_IPV6 ? 16 : -1;
    }

    /** Reads the AFI of an encoded NLA at absolute {@code offset}. */
    public static int afiAt(ByteBuffer buffer, int offset) {
        return buffer.getShort(offset) & 0xFFFF;
    }

    /** Reads an encoded NLA (AFI, reserved, address) at absolute {@code offset}; allocates. */
    public static Nla read(ByteBuffer buffer, int offset) {
        int afi = afiAt(buffer, offset);
        int length = addressLength(afi);
        if (length < 0) {
            throw new IllegalArgumentException("unknown NLA AFI " + afi);
        }
        return readAddress(buffer, offset + 4, length);
    }

    /** Reads {@code length} (4 or 16) address bytes without AFI at absolute {@code offset}; allocates. */
    public static Nla readAddress(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        return of(bytes);
    }

    /** {@code true} when the encoded NLA at absolute {@code offset} is this address; allocates nothing. */
    public boolean matches(ByteBuffer buffer, int offset) {
        return afiAt(buffer, offset) == afi && matchesAddress(buffer, offset + 4);
    }

    /** {@code true} when the bare address bytes at absolute {@code offset} are this address. */
    public boolean matchesAddress(ByteBuffer buffer, int offset) {
        if (offset + address.length > buffer.limit()) {
            return false;
        }
        for (int i = 0; i < address.length; i++) {
            if (buffer.get(offset + i) != address[i]) {
                return false;
            }
        }
        return true;
    }

    /** Writes AFI, reserved and address at absolute {@code offset}; returns the bytes written. */
    public int write(ByteBuffer buffer, int offset) {
        buffer.putShort(offset, (short) afi);
        buffer.putShort(offset + 2, (short) 0);
        buffer.put(offset + 4, address);
        return encodedLength();
    }

    /** Writes the bare address (no AFI, as OPT_PATH_NLA carries it) at absolute {@code offset}. */
    public int writeAddress(ByteBuffer buffer, int offset) {
        buffer.put(offset, address);
        return address.length;
    }

    /** 1 for IPv4, 2 for IPv6. */
    public int afi() {
        return afi;
    }

    /** 4 or 16. */
    public int addressLength() {
        return address.length;
    }

    /** AFI, reserved and address: 8 or 20 bytes. */
    public int encodedLength() {
        return 4 + address.length;
    }

    /** A copy of the address bytes. */
    public byte[] address() {
        return address.clone();
    }

    /** The address as an {@link InetAddress}. */
    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an NLA always has 4 or 16 address bytes", e);
        }
    }

    /** {@code true} for IPv4. */
    public boolean isIpv4() {
        return afi == AFI_IPV4;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Nla nla && nla.afi == afi && Arrays.equals(nla.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * afi + Arrays.hashCode(address);
    }

    @Override
    public String toString() {
        InetAddress inet = toInetAddress();
        return inet instanceof Inet4Address ? inet.getHostAddress() : "[" + inet.getHostAddress() + "]";
    }
}
