package org.pgm4j.bench.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.pgm4j.pgm.wire.DataPacket;
import org.pgm4j.pgm.wire.InternetChecksum;
import org.pgm4j.pgm.wire.NakPacket;
import org.pgm4j.pgm.wire.Nla;
import org.pgm4j.pgm.wire.OptionsWriter;
import org.pgm4j.pgm.wire.PacketType;
import org.pgm4j.pgm.wire.PacketValidator;
import org.pgm4j.pgm.wire.ValidationResult;

/**
 * The wire codec's per-packet costs: validating (checksum verification included) an ODATA of 64 and 1400 bytes of
 * payload and a NAK with a 10-entry OPT_NAK_LIST, encoding a 1400-byte ODATA with OPT_FRAGMENT and its checksum, the
 * bare Internet checksum over 1400 bytes, and the incremental-checksum ODATA-to-RDATA conversion a source does for
 * every repair.
 *
 * <p>Run: {@code java -jar samples/microbench/target/benchmarks.jar WireCodecBenchmark}; add {@code -prof gc} to see
 * {@code gc.alloc.rate.norm}, which should be about 0 bytes/op for the validate benchmarks (decoding allocates
 * nothing). {@code bufferKind} runs everything over a heap and over a direct buffer, as a datagram channel may deliver
 * either.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WireCodecBenchmark {

    private static final int SMALL_PAYLOAD = 64;
    private static final int LARGE_PAYLOAD = 1400;
    private static final int NAK_LIST_LENGTH = 10;
    private static final int BUFFER_LENGTH = 2048;

    @Param({"heap", "direct"})
    public String bufferKind;

    private final PacketValidator validator = new PacketValidator();
    private final OptionsWriter optionsWriter = new OptionsWriter();
    private final DataPacket encoder = new DataPacket();
    private final DataPacket repair = new DataPacket();
    private final int[] nakList = new int[NAK_LIST_LENGTH];
    private final byte[] payload = new byte[LARGE_PAYLOAD];

    private ByteBuffer odataSmall;
    private int odataSmallLength;
    private ByteBuffer odataLarge;
    private int odataLargeLength;
    private ByteBuffer nak;
    private int nakLength;
    private ByteBuffer encodeTarget;
    private ByteBuffer checksummed;
    private ByteBuffer stored;
    private int sqn;
    private int trail;

    @Setup(Level.Trial)
    public void setUp() throws UnknownHostException {
        SplittableRandom random = new SplittableRandom(3208);
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) random.nextInt(256);
        }
        for (int i = 0; i < nakList.length; i++) {
            nakList[i] = 1000 + 3 * i;
        }
        odataSmall = allocate();
        odataSmallLength = writeOdata(odataSmall, SMALL_PAYLOAD, false);
        odataLarge = allocate();
        odataLargeLength = writeOdata(odataLarge, LARGE_PAYLOAD, false);
        nak = allocate();
        nakLength = writeNak(nak);
        encodeTarget = allocate();
        checksummed = allocate();
        checksummed.put(0, payload);
        stored = allocate();
        writeOdata(stored, LARGE_PAYLOAD, true);
        repair.wrap(stored, 0, BUFFER_LENGTH);
        check(odataSmall, odataSmallLength);
        check(odataLarge, odataLargeLength);
        check(nak, nakLength);
        if (validator.options().nakListCount() != NAK_LIST_LENGTH) {
            throw new IllegalStateException("the NAK's list has " + validator.options().nakListCount() + " entries");
        }
    }

    private ByteBuffer allocate() {
        return "direct".equals(bufferKind)
                ? ByteBuffer.allocateDirect(BUFFER_LENGTH) : ByteBuffer.allocate(BUFFER_LENGTH);
    }

    private int writeOdata(ByteBuffer buffer, int payloadLength, boolean fragment) {
        DataPacket packet = new DataPacket();
        packet.wrap(buffer, 0, buffer.capacity());
        packet.writeHeader(40000, 7500, PacketType.ODATA, 0x0102_0304_0506L);
        packet.sqn(12345).trail(12000);
        if (fragment) {
            optionsWriter.begin(buffer, packet.optionsOffset(), PacketType.ODATA)
                    .fragment(12345, 0, 4 * payloadLength).finish(packet);
        }
        packet.tsduLength(payloadLength);
        buffer.put(packet.tsduOffset(), payload, 0, payloadLength);
        packet.writeChecksum();
        return packet.tpduLength();
    }

    private int writeNak(ByteBuffer buffer) throws UnknownHostException {
        NakPacket packet = new NakPacket();
        packet.wrap(buffer, 0, buffer.capacity());
        packet.writeHeader(7500, 40000, PacketType.NAK, 0x0102_0304_0506L);
        packet.sqn(999);
        packet.nlas(Nla.of(InetAddress.getByName("192.0.2.1")), Nla.of(InetAddress.getByName("239.192.0.1")));
        optionsWriter.begin(buffer, packet.optionsOffset(), PacketType.NAK).nakList(nakList, 0, NAK_LIST_LENGTH)
                .finish(packet);
        packet.writeChecksum();
        return packet.tpduLength();
    }

    private void check(ByteBuffer buffer, int length) {
        ValidationResult result = validator.validate(buffer, 0, length);
        if (result != ValidationResult.OK) {
            throw new IllegalStateException("benchmark packet does not validate: " + result);
        }
    }

    /** The stored packet, converted millions of times in place, must still carry a correct checksum. */
    @TearDown(Level.Trial)
    public void checkConvertedChecksum() {
        if (trail != 0 && !InternetChecksum.verify(stored, 0, repair.tpduLength())) {
            throw new IllegalStateException("convertToRdata left a wrong checksum after " + trail + " conversions");
        }
    }

    /** Validates an ODATA with 64 bytes of payload, checksum verified. */
    @Benchmark
    public void validateOdata64(Blackhole blackhole) {
        blackhole.consume(validator.validate(odataSmall, 0, odataSmallLength));
        blackhole.consume(validator.data().sqn());
    }

    /** Validates an ODATA with 1400 bytes of payload, checksum verified. */
    @Benchmark
    public void validateOdata1400(Blackhole blackhole) {
        blackhole.consume(validator.validate(odataLarge, 0, odataLargeLength));
        blackhole.consume(validator.data().sqn());
    }

    /** Validates a NAK with a 10-entry OPT_NAK_LIST and reads the list's last entry. */
    @Benchmark
    public void validateNakWithList10(Blackhole blackhole) {
        blackhole.consume(validator.validate(nak, 0, nakLength));
        blackhole.consume(validator.options().nakListSqn(NAK_LIST_LENGTH - 1));
    }

    /**
     * Encodes a 1400-byte ODATA fragment: common and ODATA header, OPT_FRAGMENT, the payload copied in and the
     * checksum over the whole packet.
     */
    @Benchmark
    public void encodeOdata1400WithFragment(Blackhole blackhole) {
        DataPacket packet = encoder;
        packet.wrap(encodeTarget, 0, BUFFER_LENGTH);
        packet.writeHeader(40000, 7500, PacketType.ODATA, 0x0102_0304_0506L);
        int sequence = ++sqn;
        packet.sqn(sequence).trail(sequence - 100);
        optionsWriter.begin(encodeTarget, packet.optionsOffset(), PacketType.ODATA)
                .fragment(sequence - 2, 2 * LARGE_PAYLOAD, 4 * LARGE_PAYLOAD).finish(packet);
        packet.tsduLength(LARGE_PAYLOAD);
        encodeTarget.put(packet.tsduOffset(), payload, 0, LARGE_PAYLOAD);
        blackhole.consume(packet.writeChecksum());
    }

    /** The Internet checksum over 1400 bytes. */
    @Benchmark
    public int checksum1400() {
        return InternetChecksum.compute(checksummed, 0, LARGE_PAYLOAD);
    }

    /** Turns a stored, checksummed 1400-byte ODATA into an RDATA in place (incremental checksum update). */
    @Benchmark
    public void convertToRdata(Blackhole blackhole) {
        repair.convertToRdata(++trail);
        blackhole.consume(repair.checksum());
    }
}
