package org.pgm4j.pgm.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Test helper: writes bytes the way the RFC 3208 diagrams read, field by field, big-endian, independent of the codec
 * under test; and parses hex strings with spaces and '|' as field separators.
 */
final class WireBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static WireBytes builder() {
        return new WireBytes();
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
    }

    static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(hex(hex));
    }

    WireBytes u8(int value) {
        out.write(value);
        return this;
    }

    WireBytes u16(int value) {
        return u8(value >>> 8).u8(value);
    }

    WireBytes u32(int value) {
        return u16(value >>> 16).u16(value);
    }

    WireBytes bytes(String hex) {
        out.writeBytes(hex(hex));
        return this;
    }

    /** AFI 1, reserved, four address bytes. */
    WireBytes ipv4Nla(String dotted) {
        u16(1).u16(0);
        for (String part : dotted.split("\\.")) {
            u8(Integer.parseInt(part));
        }
        return this;
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    /** The bytes with the checksum at offset 6 computed by the naive reference implementation. */
    byte[] withChecksum() {
        byte[] bytes = toArray();
        int checksum = InternetChecksumTest.naiveChecksum(ByteBuffer.wrap(bytes), 0, bytes.length);
        bytes[6] = (byte) (checksum >>> 8);
        bytes[7] = (byte) checksum;
        return bytes;
    }
}
