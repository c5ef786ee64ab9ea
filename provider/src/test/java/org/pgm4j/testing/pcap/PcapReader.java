package org.pgm4j.testing.pcap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads classic libpcap capture files, record by record.
 *
 * <p>Both byte orders and both timestamp resolutions are accepted: magic {@code a1b2c3d4} (microseconds) and
 * {@code a1b23c4d} (nanoseconds), written big- or little-endian. pcapng files are refused with a clear message
 * (convert them with {@code editcap -F pcap}). Any link type can be read as raw {@link Frame}s; {@link Frame#udp()}
 * and {@link #readUdp(Path)} decode Ethernet (with 802.1Q/802.1ad tags), raw IP, Linux cooked (SLL and SLL2) and BSD
 * null/loopback frames carrying UDP over IPv4 or IPv6.
 *
 * <p>Typical use: {@code List<UdpDatagram> datagrams = PcapReader.readUdp(path);}. Frame numbers are 1-based and
 * count every record, so they match the numbers Wireshark shows even when non-UDP frames are skipped.
 *
 * <p>Every problem with the file itself (wrong magic, truncated header or record, absurd record length) is an
 * {@link IOException} naming the frame and byte offset. Instances are not thread-safe.
 */
public final class PcapReader implements Closeable {

    /** Magic number of a microsecond-resolution classic pcap file. */
    public static final int MAGIC_MICROSECONDS = 0xA1B2C3D4;
    /** Magic number of a nanosecond-resolution classic pcap file. */
    public static final int MAGIC_NANOSECONDS = 0xA1B23C4D;

    private static final int PCAPNG_SECTION_HEADER = 0x0A0D0D0A;
    private static final int GLOBAL_HEADER_LENGTH = 24;
    private static final int RECORD_HEADER_LENGTH = 16;
    /** Larger than any real snapshot length (libpcap's maximum is 256 KiB); guards against garbage lengths. */
    private static final int MAX_RECORD_LENGTH = 16 * 1024 * 1024;

    private final InputStream in;
    private final ByteOrder byteOrder;
    private final boolean nanosecondResolution;
    private final int versionMajor;
    private final int versionMinor;
    private final int snapLength;
    private final int linkType;
    private final byte[] recordHeader = new byte[RECORD_HEADER_LENGTH];
    private long offset;
    private int frameCount;

    /**
     * Opens a reader over a stream positioned at the start of a pcap file and reads its global header. The stream is
     * buffered internally and closed by {@link #close()}.
     *
     * @throws IOException if the header is truncated or is not a classic pcap header
     */
    public PcapReader(InputStream in) throws IOException {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 64 * 1024);
        byte[] header = new byte[GLOBAL_HEADER_LENGTH];
        int read = this.in.readNBytes(header, 0, header.length);
        offset = read;
        if (read < GLOBAL_HEADER_LENGTH) {
            throw new IOException("Not a pcap file: truncated global header (" + read + " of "
                    + GLOBAL_HEADER_LENGTH + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN);
        int magic = buffer.getInt(0);
        if (magic == MAGIC_MICROSECONDS || magic == MAGIC_NANOSECONDS) {
            byteOrder = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICROSECONDS
                || Integer.reverseBytes(magic) == MAGIC_NANOSECONDS) {
            byteOrder = ByteOrder.LITTLE_ENDIAN;
            magic = Integer.reverseBytes(magic);
        } else if (magic == PCAPNG_SECTION_HEADER) {
            throw new IOException("pcapng files are not supported; convert with 'editcap -F pcap in.pcapng out.pcap'"
                    + " or capture with 'tcpdump -w' / 'dumpcap -P'");
        } else {
            throw new IOException(String.format("Not a classic pcap file: magic 0x%08x is neither a1b2c3d4 nor"
                    + " a1b23c4d in either byte order", magic));
        }
        nanosecondResolution = magic == MAGIC_NANOSECONDS;
        buffer.order(byteOrder);
        versionMajor = buffer.getShort(4) & 0xFFFF;
        versionMinor = buffer.getShort(6) & 0xFFFF;
        snapLength = buffer.getInt(16);
        // The upper bits of the link type field may carry FCS information; the link type is the low 16 bits.
        linkType = buffer.getInt(20) & 0xFFFF;
        if (versionMajor != 2) {
            throw new IOException("Unsupported pcap version " + versionMajor + "." + versionMinor + " (expected 2.x)");
        }
    }

    /** Opens a reader over a file. */
    public static PcapReader open(Path file) throws IOException {
        InputStream stream = Files.newInputStream(file);
        try {
            return new PcapReader(stream);
        } catch (IOException e) {
            stream.close();
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads every UDP datagram of a file, in file order; other frames are skipped but still counted. */
    public static List<UdpDatagram> readUdp(Path file) throws IOException {
        PcapReader reader = open(file);
        try (reader) {
            return reader.readAllUdp();
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every UDP datagram of a pcap stream, in order; other frames are skipped but still counted. The stream
     * is read to its end but not closed.
     */
    public static List<UdpDatagram> readUdp(InputStream in) throws IOException {
        return new PcapReader(in).readAllUdp();
    }

    /** Reads every frame of a file with its raw captured bytes. */
    public static List<Frame> readFrames(Path file) throws IOException {
        PcapReader reader = open(file);
        try (reader) {
            return reader.readAllFrames();
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads every frame of a pcap stream with its raw captured bytes. The stream is read to its end but not closed. */
    public static List<Frame> readFrames(InputStream in) throws IOException {
        return new PcapReader(in).readAllFrames();
    }

    /**
     * Reads the next record.
     *
     * @return the frame, or {@code null} at a clean end of file
     * @throws IOException if the record header or data is truncated or the record length is invalid
     */
    public Frame next() throws IOException {
        long recordOffset = offset;
        int read = in.readNBytes(recordHeader, 0, RECORD_HEADER_LENGTH);
        offset += read;
        if (read == 0) {
            return null;
        }
        int number = frameCount + 1;
        if (read < RECORD_HEADER_LENGTH) {
            throw new IOException("Truncated pcap record header of frame " + number + " at offset " + recordOffset
                    + " (" + read + " of " + RECORD_HEADER_LENGTH + " bytes)");
        }
        ByteBuffer header = ByteBuffer.wrap(recordHeader).order(byteOrder);
        long seconds = header.getInt(0) & 0xFFFF_FFFFL;
        long fraction = header.getInt(4) & 0xFFFF_FFFFL;
        long capturedLength = header.getInt(8) & 0xFFFF_FFFFL;
        long originalLength = header.getInt(12) & 0xFFFF_FFFFL;
        long fractionLimit = nanosecondResolution ? 1_000_000_000L : 1_000_000L;
        if (fraction >= fractionLimit) {
            throw new IOException("Invalid pcap record header of frame " + number + " at offset " + recordOffset
                    + ": sub-second timestamp " + fraction + " is not below " + fractionLimit);
        }
        if (capturedLength > MAX_RECORD_LENGTH || originalLength > Integer.MAX_VALUE) {
            throw new IOException("Invalid pcap record header of frame " + number + " at offset " + recordOffset
                    + ": captured length " + capturedLength + ", original length " + originalLength);
        }
        byte[] data = in.readNBytes((int) capturedLength);
        offset += data.length;
        if (data.length < capturedLength) {
            throw new IOException("Truncated pcap record of frame " + number + " at offset " + recordOffset + ": "
                    + data.length + " of " + capturedLength + " captured bytes present");
        }
        frameCount = number;
        long nanos = seconds * 1_000_000_000L + (nanosecondResolution ? fraction : fraction * 1_000L);
        return new Frame(number, nanos, linkType, (int) Math.max(originalLength, capturedLength), data);
    }

    /** Reads the remaining records. */
    public List<Frame> readAllFrames() throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (Frame frame = next(); frame != null; frame = next()) {
            frames.add(frame);
        }
        return frames;
    }

    /** Reads the remaining records and decodes the UDP ones. */
    public List<UdpDatagram> readAllUdp() throws IOException {
        if (!PacketDecoder.supportsLinkType(linkType)) {
            throw new IOException("Unsupported pcap link type " + linkType + "; supported: "
                    + PacketDecoder.SUPPORTED_LINK_TYPES);
        }
        List<UdpDatagram> datagrams = new ArrayList<>();
        for (Frame frame = next(); frame != null; frame = next()) {
            Optional<UdpDatagram> datagram = frame.udp();
            datagram.ifPresent(datagrams::add);
        }
        return datagrams;
    }

    /** The link-layer header type of every frame in the file. */
    public int linkType() {
        return linkType;
    }

    /** Whether timestamps are stored in nanoseconds (magic {@code a1b23c4d}) rather than microseconds. */
    public boolean nanosecondResolution() {
        return nanosecondResolution;
    }

    /** Byte order the file was written in. */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** The snapshot length declared in the file header. */
    public int snapLength() {
        return snapLength;
    }

    /** Closes the underlying stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
