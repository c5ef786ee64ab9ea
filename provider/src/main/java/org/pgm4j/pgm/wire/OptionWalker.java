package org.pgm4j.pgm.wire;

import java.nio.ByteBuffer;

/**
 * The one bounds-checked walk over a packet's option extensions (RFC 3208 §9). Every other piece of code that reads
 * options goes through it, so a lying length, a missing END bit or an option loop is caught in one place.
 *
 * <p>Usage: {@link #reset} checks OPT_LENGTH and its total, then {@link #next} moves from option to option while
 * {@link #hasNext()}; any result but {@link ValidationResult#OK} ends the walk. The walk never reads outside
 * {@code [optionsOffset, optionsOffset + total)} and never takes more than 16 steps. Allocates nothing.
 */
public final class OptionWalker {

    private ByteBuffer buffer;
    private int end;
    private int cursor;
    private int current;
    private int count;
    private boolean ended;

    /**
     * Starts a walk at the first option (which must be OPT_LENGTH, 4 bytes) at absolute {@code optionsOffset}; the
     * options may not extend past absolute {@code limit}. After an {@code OK} result the walk stands on OPT_LENGTH.
     */
    public ValidationResult reset(ByteBuffer buffer, int optionsOffset, int limit) {
        this.buffer = buffer;
        this.current = optionsOffset;
        this.count = 1;
        this.ended = true;
        if (optionsOffset + OptionType.HEADER_LENGTH > limit
                || (buffer.get(optionsOffset) & OptionType.TYPE_MASK) != OptionType.OPT_LENGTH
                || (buffer.get(optionsOffset + 1) & 0xFF) != OptionType.HEADER_LENGTH) {
            return ValidationResult.MISSING_OPT_LENGTH;
        }
        int total = buffer.getShort(optionsOffset + 2) & 0xFFFF;
        if (total < OptionType.HEADER_LENGTH || optionsOffset + total > limit) {
            return ValidationResult.BAD_OPTIONS_TOTAL;
        }
        this.end = optionsOffset + total;
        this.cursor = optionsOffset + OptionType.HEADER_LENGTH;
        this.ended = (buffer.get(optionsOffset) & OptionType.OPT_END) != 0;
        if (ended && cursor != end) {
            return ValidationResult.OPTIONS_TOTAL_MISMATCH;
        }
        return ValidationResult.OK;
    }

    /** {@code true} until the option carrying the END bit has been reached. */
    public boolean hasNext() {
        return !ended;
    }

    /** Moves to the next option; anything but {@code OK} means the options are malformed. */
    public ValidationResult next() {
        if (cursor == end) {
            return ValidationResult.MISSING_OPT_END;
        }
        if (cursor + OptionType.HEADER_LENGTH > end) {
            return ValidationResult.OPTION_OVERRUN;
        }
        int optionLength = buffer.get(cursor + 1) & 0xFF;
        if (optionLength < OptionType.HEADER_LENGTH || cursor + optionLength > end) {
            return ValidationResult.OPTION_OVERRUN;
        }
        if (++count > OptionType.MAX_OPTIONS) {
            return ValidationResult.TOO_MANY_OPTIONS;
        }
        current = cursor;
        cursor += optionLength;
        ended = (buffer.get(current) & OptionType.OPT_END) != 0;
        if (ended && cursor != end) {
            return ValidationResult.OPTIONS_TOTAL_MISMATCH;
        }
        return ValidationResult.OK;
    }

    /** Type of the current option, without the END bit. */
    public int type() {
        return buffer.get(current) & OptionType.TYPE_MASK;
    }

    /** Length of the current option, its 4-byte header included. */
    public int length() {
        return buffer.get(current + 1) & 0xFF;
    }

    /** Absolute offset of the current option's first byte. */
    public int offset() {
        return current;
    }

    /** Byte 3 of the current option: U bit and option-specific flags. */
    public int flags() {
        return buffer.get(current + 3) & 0xFF;
    }

    /** Options seen so far, OPT_LENGTH included. */
    public int count() {
        return count;
    }
}
