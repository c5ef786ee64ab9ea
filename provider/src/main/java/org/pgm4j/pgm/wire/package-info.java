/**
 * RFC 3208 wire codec: one flyweight per PGM packet type over a {@link java.nio.ByteBuffer}, one bounds-checked
 * option walker, network-layer addresses, the Internet checksum, 32-bit sequence arithmetic and a validator that
 * answers every datagram with a {@link org.pgm4j.pgm.wire.ValidationResult} instead of an exception.
 *
 * <p>All multi-byte fields are big-endian. Decoding allocates nothing; flyweights are reusable and not thread-safe.
 */
package org.pgm4j.pgm.wire;
