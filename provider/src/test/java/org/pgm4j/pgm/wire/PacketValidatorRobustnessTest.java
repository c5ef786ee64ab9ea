package org.pgm4j.pgm.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Feeds {@link PacketValidator} valid packets of every type, mutations of them and random bytes, and checks that every
 * datagram gets a {@link ValidationResult} and nothing else: no exception, no hang, no result that depends on bytes
 * outside the datagram or on where it sits in which kind of buffer, and no {@code OK} that breaks the length
 * invariants. The decode paths (flyweight getters, option getters, {@code toString()}) are run on every {@code OK}.
 *
 * <p>Half of the mutated datagrams get their checksum recomputed after the mutation; without that almost every
 * mutation would stop at {@link ValidationResult#BAD_CHECKSUM} and the option and length checks would never run. The
 * test counts the results and fails unless every failure code was produced, which shows the mutations reach every
 * check. Seeds are fixed and printed; every failure message names them.
 */
@DisplayName("PacketValidator robustness")
class PacketValidatorRobustnessTest {

    private static final long CORPUS_SEED = 0x5EED_0001L;
    private static final long FUZZ_SEED = 0x5EED_3208L;
    private static final int FUZZ_ITERATIONS = 1_000_000;
    private static final int MIN_DATAGRAMS = 1_000_000;
    private static final int MIN_OK = 10_000;
    private static final int MAX_RANDOM_LENGTH = 2000;
    private static final Duration WALL_TIME_LIMIT = Duration.ofSeconds(30);
    private static final Duration HANG_GUARD = Duration.ofSeconds(180);
    private static final String CAPTURE = "/captures/zmq-epgm-sample.pcap";
    /** Large enough for the longest base packet with every extension a mutation can add. */
    private static final int SCRATCH_LENGTH = 8192;
    /** Room in front of a placed datagram, for offsets other than 0. */
    private static final int MAX_PLACEMENT_OFFSET = 127;
    /** Random bytes written after a datagram that is not placed against the buffer's limit. */
    private static final int TRAILING_GARBAGE = 64;
    private static final int MAX_REPORTED_FAILURES = 12;
    private static final String REFERENCE = "reference (heap, offset 0, tight limit)";
    private static final String UNVERIFIED = "verifyChecksum=false validator";

    private static final String[] MUTATIONS = {
        "bit flips", "truncation", "garbage extension", "lying TSDU length", "lying OPT_LENGTH total",
        "option length 0/1/255", "option rebuild (14..19 options)", "END bit moved/removed", "bad AFI",
        "random type byte", "option retyped", "header flag toggled", "fragment fields", "byte run overwritten",
        "consistent extension",
    };
    private static final int BIT_FLIPS = 0;
    private static final int TRUNCATE = 1;
    private static final int EXTEND = 2;
    private static final int LYING_TSDU = 3;
    private static final int LYING_TOTAL = 4;
    private static final int OPTION_LENGTH = 5;
    private static final int REBUILD_OPTIONS = 6;
    private static final int END_BIT = 7;
    private static final int BAD_AFI = 8;
    private static final int TYPE_BYTE = 9;
    private static final int RETYPE_OPTION = 10;
    private static final int HEADER_FLAGS = 11;
    private static final int FRAGMENT_FIELDS = 12;
    private static final int BYTE_RUN = 13;
    private static final int CONSISTENT_EXTENSION = 14;

    // ---------------------------------------------------------------------------------------------------------------
    // The fuzz run
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("1,000,000+ seeded valid, mutated and random datagrams: only ValidationResults, every check reached")
    void survivesSeededValidMutatedAndRandomDatagrams() throws IOException {
        System.out.printf("seed=%d corpusSeed=%d iterations=%d%n", FUZZ_SEED, CORPUS_SEED, FUZZ_ITERATIONS);
        List<Base> bases = new ArrayList<>(buildCorpus(new SplittableRandom(CORPUS_SEED)));
        int built = bases.size();
        List<Base> captured = readCapture();
        bases.addAll(captured);
        long capturedOk = captured.stream().filter(Base::wellFormed).count();
        System.out.printf("seed=%d corpus: %d built packets, %d captured datagrams (%d of them OK)%n",
                FUZZ_SEED, built, captured.size(), capturedOk);
        assertFalse(captured.isEmpty(), "no UDP datagram found in " + CAPTURE);
        assertTrue(capturedOk > 0, "not one datagram of " + CAPTURE + " validates");

        Harness harness = new Harness();
        long start = System.nanoTime();
        assertTimeoutPreemptively(HANG_GUARD, () -> harness.run(bases),
                () -> "seed=" + FUZZ_SEED + ": the fuzz run did not finish in " + HANG_GUARD
                        + " (an infinite loop in validate() or a decoder?) - last datagram: " + harness.current());
        long elapsed = System.nanoTime() - start;

        harness.print(elapsed);
        String seeds = "seed=" + FUZZ_SEED + " corpusSeed=" + CORPUS_SEED + ": ";
        assertEquals(0, harness.failureCount,
                () -> seeds + harness.failureCount + " failures, the first ones:\n"
                        + String.join("\n", harness.failures));
        assertTrue(harness.datagrams >= MIN_DATAGRAMS, () -> seeds + "only " + harness.datagrams + " datagrams");
        for (ValidationResult result : ValidationResult.values()) {
            if (result != ValidationResult.OK) {
                assertTrue(harness.counts.get(result) > 0,
                        () -> seeds + result + " was never produced, so its check is not reached: " + harness.counts);
            }
        }
        assertTrue(harness.counts.get(ValidationResult.OK) >= MIN_OK,
                () -> seeds + "only " + harness.counts.get(ValidationResult.OK) + " OK results: " + harness.counts);
        assertTrue(elapsed < WALL_TIME_LIMIT.toNanos(),
                () -> seeds + "took " + Duration.ofNanos(elapsed) + ", more than " + WALL_TIME_LIMIT);
    }

    /** Runs every datagram through the validators, counts results and records failures. */
    private static final class Harness {

        private final PacketValidator validator = new PacketValidator();
        private final PacketValidator reference = new PacketValidator();
        private final PacketValidator unverified = new PacketValidator(false);
        private final ByteBuffer referenceBuffer = ByteBuffer.allocate(SCRATCH_LENGTH);
        private final ByteBuffer heap = ByteBuffer.allocate(SCRATCH_LENGTH + MAX_PLACEMENT_OFFSET + TRAILING_GARBAGE);
        private final ByteBuffer readOnly = heap.asReadOnlyBuffer();
        private final ByteBuffer direct =
                ByteBuffer.allocateDirect(SCRATCH_LENGTH + MAX_PLACEMENT_OFFSET + TRAILING_GARBAGE);
        private final byte[] scratch = new byte[SCRATCH_LENGTH];
        private final byte[] garbage = new byte[MAX_PLACEMENT_OFFSET + TRAILING_GARBAGE];
        private final SplittableRandom random = new SplittableRandom(FUZZ_SEED);
        private final Map<ValidationResult, Long> counts = new EnumMap<>(ValidationResult.class);
        private final long[] mutationCounts = new long[MUTATIONS.length];
        private final List<String> failures = new ArrayList<>();
        private long failureCount;
        private long datagrams;
        private long sweepDatagrams;
        private long randomDatagrams;
        private long unmodifiedDatagrams;
        private long mutatedDatagrams;
        private long recomputed;
        private long decoded;
        private long sink;
        private final long[] placements = new long[6];
        private String sourceKind = "";
        private Base sourceBase;
        private Mutator sourceMutator;
        private String sourceNote;
        private int placement;
        private int placementOffset;
        private volatile int currentLength;

        Harness() {
            for (ValidationResult result : ValidationResult.values()) {
                counts.put(result, 0L);
            }
        }

        /** For the hang guard's message; read from another thread, so only roughly the last datagram. */
        String current() {
            return hex(scratch, Math.min(currentLength, 256));
        }

        /** Where the current datagram came from; only built for failure messages. */
        private String source() {
            StringBuilder text = new StringBuilder(sourceKind);
            if (sourceBase != null) {
                text.append(' ').append(sourceBase.name);
            }
            if (sourceMutator != null) {
                text.append(" (").append(sourceMutator.describe()).append(')');
            }
            if (sourceNote != null) {
                text.append(", ").append(sourceNote);
            }
            return text.toString();
        }

        private String where(String validatorName) {
            if (validatorName != null) {
                return validatorName;
            }
            return "placement " + placement + " (" + describePlacement(placement) + ") at offset " + placementOffset;
        }

        void run(List<Base> bases) {
            sweepTruncations(bases);
            Mutator mutator = new Mutator(random);
            for (int iteration = 0; iteration < FUZZ_ITERATIONS; iteration++) {
                int kind = random.nextInt(100);
                int length;
                sourceMutator = null;
                sourceNote = null;
                if (kind < 12) {
                    sourceBase = bases.get(random.nextInt(bases.size()));
                    System.arraycopy(sourceBase.bytes, 0, scratch, 0, sourceBase.bytes.length);
                    length = sourceBase.bytes.length;
                    sourceKind = "unmodified";
                    unmodifiedDatagrams++;
                } else if (kind < 85) {
                    sourceBase = bases.get(random.nextInt(bases.size()));
                    sourceMutator = mutator;
                    length = mutator.mutate(sourceBase, scratch, mutationCounts);
                    if (length >= PgmPacket.CHECKSUM_OFFSET + 2 && random.nextBoolean()) {
                        recomputeChecksum(scratch, length);
                        sourceNote = "checksum recomputed";
                        recomputed++;
                    } else if (length >= PgmPacket.CHECKSUM_OFFSET + 2 && random.nextInt(10) == 0) {
                        scratch[PgmPacket.CHECKSUM_OFFSET] = 0;
                        scratch[PgmPacket.CHECKSUM_OFFSET + 1] = 0;
                        sourceNote = "checksum zeroed";
                    }
                    sourceKind = "mutated";
                    mutatedDatagrams++;
                } else {
                    length = random.nextInt(MAX_RANDOM_LENGTH + 1);
                    fillRandom(random, scratch, 0, length);
                    sourceKind = "random bytes";
                    sourceBase = null;
                    randomDatagrams++;
                }
                check(scratch, length, iteration);
            }
        }

        /** Truncation at every length of every base, with and without a recomputed checksum. */
        private void sweepTruncations(List<Base> bases) {
            for (Base base : bases) {
                for (int length = 0; length <= base.bytes.length; length++) {
                    for (int fix = 0; fix < 2; fix++) {
                        System.arraycopy(base.bytes, 0, scratch, 0, length);
                        if (fix == 1 && length >= PgmPacket.CHECKSUM_OFFSET + 2) {
                            recomputeChecksum(scratch, length);
                        }
                        sourceKind = "truncation sweep";
                        sourceBase = base;
                        sourceMutator = null;
                        sourceNote = fix == 1 ? "checksum recomputed" : null;
                        check(scratch, length, -1);
                        sweepDatagrams++;
                    }
                }
            }
        }

        private void check(byte[] bytes, int length, int iteration) {
            datagrams++;
            currentLength = length;
            // Reference: a heap buffer at offset 0 whose limit is the datagram's end, so a read past it throws.
            referenceBuffer.clear();
            referenceBuffer.put(0, bytes, 0, length);
            referenceBuffer.limit(length);
            ValidationResult expected = validate(reference, referenceBuffer, 0, length, iteration, REFERENCE);
            if (expected == null) {
                return;
            }
            // The same bytes elsewhere: other offsets, other kinds of buffer, garbage around them.
            placement = random.nextInt(placements.length);
            placements[placement]++;
            int offset = placement == 0 ? 0 : 1 + random.nextInt(MAX_PLACEMENT_OFFSET);
            placementOffset = offset;
            boolean tight = placement == 0 || placement == 1 || placement == 3 || placement == 5;
            ByteBuffer buffer = place(placement, bytes, offset, length, tight);
            ValidationResult actual = validate(validator, buffer, offset, length, iteration, null);
            if (actual == null) {
                return;
            }
            counts.merge(actual, 1L, Long::sum);
            if (actual != expected) {
                failure(iteration, where(null) + " gives " + actual + " but offset 0 gives " + expected, bytes,
                        length);
            }
            if (actual == ValidationResult.OK) {
                checkOk(validator, buffer, offset, length, true, iteration, null);
            } else if (validator.packet() != null || validator.type() != -1) {
                failure(iteration, where(null) + ": " + actual + " but packet()/type() still describe a packet",
                        bytes, length);
            }
            // Without checksum verification the result is the same unless the checksum was the problem.
            ValidationResult unchecked = validate(unverified, referenceBuffer, 0, length, iteration, UNVERIFIED);
            if (unchecked == null) {
                return;
            }
            if (expected != ValidationResult.BAD_CHECKSUM && unchecked != expected) {
                failure(iteration, "verifyChecksum=false gives " + unchecked + " but true gives " + expected, bytes,
                        length);
            }
            if (unchecked == ValidationResult.OK) {
                checkOk(unverified, referenceBuffer, 0, length, false, iteration, UNVERIFIED);
            }
        }

        private ByteBuffer place(int placement, byte[] bytes, int offset, int length, boolean tight) {
            if (placement == 0) {
                return ByteBuffer.wrap(bytes, 0, length);
            }
            ByteBuffer target = placement == 3 || placement == 4 ? direct : heap;
            target.clear();
            fillRandom(random, garbage, 0, offset + TRAILING_GARBAGE);
            target.put(0, garbage, 0, offset);
            target.put(offset, bytes, 0, length);
            if (tight) {
                target.limit(offset + length);
            } else {
                target.put(offset + length, garbage, offset, TRAILING_GARBAGE);
                target.limit(offset + length + TRAILING_GARBAGE);
            }
            if (placement == 5) {
                readOnly.clear();
                readOnly.limit(target.limit());
                return readOnly;
            }
            return target;
        }

        private static String describePlacement(int placement) {
            return switch (placement) {
                case 0 -> "wrapped array";
                case 1 -> "heap, tight limit";
                case 2 -> "heap, garbage after";
                case 3 -> "direct, tight limit";
                case 4 -> "direct, garbage after";
                default -> "read-only heap view, tight limit";
            };
        }

        private ValidationResult validate(PacketValidator which, ByteBuffer buffer, int offset, int length,
                int iteration, String validatorName) {
            try {
                ValidationResult result = which.validate(buffer, offset, length);
                if (result == null) {
                    failure(iteration, where(validatorName) + ": validate() returned null", buffer, offset, length);
                }
                return result;
            } catch (Throwable thrown) {
                failure(iteration, where(validatorName) + ": validate() threw " + describe(thrown), buffer, offset,
                        length);
                return null;
            }
        }

        /** The invariants of an OK result, then every decode path for its type. */
        private void checkOk(PacketValidator which, ByteBuffer buffer, int offset, int length, boolean checksummed,
                int iteration, String validatorName) {
            try {
                String broken = invariants(which, buffer, offset, length, checksummed);
                if (broken != null) {
                    failure(iteration, where(validatorName) + ": OK but " + broken, buffer, offset, length);
                    return;
                }
                sink += decode(which);
                decoded++;
            } catch (Throwable thrown) {
                failure(iteration, where(validatorName) + ": decoding an OK packet threw " + describe(thrown),
                        buffer, offset, length);
            }
        }

        private static String invariants(PacketValidator which, ByteBuffer buffer, int offset, int length,
                boolean checksummed) {
            PgmPacket packet = which.packet();
            if (packet == null) {
                return "packet() is null";
            }
            if (which.type() != packet.type() || !PacketType.isKnown(packet.type())) {
                return "type() " + which.type() + " vs packet type " + packet.type();
            }
            if (packet != flyweightOf(which, packet.type())) {
                return "packet() is not the flyweight of type " + PacketType.name(packet.type());
            }
            if (packet.buffer() != buffer || packet.offset() != offset || packet.length() != length) {
                return "packet wraps " + packet.offset() + "+" + packet.length();
            }
            if (packet.version() != 0) {
                return "version " + packet.version();
            }
            if (packet.tpduLength() != length || packet.tsduOffset() + packet.tsduLength() != offset + length) {
                return "header " + packet.headerLength() + " + options " + packet.optionsLength() + " + tsdu "
                        + packet.tsduLength() + " != " + length;
            }
            PgmOptions options = which.options();
            if (packet.hasOptions()) {
                if (options.totalLength() != packet.optionsLength() || options.count() < 1
                        || options.count() > OptionType.MAX_OPTIONS) {
                    return "options total " + options.totalLength() + " count " + options.count();
                }
            } else if (options.count() != 0 || options.totalLength() != 0 || options.unknownCount() != 0) {
                return "no O bit but options " + options;
            }
            if (packet.checksum() == InternetChecksum.NONE) {
                if (PacketType.isData(packet.type())) {
                    return "data packet without checksum";
                }
            } else if (checksummed && !InternetChecksum.verify(buffer, offset, length)) {
                return "checksum does not verify";
            }
            if (options.nakListCount() > OptionType.MAX_NAK_LIST_SQNS) {
                return "NAK list of " + options.nakListCount();
            }
            if (options.hasFragment() && !packet.isParity()) {
                long end = Integer.toUnsignedLong(options.fragmentOffset()) + packet.tsduLength();
                if (options.fragmentApduLength() == 0 || end > Integer.toUnsignedLong(options.fragmentApduLength())) {
                    return "fragment outside its APDU";
                }
            }
            return null;
        }

        private static PgmPacket flyweightOf(PacketValidator which, int type) {
            return switch (type) {
                case PacketType.SPM -> which.spm();
                case PacketType.POLL -> which.poll();
                case PacketType.POLR -> which.polr();
                case PacketType.ODATA, PacketType.RDATA -> which.data();
                case PacketType.NAK, PacketType.NNAK, PacketType.NCF -> which.nak();
                case PacketType.SPMR -> which.spmr();
                case PacketType.ACK -> which.ack();
                default -> null;
            };
        }

        /** Calls every getter of the packet's flyweight and of its present options; returns a hash of the values. */
        private static long decode(PacketValidator which) {
            PgmPacket packet = which.packet();
            long hash = packet.toString().length();
            hash = hash * 31 + which.options().toString().length();
            hash = hash * 31 + packet.sourcePort() + packet.destinationPort() + packet.type() + packet.typeByte()
                    + packet.options() + packet.checksum() + packet.gsi() + packet.tsduLength()
                    + packet.downstreamTsi() + packet.upstreamTsi() + packet.headerLength()
                    + packet.optionsOffset() + packet.optionsLength() + packet.tsduOffset()
                    + (packet.hasOptions() ? 1 : 0) + (packet.isParity() ? 2 : 0);
            switch (packet.type()) {
                case PacketType.SPM -> {
                    SpmPacket spm = which.spm();
                    hash = hash * 31 + spm.spmSqn() + spm.trail() + spm.lead() + spm.pathAfi() + spm.pathOffset();
                    hash = hash * 31 + nla(spm.path(), spm.buffer(), spm.pathOffset());
                }
                case PacketType.POLL -> {
                    PollPacket poll = which.poll();
                    hash = hash * 31 + poll.pollSqn() + poll.round() + poll.subtype() + poll.pathAfi()
                            + poll.backoffIntervalUs() + poll.randomString() + poll.matchingMask();
                    hash = hash * 31 + nla(poll.path(), poll.buffer(), poll.offset() + PollPacket.PATH_NLA_OFFSET);
                }
                case PacketType.POLR -> hash = hash * 31 + which.polr().polrSqn() + which.polr().round();
                case PacketType.ODATA, PacketType.RDATA -> hash = hash * 31 + which.data().sqn() + which.data().trail();
                case PacketType.NAK, PacketType.NNAK, PacketType.NCF -> {
                    NakPacket nak = which.nak();
                    hash = hash * 31 + nak.sqn() + nak.sourceAfi() + nak.groupAfi() + nak.sourceNlaOffset()
                            + nak.groupNlaOffset();
                    hash = hash * 31 + nla(nak.sourceNla(), nak.buffer(), nak.sourceNlaOffset());
                    hash = hash * 31 + nla(nak.groupNla(), nak.buffer(), nak.groupNlaOffset());
                }
                case PacketType.ACK -> hash = hash * 31 + which.ack().rxMax() + which.ack().bitmap();
                default -> hash = hash * 31 + which.spmr().headerLength();
            }
            return hash * 31 + decodeOptions(which.options(), packet.buffer());
        }

        private static long decodeOptions(PgmOptions options, ByteBuffer buffer) {
            long hash = options.count() + 7L * options.unknownCount() + 13L * options.totalLength();
            for (int type = -1; type <= OptionType.OPT_INVALID + 1; type++) {
                if (options.has(type)) {
                    hash = hash * 31 + options.offsetOf(type);
                }
            }
            if (options.hasFragment()) {
                hash = hash * 31 + options.fragmentFirstSqn() + options.fragmentOffset()
                        + options.fragmentApduLength();
            }
            if (options.has(OptionType.OPT_NAK_LIST)) {
                for (int i = 0; i < options.nakListCount(); i++) {
                    hash = hash * 31 + options.nakListSqn(i);
                }
            }
            if (options.has(OptionType.OPT_JOIN)) {
                hash = hash * 31 + options.joinMinimumSqn();
            }
            if (options.has(OptionType.OPT_NAK_BO_IVL)) {
                hash = hash * 31 + options.nakBackoffIntervalUs() + options.nakBackoffIntervalSqn();
            }
            if (options.has(OptionType.OPT_NAK_BO_RNG)) {
                hash = hash * 31 + options.nakBackoffRangeMaxUs() + options.nakBackoffRangeMinUs();
            }
            if (options.has(OptionType.OPT_REDIRECT)) {
                hash = hash * 31 + nla(options.redirectNla(), buffer, options.offsetOf(OptionType.OPT_REDIRECT) + 4);
            }
            if (options.has(OptionType.OPT_PARITY_PRM)) {
                hash = hash * 31 + options.parityFlags() + options.parityGroupSize();
            }
            if (options.has(OptionType.OPT_PARITY_GRP)) {
                hash = hash * 31 + options.parityGroupNumber();
            }
            if (options.has(OptionType.OPT_CURR_TGSIZE)) {
                hash = hash * 31 + options.currentGroupSize();
            }
            if (options.has(OptionType.OPT_PATH_NLA)) {
                Nla path = options.pathNla();
                hash = hash * 31 + path.hashCode() + (path.matchesAddress(buffer,
                        options.offsetOf(OptionType.OPT_PATH_NLA) + 4) ? 1 : 0) + path.toString().length();
            }
            hash = hash * 31 + (options.hasSyn() ? 1 : 0) + (options.hasFin() ? 2 : 0) + (options.hasRst() ? 4 : 0);
            if (options.hasRst()) {
                hash = hash * 31 + (options.rstNaksNotAnswered() ? 1 : 0) + options.rstErrorCode();
            }
            if (options.has(OptionType.OPT_CR)) {
                hash = hash * 31 + options.crFlags() + options.crLeadSqn() + options.crNeWorstLinkLoss()
                        + options.crNeWorstPathLoss() + options.crRxWorstLoss();
                hash = hash * 31 + nla(options.crWorstReceiver(), buffer, options.offsetOf(OptionType.OPT_CR) + 16);
            }
            if (options.has(OptionType.OPT_CRQST)) {
                hash = hash * 31 + options.crqstFlags();
            }
            if (options.has(OptionType.OPT_PGMCC_DATA)) {
                hash = hash * 31 + options.pgmccDataTimestamp() + nla(options.pgmccDataAcker(), buffer,
                        options.offsetOf(OptionType.OPT_PGMCC_DATA) + 8);
            }
            if (options.has(OptionType.OPT_PGMCC_FEEDBACK)) {
                hash = hash * 31 + options.pgmccFeedbackTimestamp() + options.pgmccFeedbackLossRate()
                        + options.pgmccFeedbackReceiver().toString().length();
            }
            return hash;
        }

        /** Exercises an NLA read from the packet; the encoded NLA at {@code offset} must match it. */
        private static long nla(Nla nla, ByteBuffer buffer, int offset) {
            if (!nla.matches(buffer, offset)) {
                throw new AssertionError("the NLA read at " + offset + " does not match the bytes there: " + nla);
            }
            return nla.hashCode() + nla.afi() + nla.addressLength() + nla.encodedLength() + nla.toString().length()
                    + nla.toInetAddress().getAddress().length + (nla.isIpv4() ? 1 : 0);
        }

        private void failure(int iteration, String what, ByteBuffer buffer, int offset, int length) {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = buffer.get(offset + i);
            }
            failure(iteration, what, bytes, length);
        }

        private void failure(int iteration, String what, byte[] bytes, int length) {
            failureCount++;
            if (failures.size() < MAX_REPORTED_FAILURES) {
                failures.add(String.format("seed=%d iteration=%d %s: %s%n    datagram (%d bytes) = %s", FUZZ_SEED,
                        iteration, source(), what, length, hex(bytes, length)));
            }
        }

        void print(long elapsedNanos) {
            System.out.printf("seed=%d datagrams=%d (truncation sweep %d, unmodified %d, mutated %d of which %d with"
                            + " recomputed checksum, random %d), decoded OK packets=%d, sink=%d%n", FUZZ_SEED,
                    datagrams, sweepDatagrams, unmodifiedDatagrams, mutatedDatagrams, recomputed, randomDatagrams,
                    decoded, sink);
            System.out.printf("seed=%d results:%n", FUZZ_SEED);
            for (Map.Entry<ValidationResult, Long> entry : counts.entrySet()) {
                System.out.printf("  %-24s %9d%n", entry.getKey(), entry.getValue());
            }
            System.out.printf("seed=%d mutations applied:%n", FUZZ_SEED);
            for (int i = 0; i < MUTATIONS.length; i++) {
                System.out.printf("  %-32s %9d%n", MUTATIONS[i], mutationCounts[i]);
            }
            System.out.printf("seed=%d placements: %s%n", FUZZ_SEED, Arrays.toString(placements));
            System.out.printf("seed=%d wall time %.2f s, %.0f ns/datagram (3 validations per datagram plus decoding"
                            + " of OK ones; informative, not a benchmark)%n", FUZZ_SEED, elapsedNanos / 1e9,
                    (double) elapsedNanos / datagrams);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Mutations
    // ---------------------------------------------------------------------------------------------------------------

    /** Applies one to three mutations to a copy of a base packet in a scratch array. */
    private static final class Mutator {

        private final SplittableRandom random;
        private final int[] applied = new int[3];
        private int appliedCount;

        Mutator(SplittableRandom random) {
            this.random = random;
        }

        String describe() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < appliedCount; i++) {
                text.append(i == 0 ? "" : " + ").append(MUTATIONS[applied[i]]);
            }
            return text.toString();
        }

        /** Copies {@code base} into {@code bytes}, mutates it and returns the new length. */
        int mutate(Base base, byte[] bytes, long[] counts) {
            System.arraycopy(base.bytes, 0, bytes, 0, base.bytes.length);
            int length = base.bytes.length;
            appliedCount = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
            for (int i = 0; i < appliedCount; i++) {
                applied[i] = random.nextInt(MUTATIONS.length);
            }
            // Structure first (a rebuild moves everything), then fields, then the length changes.
            Arrays.sort(applied, 0, appliedCount);
            if (contains(REBUILD_OPTIONS)) {
                length = rebuildOptions(base, bytes, length);
            }
            for (int i = 0; i < appliedCount; i++) {
                int mutation = applied[i];
                counts[mutation]++;
                length = switch (mutation) {
                    case BIT_FLIPS -> flipBits(base, bytes, length);
                    case LYING_TSDU -> lieAboutTsdu(bytes, length);
                    case LYING_TOTAL -> lieAboutTotal(base, bytes, length);
                    case OPTION_LENGTH -> breakOptionLength(base, bytes, length);
                    case END_BIT -> moveEndBit(base, bytes, length);
                    case BAD_AFI -> breakAfi(base, bytes, length);
                    case TYPE_BYTE -> changeType(bytes, length);
                    case RETYPE_OPTION -> retypeOption(base, bytes, length);
                    case HEADER_FLAGS -> toggleFlags(bytes, length);
                    case FRAGMENT_FIELDS -> breakFragment(base, bytes, length);
                    case BYTE_RUN -> overwriteRun(bytes, length);
                    default -> length;
                };
            }
            if (contains(TRUNCATE) && length > 0) {
                length = random.nextInt(length);
            }
            if (contains(EXTEND)) {
                int extra = 1 + random.nextInt(64);
                fillRandom(random, bytes, length, extra);
                length += extra;
            }
            if (contains(CONSISTENT_EXTENSION) && length >= PgmPacket.HEADER_LENGTH) {
                int extra = 1 + random.nextInt(64);
                fillRandom(random, bytes, length, extra);
                length += extra;
                putShort(bytes, PgmPacket.TSDU_LENGTH_OFFSET, getShort(bytes, PgmPacket.TSDU_LENGTH_OFFSET) + extra);
            }
            return length;
        }

        private boolean contains(int mutation) {
            for (int i = 0; i < appliedCount; i++) {
                if (applied[i] == mutation) {
                    return true;
                }
            }
            return false;
        }

        private int flipBits(Base base, byte[] bytes, int length) {
            if (length == 0) {
                return length;
            }
            int flips = 1 + random.nextInt(8);
            // Half of the flips land in the header and options, where the checks are.
            int region = random.nextBoolean() ? Math.min(length, base.tsduOffset) : length;
            if (region == 0) {
                region = length;
            }
            for (int i = 0; i < flips; i++) {
                bytes[random.nextInt(region)] ^= (byte) (1 << random.nextInt(8));
            }
            return length;
        }

        private int lieAboutTsdu(byte[] bytes, int length) {
            if (length < PgmPacket.HEADER_LENGTH) {
                return length;
            }
            int tsdu = getShort(bytes, PgmPacket.TSDU_LENGTH_OFFSET);
            int lie = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x10000);
                case 1 -> tsdu + 1 + random.nextInt(4);
                case 2 -> tsdu - 1 - random.nextInt(4);
                default -> 0xFFFF - random.nextInt(4);
            };
            putShort(bytes, PgmPacket.TSDU_LENGTH_OFFSET, lie);
            return length;
        }

        private int lieAboutTotal(Base base, byte[] bytes, int length) {
            int at = base.options.length > 0 ? base.options[0] : base.headerLength;
            if (at < 0 || at + 4 > length) {
                return length;
            }
            if (base.options.length == 0) {
                bytes[PgmPacket.OPTIONS_OFFSET] |= PgmPacket.OPT_PRESENT;
                bytes[at] = (byte) OptionType.OPT_LENGTH;
                bytes[at + 1] = (byte) OptionType.HEADER_LENGTH;
            }
            int total = getShort(bytes, at + 2);
            int lie = switch (random.nextInt(6)) {
                case 0 -> random.nextInt(0x10000);
                case 1 -> total + 1 + random.nextInt(8);
                case 2 -> total - 1 - random.nextInt(8);
                case 3 -> random.nextInt(OptionType.HEADER_LENGTH);
                case 4 -> length - at;
                default -> length - at + 1 + random.nextInt(4);
            };
            putShort(bytes, at + 2, lie);
            return length;
        }

        private int breakOptionLength(Base base, byte[] bytes, int length) {
            if (base.options.length == 0) {
                return length;
            }
            int at = base.options[random.nextInt(10) == 0 ? 0 : random.nextInt(base.options.length)];
            if (at + 2 > length) {
                return length;
            }
            int[] choices = {0, 1, 2, 3, 255, 254, random.nextInt(256), (bytes[at + 1] & 0xFF) + 4};
            bytes[at + 1] = (byte) choices[random.nextInt(choices.length)];
            return length;
        }

        private int moveEndBit(Base base, byte[] bytes, int length) {
            if (base.options.length == 0) {
                return length;
            }
            int last = base.options[base.options.length - 1];
            if (last < length) {
                bytes[last] &= (byte) ~OptionType.OPT_END;
            }
            if (random.nextBoolean()) {
                int earlier = base.options[random.nextInt(base.options.length)];
                if (earlier < length) {
                    bytes[earlier] |= (byte) OptionType.OPT_END;
                }
            }
            return length;
        }

        private int breakAfi(Base base, byte[] bytes, int length) {
            if (base.afis.length == 0) {
                return length;
            }
            int at = base.afis[random.nextInt(base.afis.length)];
            if (at + 2 > length) {
                return length;
            }
            int afi = getShort(bytes, at);
            int[] choices = {0, 3, 4, 0x100, 0xFFFF, random.nextInt(0x10000), afi == 1 ? 2 : 1};
            putShort(bytes, at, choices[random.nextInt(choices.length)]);
            return length;
        }

        private int changeType(byte[] bytes, int length) {
            if (length <= PgmPacket.TYPE_OFFSET) {
                return length;
            }
            bytes[PgmPacket.TYPE_OFFSET] = random.nextInt(4) == 0
                    ? (byte) random.nextInt(256)
                    : (byte) ((bytes[PgmPacket.TYPE_OFFSET] & ~PgmPacket.TYPE_MASK) | random.nextInt(16));
            return length;
        }

        private int retypeOption(Base base, byte[] bytes, int length) {
            if (base.options.length == 0) {
                return length;
            }
            int at = base.options[random.nextInt(10) == 0 ? 0 : random.nextInt(base.options.length)];
            if (at >= length) {
                return length;
            }
            int type = random.nextBoolean() ? random.nextInt(OptionType.OPT_PGMCC_FEEDBACK + 1) : random.nextInt(128);
            bytes[at] = (byte) ((bytes[at] & OptionType.OPT_END) | type);
            return length;
        }

        private int toggleFlags(byte[] bytes, int length) {
            if (length <= PgmPacket.OPTIONS_OFFSET) {
                return length;
            }
            int[] flags = {PgmPacket.OPT_PRESENT, PgmPacket.OPT_NETWORK, PgmPacket.OPT_VAR_PKTLEN,
                PgmPacket.OPT_PARITY};
            bytes[PgmPacket.OPTIONS_OFFSET] ^= (byte) flags[random.nextInt(flags.length)];
            return length;
        }

        private int breakFragment(Base base, byte[] bytes, int length) {
            if (base.fragment < 0 || base.fragment + OptionType.FRAGMENT_LENGTH > length) {
                return length;
            }
            int field = base.fragment + 4 * (1 + random.nextInt(3));
            int[] choices = {0, 1, -1, random.nextInt(), random.nextInt(2048), getInt(bytes, field) + 1};
            putInt(bytes, field, choices[random.nextInt(choices.length)]);
            return length;
        }

        private int overwriteRun(byte[] bytes, int length) {
            if (length == 0) {
                return length;
            }
            int at = random.nextInt(length);
            int run = Math.min(length - at, 1 + random.nextInt(8));
            fillRandom(random, bytes, at, run);
            return length;
        }

        /**
         * Replaces the options with OPT_LENGTH and 13 to 18 well-formed options (14 to 19 in all, so both sides of the
         * 16-option limit), keeping header and TSDU.
         */
        private int rebuildOptions(Base base, byte[] bytes, int length) {
            if (base.headerLength < 0) {
                return length;
            }
            int tsduLength = base.bytes.length - base.tsduOffset;
            int at = base.headerLength;
            int start = at;
            at += OptionType.HEADER_LENGTH;
            int options = 13 + random.nextInt(6);
            int last = at;
            for (int i = 0; i < options; i++) {
                last = at;
                at += writeOption(bytes, at);
            }
            bytes[last] |= (byte) OptionType.OPT_END;
            bytes[start] = (byte) OptionType.OPT_LENGTH;
            bytes[start + 1] = (byte) OptionType.HEADER_LENGTH;
            bytes[start + 2] = 0;
            bytes[start + 3] = 0;
            putShort(bytes, start + 2, at - start);
            System.arraycopy(base.bytes, base.tsduOffset, bytes, at, tsduLength);
            bytes[PgmPacket.OPTIONS_OFFSET] |= PgmPacket.OPT_PRESENT;
            return at + tsduLength;
        }

        /** A well-formed option of a type whose shape does not depend on the packet; returns its length. */
        private int writeOption(byte[] bytes, int at) {
            int[] fourByte = {OptionType.OPT_SYN, OptionType.OPT_FIN, OptionType.OPT_NBR_UNREACH, OptionType.OPT_CRQST,
                OptionType.OPT_RST, 0x06, 0x14, 0x3F, OptionType.OPT_INVALID};
            int[] eightByte = {OptionType.OPT_JOIN, OptionType.OPT_PARITY_PRM, OptionType.OPT_PARITY_GRP,
                OptionType.OPT_CURR_TGSIZE, OptionType.OPT_NAK_BO_IVL, OptionType.OPT_NAK_BO_RNG};
            int type;
            int length;
            if (random.nextBoolean()) {
                type = fourByte[random.nextInt(fourByte.length)];
                length = OptionType.HEADER_LENGTH;
            } else {
                type = eightByte[random.nextInt(eightByte.length)];
                length = type == OptionType.OPT_NAK_BO_IVL || type == OptionType.OPT_NAK_BO_RNG
                        ? OptionType.EIGHT_BYTE_VALUE_LENGTH : OptionType.FOUR_BYTE_VALUE_LENGTH;
            }
            fillRandom(random, bytes, at, length);
            bytes[at] = (byte) type;
            bytes[at + 1] = (byte) length;
            return length;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Base packets: built with the codec's writers, and read from the capture
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A datagram to mutate, with where its parts are (relative offsets; -1 or empty when it did not validate).
     *
     * @param options  offset of every option, OPT_LENGTH first
     * @param afis     offsets of every AFI field, in the header and in options
     * @param fragment offset of OPT_FRAGMENT
     */
    private record Base(String name, byte[] bytes, boolean wellFormed, int headerLength, int tsduOffset, int[] options,
                        int[] afis, int fragment) {

        static Base of(String name, byte[] bytes) {
            PacketValidator validator = new PacketValidator();
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            if (validator.validate(buffer, 0, bytes.length) != ValidationResult.OK) {
                return new Base(name, bytes, false, -1, bytes.length, new int[0], new int[0], -1);
            }
            PgmPacket packet = validator.packet();
            List<Integer> afis = new ArrayList<>();
            switch (packet.type()) {
                case PacketType.SPM -> afis.add(SpmPacket.PATH_NLA_OFFSET);
                case PacketType.POLL -> afis.add(PollPacket.PATH_NLA_OFFSET);
                case PacketType.NAK, PacketType.NNAK, PacketType.NCF -> {
                    afis.add(NakPacket.SOURCE_NLA_OFFSET);
                    afis.add(validator.nak().groupNlaOffset());
                }
                default -> {
                }
            }
            List<Integer> options = new ArrayList<>();
            int fragment = -1;
            if (packet.hasOptions()) {
                int at = packet.headerLength();
                while (true) {
                    options.add(at);
                    int type = bytes[at] & OptionType.TYPE_MASK;
                    switch (type) {
                        case OptionType.OPT_FRAGMENT -> fragment = at;
                        case OptionType.OPT_REDIRECT -> afis.add(at + 4);
                        case OptionType.OPT_CR -> afis.add(at + 16);
                        case OptionType.OPT_PGMCC_DATA, OptionType.OPT_PGMCC_FEEDBACK -> afis.add(at + 8);
                        default -> {
                        }
                    }
                    boolean end = (bytes[at] & OptionType.OPT_END) != 0;
                    at += bytes[at + 1] & 0xFF;
                    if (end) {
                        break;
                    }
                }
            }
            return new Base(name, bytes, true, packet.headerLength(), packet.tsduOffset(),
                    options.stream().mapToInt(Integer::intValue).toArray(),
                    afis.stream().mapToInt(Integer::intValue).toArray(), fragment);
        }
    }

    /** Writes packets of every type with the codec's own flyweights and {@link OptionsWriter}. */
    private static final class Builder {

        private final SplittableRandom random;
        private final ByteBuffer buffer = ByteBuffer.allocate(4096);
        private final SpmPacket spm = new SpmPacket();
        private final DataPacket data = new DataPacket();
        private final NakPacket nak = new NakPacket();
        private final PollPacket poll = new PollPacket();
        private final PolrPacket polr = new PolrPacket();
        private final SpmrPacket spmr = new SpmrPacket();
        private final AckPacket ack = new AckPacket();
        private final OptionsWriter writer = new OptionsWriter();

        Builder(SplittableRandom random) {
            this.random = random;
        }

        private void clear() {
            Arrays.fill(buffer.array(), (byte) 0);
        }

        private <P extends PgmPacket> P header(P packet, int type) {
            clear();
            packet.wrap(buffer, 0, buffer.capacity());
            packet.writeHeader(1 + random.nextInt(0xFFFF), 1 + random.nextInt(0xFFFF), type,
                    random.nextLong() & 0xFFFF_FFFF_FFFFL);
            return packet;
        }

        Nla nla(boolean ipv6) {
            byte[] address = new byte[ipv6 ? 16 : 4];
            fillRandom(random, address, 0, address.length);
            return Nla.of(address);
        }

        Nla nla() {
            return nla(random.nextBoolean());
        }

        /** Fills the payload, computes the checksum and returns the packet's bytes. */
        private byte[] finish(PgmPacket packet, int tsduLength) {
            packet.tsduLength(tsduLength);
            fillRandom(random, buffer.array(), packet.tsduOffset(), tsduLength);
            packet.writeChecksum();
            return Arrays.copyOf(buffer.array(), packet.tpduLength());
        }

        byte[] spm(boolean ipv6, int optionSet) {
            SpmPacket packet = header(spm, PacketType.SPM);
            packet.spmSqn(random.nextInt()).trail(random.nextInt()).lead(random.nextInt()).path(nla(ipv6));
            if (optionSet >= 0) {
                writer.begin(buffer, packet.optionsOffset(), PacketType.SPM);
                boolean all = optionSet == 7;
                if (all || optionSet == 0) {
                    writer.parityParameters(OptionType.PARITY_PRM_PROACTIVE | OptionType.PARITY_PRM_ON_DEMAND,
                            1 << random.nextInt(8));
                }
                if (all || optionSet == 1) {
                    writer.nakBackoffInterval(random.nextInt(), random.nextInt());
                }
                if (all || optionSet == 2) {
                    writer.nakBackoffRange(random.nextInt(), random.nextInt());
                }
                if (all || optionSet == 3) {
                    writer.congestionReportRequest(random.nextInt(8));
                }
                if (all || optionSet == 4) {
                    writer.join(random.nextInt());
                }
                if (all || optionSet == 5) {
                    writer.fin();
                }
                if (all || optionSet == 6) {
                    writer.rst(random.nextBoolean(), random.nextInt(64));
                }
                writer.finish(packet);
            }
            return finish(packet, 0);
        }

        byte[] data(int type, int tsduLength, boolean fragment, boolean syn, boolean pgmcc) {
            DataPacket packet = header(data, type);
            packet.sqn(random.nextInt()).trail(random.nextInt());
            if (fragment || syn || pgmcc) {
                writer.begin(buffer, packet.optionsOffset(), type);
                if (fragment) {
                    int fragmentOffset = random.nextInt(100_000);
                    int apduLength = fragmentOffset + tsduLength + random.nextInt(100_000);
                    writer.fragment(random.nextInt(), fragmentOffset, Math.max(1, apduLength));
                }
                if (syn) {
                    writer.syn();
                }
                if (pgmcc) {
                    writer.pgmccData(random.nextInt(), nla());
                }
                writer.finish(packet);
            }
            return finish(packet, tsduLength);
        }

        byte[] parity(int type, int tsduLength, boolean currentSize, boolean fragment) {
            DataPacket packet = header(data, type);
            packet.sqn(random.nextInt()).trail(random.nextInt());
            packet.options(PgmPacket.OPT_PARITY | (random.nextBoolean() ? PgmPacket.OPT_VAR_PKTLEN : 0));
            writer.begin(buffer, packet.optionsOffset(), type).parityGroup(random.nextInt());
            if (currentSize) {
                writer.currentGroupSize(1 + random.nextInt(255));
            }
            if (fragment) {
                // Parity fragment fields are the XOR of the group's and need not describe this packet.
                writer.fragment(random.nextInt(), random.nextInt(), random.nextInt());
            }
            writer.finish(packet);
            return finish(packet, tsduLength);
        }

        byte[] rdataByConversion(int tsduLength) {
            byte[] odata = data(PacketType.ODATA, tsduLength, random.nextBoolean(), false, false);
            ByteBuffer copy = ByteBuffer.wrap(odata);
            new DataPacket().wrap(copy, 0, odata.length).convertToRdata(random.nextInt());
            return odata;
        }

        byte[] nak(int type, boolean sourceV6, boolean groupV6, int nakListLength, boolean cr, boolean pathNla,
                boolean unreachable) {
            NakPacket packet = header(nak, type);
            packet.sqn(random.nextInt()).nlas(nla(sourceV6), nla(groupV6));
            if (nakListLength > 0 || cr || pathNla || unreachable) {
                writer.begin(buffer, packet.optionsOffset(), type);
                if (nakListLength > 0) {
                    int[] sqns = new int[nakListLength + 2];
                    for (int i = 0; i < sqns.length; i++) {
                        sqns[i] = random.nextInt();
                    }
                    writer.nakList(sqns, 1, nakListLength);
                }
                if (cr) {
                    writer.congestionReport(random.nextInt(8), random.nextInt(), random.nextInt(0x10000),
                            random.nextInt(0x10000), random.nextInt(0x10000), nla());
                }
                if (pathNla) {
                    writer.pathNla(nla());
                }
                if (unreachable) {
                    writer.neighbourUnreachable();
                }
                writer.finish(packet);
            }
            return finish(packet, 0);
        }

        byte[] spmr() {
            return finish(header(spmr, PacketType.SPMR), 0);
        }

        byte[] poll(boolean ipv6) {
            PollPacket packet = header(poll, PacketType.POLL);
            packet.pollSqn(random.nextInt()).round(random.nextInt(0x10000)).subtype(random.nextInt(2))
                    .path(nla(ipv6));
            packet.backoffIntervalUs(random.nextInt()).randomString(random.nextInt()).matchingMask(random.nextInt());
            return finish(packet, 0);
        }

        byte[] polr(boolean redirect) {
            PolrPacket packet = header(polr, PacketType.POLR);
            packet.polrSqn(random.nextInt()).round(random.nextInt(0x10000));
            if (redirect) {
                writer.begin(buffer, packet.optionsOffset(), PacketType.POLR).redirect(nla()).finish(packet);
            }
            return finish(packet, 0);
        }

        byte[] ack(boolean ipv6) {
            AckPacket packet = header(ack, PacketType.ACK);
            packet.rxMax(random.nextInt()).bitmap(random.nextInt());
            writer.begin(buffer, packet.optionsOffset(), PacketType.ACK)
                    .pgmccFeedback(random.nextInt(), random.nextInt(0x10000), nla(ipv6)).finish(packet);
            return finish(packet, 0);
        }
    }

    /** Every packet type, every option the brief lists, both address families; all must validate. */
    private static List<Base> buildCorpus(SplittableRandom random) {
        Builder builder = new Builder(random);
        List<Base> corpus = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean v6 = (i & 1) != 0;
            add(corpus, "SPM " + (v6 ? "v6" : "v4"), builder.spm(v6, -1));
            for (int set = 0; set <= 7; set++) {
                add(corpus, "SPM with option set " + set, builder.spm(v6, set));
            }
            add(corpus, "POLL " + (v6 ? "v6" : "v4"), builder.poll(v6));
            add(corpus, "POLR", builder.polr(false));
            add(corpus, "POLR with OPT_REDIRECT", builder.polr(true));
            add(corpus, "ACK with OPT_PGMCC_FEEDBACK", builder.ack(v6));
            add(corpus, "SPMR", builder.spmr());
        }
        int[] sizes = {0, 1, 2, 3, 7, 8, 63, 64, 511, 1400};
        for (int size : sizes) {
            add(corpus, "ODATA " + size + " B", builder.data(PacketType.ODATA, size, false, false, false));
            add(corpus, "RDATA " + size + " B", builder.data(PacketType.RDATA, size, false, false, false));
        }
        for (int i = 0; i < 20; i++) {
            int size = 1 + random.nextInt(1400);
            add(corpus, "ODATA with OPT_FRAGMENT", builder.data(PacketType.ODATA, size, true, false, false));
            add(corpus, "RDATA with OPT_FRAGMENT", builder.data(PacketType.RDATA, size, true, false, false));
        }
        for (int i = 0; i < 10; i++) {
            int size = random.nextInt(600);
            add(corpus, "ODATA with OPT_SYN", builder.data(PacketType.ODATA, size, false, true, false));
            add(corpus, "ODATA with OPT_PGMCC_DATA", builder.data(PacketType.ODATA, size, false, false, true));
            add(corpus, "ODATA with OPT_FRAGMENT, OPT_SYN, OPT_PGMCC_DATA",
                    builder.data(PacketType.ODATA, size, true, true, true));
            add(corpus, "parity ODATA with OPT_PARITY_GRP, OPT_CURR_TGSIZE",
                    builder.parity(PacketType.ODATA, size, true, false));
            add(corpus, "parity RDATA with OPT_PARITY_GRP", builder.parity(PacketType.RDATA, size, false, false));
            add(corpus, "parity ODATA with OPT_FRAGMENT", builder.parity(PacketType.ODATA, size, true, true));
            add(corpus, "RDATA by convertToRdata", builder.rdataByConversion(size));
        }
        int[] nakTypes = {PacketType.NAK, PacketType.NCF, PacketType.NNAK};
        for (int i = 0; i < 40; i++) {
            int type = nakTypes[i % 3];
            boolean sourceV6 = (i & 1) != 0;
            boolean groupV6 = (i & 2) != 0;
            String name = PacketType.name(type) + (sourceV6 ? " v6" : " v4") + (groupV6 ? "/v6" : "/v4");
            add(corpus, name, builder.nak(type, sourceV6, groupV6, 0, false, false, false));
            add(corpus, name + " with OPT_NAK_LIST",
                    builder.nak(type, sourceV6, groupV6, 1 + random.nextInt(62), false, false, false));
        }
        for (int i = 0; i < 10; i++) {
            boolean v6 = random.nextBoolean();
            add(corpus, "NCF with OPT_PATH_NLA", builder.nak(PacketType.NCF, v6, !v6, 0, false, true, false));
            add(corpus, "NCF with OPT_NBR_UNREACH", builder.nak(PacketType.NCF, v6, v6, 0, false, false, true));
            add(corpus, "NCF with OPT_NAK_LIST, OPT_PATH_NLA, OPT_NBR_UNREACH",
                    builder.nak(PacketType.NCF, v6, !v6, 1 + random.nextInt(62), false, true, true));
            add(corpus, "NAK with OPT_CR", builder.nak(PacketType.NAK, v6, v6, 0, true, false, false));
            add(corpus, "NAK with OPT_NAK_LIST, OPT_CR",
                    builder.nak(PacketType.NAK, !v6, v6, 1 + random.nextInt(62), true, false, false));
        }
        return corpus;
    }

    private static void add(List<Base> corpus, String name, byte[] bytes) {
        Base base = Base.of(name, bytes);
        assertTrue(base.wellFormed(), () -> "seed=" + FUZZ_SEED + " corpusSeed=" + CORPUS_SEED + ": the codec's writers"
                + " built a " + name + " that does not validate: " + new PacketValidator().validate(
                        ByteBuffer.wrap(bytes), 0, bytes.length) + " " + hex(bytes, bytes.length));
        corpus.add(base);
    }

    /** The UDP payloads of a classic pcap with Ethernet framing (IPv4 or IPv6, optionally VLAN-tagged). */
    private static List<Base> readCapture() throws IOException {
        byte[] file;
        try (InputStream in = PacketValidatorRobustnessTest.class.getResourceAsStream(CAPTURE)) {
            assertTrue(in != null, "missing test resource " + CAPTURE);
            file = in.readAllBytes();
        }
        ByteBuffer pcap = ByteBuffer.wrap(file);
        int magic = pcap.getInt(0);
        if (magic == 0xD4C3B2A1 || magic == 0x4D3CB2A1) {
            pcap.order(ByteOrder.LITTLE_ENDIAN);
        } else {
            assertTrue(magic == 0xA1B2C3D4 || magic == 0xA1B23C4D, "not a classic pcap: " + CAPTURE);
        }
        assertEquals(1, pcap.getInt(20), "link type of " + CAPTURE + " is not Ethernet");
        List<Base> datagrams = new ArrayList<>();
        int at = 24;
        int frame = 0;
        while (at + 16 <= file.length) {
            int captured = pcap.getInt(at + 8);
            int start = at + 16;
            at = start + captured;
            frame++;
            if (captured < 0 || at > file.length) {
                break;
            }
            ByteBuffer ethernet = ByteBuffer.wrap(file, start, captured).slice();
            byte[] payload = udpPayload(ethernet);
            if (payload != null) {
                datagrams.add(Base.of("capture frame " + frame, payload));
            }
        }
        return datagrams;
    }

    private static byte[] udpPayload(ByteBuffer frame) {
        int at = 12;
        if (frame.limit() < at + 2) {
            return null;
        }
        int etherType = frame.getShort(at) & 0xFFFF;
        while ((etherType == 0x8100 || etherType == 0x88A8) && frame.limit() >= at + 6) {
            at += 4;
            etherType = frame.getShort(at) & 0xFFFF;
        }
        at += 2;
        int udp;
        if (etherType == 0x0800 && frame.limit() >= at + 20 && (frame.get(at + 9) & 0xFF) == 17) {
            udp = at + (frame.get(at) & 0x0F) * 4;
        } else if (etherType == 0x86DD && frame.limit() >= at + 40 && (frame.get(at + 6) & 0xFF) == 17) {
            udp = at + 40;
        } else {
            return null;
        }
        if (frame.limit() < udp + 8) {
            return null;
        }
        int length = Math.min((frame.getShort(udp + 4) & 0xFFFF) - 8, frame.limit() - udp - 8);
        if (length < 0) {
            return null;
        }
        byte[] payload = new byte[length];
        frame.get(udp + 8, payload);
        return payload;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Targeted tests: each breaks one thing in a packet with a valid checksum
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("an OPT_NAK_LIST of length 0 (an option loop) is OPTION_OVERRUN")
    void nakListOfLengthZeroIsOptionOverrun() {
        byte[] packet = new Builder(new SplittableRandom(1)).nak(PacketType.NAK, false, true, 5, false, false, false);
        assertValid(packet);
        int nakList = optionAt(packet, 1);
        assertEquals(OptionType.OPT_NAK_LIST | OptionType.OPT_END, packet[nakList] & 0xFF);
        packet[nakList + 1] = 0;
        assertEquals(ValidationResult.OPTION_OVERRUN, validateWithFreshChecksum(packet));
        packet[nakList + 1] = 1;
        assertEquals(ValidationResult.OPTION_OVERRUN, validateWithFreshChecksum(packet));
    }

    @Test
    @DisplayName("an OPT_LENGTH total larger than the datagram is BAD_OPTIONS_TOTAL")
    void optionsTotalPastTheDatagramIsBadOptionsTotal() {
        byte[] packet = new Builder(new SplittableRandom(2)).data(PacketType.ODATA, 100, true, false, false);
        assertValid(packet);
        int optLength = optionAt(packet, 0);
        putShort(packet, optLength + 2, packet.length - optLength + 1);
        assertEquals(ValidationResult.BAD_OPTIONS_TOTAL, validateWithFreshChecksum(packet));
        putShort(packet, optLength + 2, 0xFFFF);
        assertEquals(ValidationResult.BAD_OPTIONS_TOTAL, validateWithFreshChecksum(packet));
    }

    @Test
    @DisplayName("17 options are TOO_MANY_OPTIONS, 16 are OK")
    void seventeenOptionsAreTooMany() {
        assertEquals(ValidationResult.OK, validateWithFreshChecksum(spmWithOptions(16)));
        assertEquals(ValidationResult.TOO_MANY_OPTIONS, validateWithFreshChecksum(spmWithOptions(17)));
    }

    /** An SPM whose options are OPT_LENGTH and {@code count - 1} four-byte options, the last with END. */
    private static byte[] spmWithOptions(int count) {
        byte[] spm = new Builder(new SplittableRandom(3)).spm(false, -1);
        int headerLength = spm.length;
        byte[] packet = Arrays.copyOf(spm, headerLength + 4 * count);
        packet[PgmPacket.OPTIONS_OFFSET] |= PgmPacket.OPT_PRESENT;
        packet[headerLength] = (byte) OptionType.OPT_LENGTH;
        packet[headerLength + 1] = (byte) OptionType.HEADER_LENGTH;
        putShort(packet, headerLength + 2, 4 * count);
        for (int i = 1; i < count; i++) {
            int at = headerLength + 4 * i;
            packet[at] = (byte) (i % 2 == 0 ? OptionType.OPT_CRQST : OptionType.OPT_NBR_UNREACH);
            packet[at + 1] = (byte) OptionType.HEADER_LENGTH;
        }
        packet[packet.length - 4] |= (byte) OptionType.OPT_END;
        return packet;
    }

    @Test
    @DisplayName("options without an END bit are MISSING_OPT_END")
    void optionsWithoutEndAreMissingOptEnd() {
        byte[] packet = new Builder(new SplittableRandom(4)).spm(true, 5);
        assertValid(packet);
        int fin = optionAt(packet, 1);
        assertEquals(OptionType.OPT_FIN | OptionType.OPT_END, packet[fin] & 0xFF);
        packet[fin] = (byte) OptionType.OPT_FIN;
        assertEquals(ValidationResult.MISSING_OPT_END, validateWithFreshChecksum(packet));
    }

    @Test
    @DisplayName("checksum 0 is MISSING_CHECKSUM on ODATA and RDATA but OK on an SPM")
    void checksumZeroIsRefusedOnDataOnly() {
        Builder builder = new Builder(new SplittableRandom(5));
        for (int type : new int[] {PacketType.ODATA, PacketType.RDATA}) {
            byte[] data = builder.data(type, 64, false, false, false);
            assertValid(data);
            putShort(data, PgmPacket.CHECKSUM_OFFSET, 0);
            assertEquals(ValidationResult.MISSING_CHECKSUM, validate(data), PacketType.name(type));
        }
        byte[] spm = builder.spm(false, 7);
        assertValid(spm);
        putShort(spm, PgmPacket.CHECKSUM_OFFSET, 0);
        assertEquals(ValidationResult.OK, validate(spm));
    }

    @Test
    @DisplayName("an SPM with AFI 3 is BAD_AFI")
    void spmWithAfiThreeIsBadAfi() {
        byte[] packet = new Builder(new SplittableRandom(6)).spm(false, -1);
        assertValid(packet);
        putShort(packet, SpmPacket.PATH_NLA_OFFSET, 3);
        assertEquals(ValidationResult.BAD_AFI, validateWithFreshChecksum(packet));
    }

    @Test
    @DisplayName("offsets and lengths whose sum overflows are TRUNCATED, not an exception or a deeper result")
    void overflowingOffsetAndLengthAreTruncated() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        PacketValidator validator = new PacketValidator();
        assertEquals(ValidationResult.TRUNCATED, validator.validate(buffer, Integer.MAX_VALUE - 4, 100));
        assertEquals(ValidationResult.TRUNCATED, validator.validate(buffer, 8, Integer.MAX_VALUE));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------------

    private static void assertValid(byte[] packet) {
        assertEquals(ValidationResult.OK, validate(packet),
                () -> "the unmodified packet " + hex(packet, packet.length));
    }

    private static ValidationResult validate(byte[] packet) {
        return new PacketValidator().validate(ByteBuffer.wrap(packet), 0, packet.length);
    }

    private static ValidationResult validateWithFreshChecksum(byte[] packet) {
        recomputeChecksum(packet, packet.length);
        ByteBuffer buffer = ByteBuffer.wrap(packet);
        assertTrue(InternetChecksum.verify(buffer, 0, packet.length), "the recomputed checksum verifies");
        return new PacketValidator().validate(buffer, 0, packet.length);
    }

    /** Offset of the {@code index}-th option (0 = OPT_LENGTH) of a valid packet. */
    private static int optionAt(byte[] packet, int index) {
        PacketValidator validator = new PacketValidator();
        assertEquals(ValidationResult.OK, validator.validate(ByteBuffer.wrap(packet), 0, packet.length));
        int at = validator.packet().optionsOffset();
        for (int i = 0; i < index; i++) {
            at += packet[at + 1] & 0xFF;
        }
        return at;
    }

    /** Sets the checksum field to 0, sums the datagram and writes the checksum. */
    private static void recomputeChecksum(byte[] bytes, int length) {
        putShort(bytes, PgmPacket.CHECKSUM_OFFSET, 0);
        putShort(bytes, PgmPacket.CHECKSUM_OFFSET, InternetChecksum.compute(ByteBuffer.wrap(bytes), 0, length));
    }

    private static void fillRandom(SplittableRandom random, byte[] bytes, int from, int length) {
        int i = from;
        int end = from + length;
        while (i + 8 <= end) {
            long value = random.nextLong();
            for (int b = 0; b < 8; b++) {
                bytes[i++] = (byte) (value >>> (8 * b));
            }
        }
        if (i < end) {
            long value = random.nextLong();
            while (i < end) {
                bytes[i++] = (byte) value;
                value >>>= 8;
            }
        }
    }

    private static int getShort(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    private static void putShort(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 8);
        bytes[at + 1] = (byte) value;
    }

    private static int getInt(byte[] bytes, int at) {
        return (getShort(bytes, at) << 16) | getShort(bytes, at + 2);
    }

    private static void putInt(byte[] bytes, int at, int value) {
        putShort(bytes, at, value >>> 16);
        putShort(bytes, at + 2, value);
    }

    private static String describe(Throwable thrown) {
        StackTraceElement[] trace = thrown.getStackTrace();
        return thrown + (trace.length > 0 ? " at " + trace[0] : "");
    }

    private static String hex(byte[] bytes, int length) {
        StringBuilder text = new StringBuilder(2 * length);
        for (int i = 0; i < length; i++) {
            text.append(Character.forDigit((bytes[i] >> 4) & 0xF, 16)).append(Character.forDigit(bytes[i] & 0xF, 16));
        }
        return text.toString();
    }
}
