package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;

/**
 * SPM Request (RFC 3208 §13.6): a receiver asks a source for an SPM. The common header only (16 bytes), upstream
 * ports and the GSI of the source asked. Options are allowed, none are defined.
 */
public final class SpmrPacket extends PgmPacket {

    @Override
    public SpmrPacket wrap(ByteBuffer buffer, int offset, int length) {
        super.wrap(buffer, offset, length);
        return this;
    }

    @Override
    public int headerLength() {
        return HEADER_LENGTH;
    }
}
