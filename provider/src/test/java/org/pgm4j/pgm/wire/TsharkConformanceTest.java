package org.pgm4j.pgm.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pgm4j.testing.Tshark;
import org.pgm4j.testing.pcap.PcapWriter;

/**
 * Hands every packet type and every option our encoder writes to Wireshark's PGM dissector and checks that tshark
 * reads back the same type, sequence numbers and option values, with no malformed-packet or checksum expert info.
 * SPMR, which tshark does not decode, is checked by our own decoder alone. Skipped locally without tshark; fails on CI
 * (where {@code .ci/run} installs it).
 */
@DisplayName("tshark decodes every packet type and option pgm4j encodes")
class TsharkConformanceTest {

    private static final int DATA_PORT = 7500;
    private static final int SOURCE_PORT = 0x1234;
    private static final long GSI = 0x0a0b0c0d0e0fL;
    private static final String GSI_TEXT = "0a0b0c0d0e0f";
    private static final Nla SOURCE_V4 = nla("127.0.0.1");
    private static final Nla GROUP_V4 = nla("239.192.0.1");
    private static final Nla SOURCE_V6 = nla("::1");
    private static final Nla GROUP_V6 = nla("ff02::1:7");

    /**
     * Fields compared for every frame; a field a packet does not carry must come back empty. Options that tshark shows
     * only by name and length, and the NAK list (whose field value tshark truncates), are compared in the packet
     * details ({@code -V}) instead, under {@link #OPTION_TREE} and {@link #NAK_LIST}.
     */
    private static final List<String> FIELDS = List.of(
            "pgm.hdr.sport", "pgm.hdr.dport", "pgm.hdr.type", "pgm.hdr.opts", "pgm.hdr.gsi", "pgm.hdr.tsdulen",
            "pgm.spm.sqn", "pgm.spm.trail", "pgm.spm.lead", "pgm.spm.pathafi", "pgm.spm.path.ipv4",
            "pgm.spm.path.ipv6",
            "pgm.nak.sqn", "pgm.nak.srcafi", "pgm.nak.src.ipv4", "pgm.nak.src.ipv6", "pgm.nak.grpafi",
            "pgm.nak.grp.ipv4", "pgm.nak.grp.ipv6",
            "pgm.poll.sqn", "pgm.poll.round", "pgm.poll.subtype", "pgm.poll.path.ipv4", "pgm.poll.backoff_ivl",
            "pgm.poll.rand_str", "pgm.poll.matching_bmask",
            "pgm.polr.sqn", "pgm.polr.round",
            "pgm.ack.maxsqn", "pgm.ack.bitmap",
            "pgm.opts.tlen",
            "pgm.opts.join.min_join",
            "pgm.opts.fragment.first_sqn", "pgm.opts.fragment.fragment_offset", "pgm.opts.fragment.total_length",
            "pgm.opts.parity_prm.op", "pgm.opts.parity_prm.prm_grp",
            "pgm.opts.nak_bo_ivl.bo_ivl", "pgm.opts.nak_bo_ivl.bo_ivl_sqn",
            "pgm.opts.nak_bo_rng.min_bo_ivl", "pgm.opts.nak_bo_rng.max_bo_ivl",
            "pgm.opts.redirect.afi", "pgm.opts.redirect.dlr.ipv4", "pgm.opts.redirect.dlr.ipv6",
            "pgm.opts.ccdata.tstamp", "pgm.opts.ccdata.afi", "pgm.opts.ccdata.acker.ipv4",
            "pgm.opts.ccdata.lossrate");

    /** Pseudo-field: the options in tshark's tree, as "Name/length" in packet order. */
    private static final String OPTION_TREE = "option tree";
    /** Pseudo-field: the NAK list as tshark's packet details print it. */
    private static final String NAK_LIST = "NAK list";
    private static final Pattern FRAME_LINE = Pattern.compile("^Frame (\\d+): .*");
    private static final Pattern OPTION_LINE = Pattern.compile("^\\s+Option: (.+), Length: (\\d+)$");
    private static final Pattern LIST_LINE = Pattern.compile("^\\s+List\\(\\d+\\): (.*)$");

    private static Tshark tshark;

    private final ByteBuffer buffer = ByteBuffer.allocate(4096);
    private final OptionsWriter options = new OptionsWriter();

    @BeforeAll
    static void requireTshark() {
        tshark = Tshark.require();
    }

    /** One encoded packet and the tshark field values it must come back with. */
    private record Case(String name, byte[] pgm, boolean ipv6, Map<String, String> expected) {
    }

    @Test
    @DisplayName("every type and option comes back from tshark with the same values and no expert info")
    void everyPacketTypeAndOptionRoundTrips() throws Exception {
        List<Case> cases = cases();
        // Kept under target/ so that it can be opened in Wireshark after the build.
        Path file = Files.createDirectories(Path.of("target", "tshark")).resolve("pgm4j-encoded.pcap");
        try (PcapWriter writer = new PcapWriter(file)) {
            for (Case c : cases) {
                InetAddress from = InetAddress.getByName(c.ipv6 ? "::1" : "127.0.0.1");
                InetAddress to = InetAddress.getByName(c.ipv6 ? "ff02::1:7" : "239.192.0.1");
                writer.writeUdp(new InetSocketAddress(from, DATA_PORT), new InetSocketAddress(to, DATA_PORT), 1,
                        c.pgm);
            }
        }
        List<Map<String, String>> frames = tshark.fields(file, DATA_PORT, FIELDS.toArray(String[]::new));
        assertEquals(cases.size(), frames.size(), "one tshark frame per packet written");
        String details = tshark.verbose(file, DATA_PORT);
        Map<Integer, Map<String, String>> trees = optionTrees(details);

        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Map<String, String> frame = frames.get(i);
            for (String field : FIELDS) {
                String expected = c.expected.getOrDefault(field, "");
                String actual = frame.getOrDefault(field, "");
                if (!expected.equals(actual)) {
                    mismatches.add("frame " + (i + 1) + " (" + c.name + ") " + field + ": expected '" + expected
                            + "' but tshark read '" + actual + "'");
                }
            }
            Map<String, String> tree = trees.getOrDefault(i + 1, Map.of());
            for (String field : List.of(OPTION_TREE, NAK_LIST)) {
                String expected = c.expected.getOrDefault(field, "");
                String actual = tree.getOrDefault(field, "");
                if (!expected.equals(actual)) {
                    mismatches.add("frame " + (i + 1) + " (" + c.name + ") " + field + ": expected '" + expected
                            + "' but tshark shows '" + actual + "'");
                }
            }
        }
        assertEquals(List.of(), mismatches, () -> "tshark disagrees with our encoder (details in " + file + "):\n"
                + String.join("\n", mismatches));
        System.out.printf("tshark read %d pgm4j-encoded packets (%d fields each) with identical values%n",
                cases.size(), FIELDS.size());

        List<String> problems = tshark.withPreference("udp.check_checksum", "TRUE").expertInfo(file, DATA_PORT);
        assertEquals(List.of(), problems, () -> "tshark reports problems in " + file);
        List<Map<String, String>> checksums = tshark.fields(file, DATA_PORT, "pgm.hdr.cksum.status");
        for (Map<String, String> frame : checksums) {
            String status = frame.get("pgm.hdr.cksum.status");
            assertTrue(status.endsWith("1"), () -> "frame " + frame.get("frame.number")
                    + ": PGM checksum status is '" + status + "', expected Good (1)");
        }
    }

    @Test
    @DisplayName("the cases cover every packet type but SPMR and every RFC 3208 and PGMCC option")
    void casesCoverEveryTypeAndOption() {
        Set<Integer> types = new TreeSet<>();
        Set<Integer> optionTypes = new TreeSet<>();
        PacketValidator validator = new PacketValidator();
        OptionWalker walker = new OptionWalker();
        for (Case c : cases()) {
            ByteBuffer bytes = ByteBuffer.wrap(c.pgm);
            assertEquals(ValidationResult.OK, validator.validate(bytes, 0, c.pgm.length), c.name);
            types.add(validator.type());
            PgmPacket packet = validator.packet();
            if (packet.hasOptions()) {
                // reset checks and steps over OPT_LENGTH, which always comes first
                assertEquals(ValidationResult.OK,
                        walker.reset(bytes, packet.optionsOffset(), packet.offset() + packet.length()), c.name);
                optionTypes.add(OptionType.OPT_LENGTH);
                while (walker.hasNext()) {
                    walker.next();
                    optionTypes.add(walker.type());
                }
            }
        }
        Set<Integer> allTypes = new TreeSet<>(List.of(PacketType.SPM, PacketType.POLL, PacketType.POLR,
                PacketType.ODATA, PacketType.RDATA, PacketType.NAK, PacketType.NNAK, PacketType.NCF, PacketType.ACK));
        assertEquals(allTypes, types);
        Set<Integer> allOptions = new TreeSet<>(List.of(OptionType.OPT_LENGTH, OptionType.OPT_FRAGMENT,
                OptionType.OPT_NAK_LIST, OptionType.OPT_JOIN, OptionType.OPT_NAK_BO_IVL, OptionType.OPT_NAK_BO_RNG,
                OptionType.OPT_REDIRECT, OptionType.OPT_PARITY_PRM, OptionType.OPT_PARITY_GRP,
                OptionType.OPT_CURR_TGSIZE, OptionType.OPT_NBR_UNREACH, OptionType.OPT_PATH_NLA, OptionType.OPT_SYN,
                OptionType.OPT_FIN, OptionType.OPT_RST, OptionType.OPT_CR, OptionType.OPT_CRQST,
                OptionType.OPT_PGMCC_DATA, OptionType.OPT_PGMCC_FEEDBACK));
        assertEquals(allOptions, optionTypes);
    }

    @Test
    @DisplayName("SPMR, which tshark does not decode, round-trips through our own decoder")
    void spmrRoundTripsThroughOurDecoder() {
        SpmrPacket spmr = new SpmrPacket();
        spmr.wrap(buffer, 0, buffer.capacity());
        spmr.writeHeader(DATA_PORT, SOURCE_PORT, PacketType.SPMR, GSI);
        options.begin(buffer, spmr.optionsOffset(), PacketType.SPMR).join(9).finish(spmr);
        spmr.writeChecksum();
        byte[] bytes = Arrays.copyOf(buffer.array(), spmr.tpduLength());

        PacketValidator validator = new PacketValidator();
        assertEquals(ValidationResult.OK, validator.validate(ByteBuffer.wrap(bytes), 0, bytes.length));
        assertEquals(PacketType.SPMR, validator.type());
        assertEquals(DATA_PORT, validator.spmr().sourcePort());
        assertEquals(SOURCE_PORT, validator.spmr().destinationPort());
        assertEquals(GSI, validator.spmr().gsi());
        assertEquals(PgmPacket.tsi(GSI, SOURCE_PORT), validator.spmr().upstreamTsi());
        assertEquals(9, validator.options().joinMinimumSqn());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The packets
    // ---------------------------------------------------------------------------------------------------------------

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();

        SpmPacket spm = new SpmPacket();
        spm.wrap(buffer, 0, buffer.capacity());
        spm.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.SPM, GSI);
        spm.spmSqn(1).trail(0).lead(0xFFFF_FFFF).path(SOURCE_V4);
        cases.add(packet("SPM, IPv4 path", spm, false, spmFields(1, 0, 0xFFFF_FFFF, SOURCE_V4)));

        spm.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.SPM, GSI);
        spm.spmSqn(0x8000_0001).trail(100).lead(199).path(SOURCE_V6);
        cases.add(packet("SPM, IPv6 path", spm, true, spmFields(0x8000_0001, 100, 199, SOURCE_V6)));

        spm.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.SPM, GSI);
        spm.spmSqn(2).trail(10).lead(20).path(SOURCE_V4);
        options.begin(buffer, spm.optionsOffset(), PacketType.SPM)
                .parityParameters(OptionType.PARITY_PRM_PROACTIVE | OptionType.PARITY_PRM_ON_DEMAND, 8)
                .nakBackoffRange(500_000, 2_000).neighbourUnreachable().pathNla(SOURCE_V4).finish(spm);
        Map<String, String> fields = spmFields(2, 10, 20, SOURCE_V4);
        fields.put("pgm.opts.parity_prm.op", hex8(OptionType.PARITY_PRM_PROACTIVE | OptionType.PARITY_PRM_ON_DEMAND));
        fields.put("pgm.opts.parity_prm.prm_grp", hex32(8));
        // RFC 3208 puts the maximum first; Wireshark labels the two fields the other way round.
        fields.put("pgm.opts.nak_bo_rng.min_bo_ivl", "500000");
        fields.put("pgm.opts.nak_bo_rng.max_bo_ivl", "2000");
        cases.add(packet("SPM with OPT_PARITY_PRM, OPT_NAK_BO_RNG, OPT_NBR_UNREACH, OPT_PATH_NLA", spm, false, fields));

        spm.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.SPM, GSI);
        spm.spmSqn(3).trail(11).lead(21).path(SOURCE_V4);
        options.begin(buffer, spm.optionsOffset(), PacketType.SPM).fin().finish(spm);
        cases.add(packet("SPM with OPT_FIN", spm, false, spmFields(3, 11, 21, SOURCE_V4)));

        spm.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.SPM, GSI);
        spm.spmSqn(4).trail(12).lead(22).path(SOURCE_V4);
        options.begin(buffer, spm.optionsOffset(), PacketType.SPM).rst(true, 5).finish(spm);
        cases.add(packet("SPM with OPT_RST", spm, false, spmFields(4, 12, 22, SOURCE_V4)));

        cases.add(data("ODATA with OPT_SYN", PacketType.ODATA, 0, 0, "first", w -> w.syn(), Map.of()));
        cases.add(data("ODATA with OPT_FRAGMENT", PacketType.ODATA, 0x7FFF_FFFE, 0x7FFF_FF00, "middle",
                w -> w.fragment(0x7FFF_FFFD, 2856, 5000),
                Map.of("pgm.opts.fragment.first_sqn", hex32(0x7FFF_FFFD),
                        "pgm.opts.fragment.fragment_offset", "2856",
                        "pgm.opts.fragment.total_length", "5000")));
        cases.add(data("ODATA with OPT_JOIN and OPT_CRQST", PacketType.ODATA, 50, 40, "late",
                w -> w.join(45).congestionReportRequest(OptionType.CR_NE_WORST_LINK),
                Map.of("pgm.opts.join.min_join", hex32(45))));
        // Wireshark's PGMCC time stamp field is 16 bits wide and shows the low half: time stamps here fit in it.
        cases.add(data("ODATA with OPT_PGMCC_DATA", PacketType.ODATA, 51, 40, "cc",
                w -> w.pgmccData(54_321, SOURCE_V4),
                Map.of("pgm.opts.ccdata.tstamp", hex16(54_321), "pgm.opts.ccdata.afi", "1",
                        "pgm.opts.ccdata.acker.ipv4", "127.0.0.1")));

        DataPacket parity = new DataPacket();
        parity.wrap(buffer, 0, buffer.capacity());
        parity.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.ODATA, GSI);
        parity.options(PgmPacket.OPT_PARITY | PgmPacket.OPT_VAR_PKTLEN);
        parity.sqn(0x40).trail(0);
        options.begin(buffer, parity.optionsOffset(), PacketType.ODATA).parityGroup(8).currentGroupSize(3)
                .finish(parity);
        putTsdu(parity, "parity".getBytes(StandardCharsets.US_ASCII));
        fields = dataFields(PacketType.ODATA, 0x40, 0);
        // Wireshark shows OPT_PARITY_GRP's group number in the OPT_PARITY_PRM fields.
        fields.put("pgm.opts.parity_prm.op", hex8(0));
        fields.put("pgm.opts.parity_prm.prm_grp", hex32(8));
        cases.add(packet("parity ODATA with OPT_PARITY_GRP and OPT_CURR_TGSIZE", parity, false, fields));

        // The incremental checksum update of convertToRdata is what tshark checks here: no writeChecksum after it.
        DataPacket rdata = writeData(PacketType.ODATA, 77, 60, "hello", null);
        rdata.writeChecksum();
        rdata.convertToRdata(70);
        cases.add(capture("RDATA converted from ODATA", rdata, false, dataFields(PacketType.RDATA, 77, 70)));
        cases.add(data("RDATA with OPT_FRAGMENT", PacketType.RDATA, 78, 70, "tail", w -> w.fragment(77, 1400, 1404),
                Map.of("pgm.opts.fragment.first_sqn", hex32(77), "pgm.opts.fragment.fragment_offset", "1400",
                        "pgm.opts.fragment.total_length", "1404")));

        int[] list = {6, 7, 9, 0x7FFF_FFFF};
        cases.add(nak("NAK with OPT_NAK_LIST", PacketType.NAK, 5, SOURCE_V4, GROUP_V4,
                w -> w.nakList(list, 0, list.length), Map.of()));
        cases.add(nak("NAK, IPv6 NLAs", PacketType.NAK, 0xFFFF_FFFF, SOURCE_V6, GROUP_V6, null, Map.of()));
        cases.add(nak("NAK with OPT_CR and OPT_PGMCC_FEEDBACK", PacketType.NAK, 12, SOURCE_V4, GROUP_V4,
                w -> w.congestionReport(OptionType.CR_NE_WORST_LINK, 30, 0x1000, 0x2000, 0x3000, SOURCE_V4)
                        .pgmccFeedback(99, 0x0102, SOURCE_V4),
                Map.of("pgm.opts.ccdata.tstamp", hex16(99), "pgm.opts.ccdata.afi", "1",
                        "pgm.opts.ccdata.acker.ipv4", "127.0.0.1", "pgm.opts.ccdata.lossrate", hex16(0x0102))));
        cases.add(nak("NNAK", PacketType.NNAK, 13, SOURCE_V4, GROUP_V4, null, Map.of()));
        cases.add(nak("NCF with OPT_NAK_LIST, OPT_NAK_BO_IVL, OPT_REDIRECT", PacketType.NCF, 5, SOURCE_V4, GROUP_V4,
                w -> w.nakList(list, 0, 2).nakBackoffInterval(50_000, 3).redirect(SOURCE_V4),
                Map.of("pgm.opts.nak_bo_ivl.bo_ivl", "50000",
                        "pgm.opts.nak_bo_ivl.bo_ivl_sqn", hex32(3), "pgm.opts.redirect.afi", "1",
                        "pgm.opts.redirect.dlr.ipv4", "127.0.0.1")));
        cases.add(nak("NCF with IPv6 OPT_REDIRECT", PacketType.NCF, 6, SOURCE_V6, GROUP_V6,
                w -> w.redirect(SOURCE_V6), Map.of("pgm.opts.redirect.afi", "2", "pgm.opts.redirect.dlr.ipv6", "::1")));

        PollPacket poll = new PollPacket();
        poll.wrap(buffer, 0, buffer.capacity());
        poll.writeHeader(SOURCE_PORT, DATA_PORT, PacketType.POLL, GSI);
        poll.pollSqn(21).round(2).subtype(1).path(SOURCE_V4).backoffIntervalUs(100_000).randomString(0x1234_5678)
                .matchingMask(0xFF00_FF00);
        fields = header(PacketType.POLL, SOURCE_PORT, DATA_PORT);
        fields.put("pgm.poll.sqn", hex32(21));
        fields.put("pgm.poll.round", "2");
        fields.put("pgm.poll.subtype", hex16(1));
        fields.put("pgm.poll.path.ipv4", "127.0.0.1");
        fields.put("pgm.poll.backoff_ivl", "100000");
        fields.put("pgm.poll.rand_str", hex32(0x1234_5678));
        fields.put("pgm.poll.matching_bmask", hex32(0xFF00_FF00));
        cases.add(packet("POLL", poll, false, fields));

        PolrPacket polr = new PolrPacket();
        polr.wrap(buffer, 0, buffer.capacity());
        polr.writeHeader(DATA_PORT, SOURCE_PORT, PacketType.POLR, GSI);
        polr.polrSqn(21).round(2);
        fields = header(PacketType.POLR, DATA_PORT, SOURCE_PORT);
        fields.put("pgm.polr.sqn", hex32(21));
        fields.put("pgm.polr.round", "2");
        cases.add(packet("POLR", polr, false, fields));

        AckPacket ack = new AckPacket();
        ack.wrap(buffer, 0, buffer.capacity());
        ack.writeHeader(DATA_PORT, SOURCE_PORT, PacketType.ACK, GSI);
        ack.rxMax(1000).bitmap(0xFFFF_FFFE);
        options.begin(buffer, ack.optionsOffset(), PacketType.ACK).pgmccFeedback(4242, 0x0010, SOURCE_V4)
                .finish(ack);
        fields = header(PacketType.ACK, DATA_PORT, SOURCE_PORT);
        fields.put("pgm.ack.maxsqn", hex32(1000));
        fields.put("pgm.ack.bitmap", hex32(0xFFFF_FFFE));
        fields.put("pgm.opts.ccdata.tstamp", hex16(4242));
        fields.put("pgm.opts.ccdata.afi", "1");
        fields.put("pgm.opts.ccdata.acker.ipv4", "127.0.0.1");
        fields.put("pgm.opts.ccdata.lossrate", hex16(0x0010));
        cases.add(packet("ACK with OPT_PGMCC_FEEDBACK", ack, false, fields));
        return cases;
    }

    private Case data(String name, int type, int sqn, int trail, String text, Consumer<OptionsWriter> optionCalls,
            Map<String, String> optionFields) {
        DataPacket data = writeData(type, sqn, trail, text, optionCalls);
        Map<String, String> fields = dataFields(type, sqn, trail);
        fields.putAll(optionFields);
        return packet(name, data, false, fields);
    }

    private DataPacket writeData(int type, int sqn, int trail, String text, Consumer<OptionsWriter> optionCalls) {
        DataPacket data = new DataPacket();
        data.wrap(buffer, 0, buffer.capacity());
        data.writeHeader(SOURCE_PORT, DATA_PORT, type, GSI);
        data.sqn(sqn).trail(trail);
        if (optionCalls != null) {
            options.begin(buffer, data.optionsOffset(), type);
            optionCalls.accept(options);
            options.finish(data);
        }
        putTsdu(data, text.getBytes(StandardCharsets.US_ASCII));
        return data;
    }

    private Case nak(String name, int type, int sqn, Nla source, Nla group, Consumer<OptionsWriter> optionCalls,
            Map<String, String> optionFields) {
        NakPacket nak = new NakPacket();
        nak.wrap(buffer, 0, buffer.capacity());
        boolean downstream = type == PacketType.NCF;
        nak.writeHeader(downstream ? SOURCE_PORT : DATA_PORT, downstream ? DATA_PORT : SOURCE_PORT, type, GSI);
        nak.sqn(sqn).nlas(source, group);
        if (optionCalls != null) {
            options.begin(buffer, nak.optionsOffset(), type);
            optionCalls.accept(options);
            options.finish(nak);
        }
        Map<String, String> fields = header(type, nak.sourcePort(), nak.destinationPort());
        fields.put("pgm.nak.sqn", hex32(sqn));
        boolean v6 = source.afi() == Nla.AFI_IPV6;
        fields.put("pgm.nak.srcafi", String.valueOf(source.afi()));
        fields.put(v6 ? "pgm.nak.src.ipv6" : "pgm.nak.src.ipv4", address(source));
        fields.put("pgm.nak.grpafi", String.valueOf(group.afi()));
        fields.put(group.afi() == Nla.AFI_IPV6 ? "pgm.nak.grp.ipv6" : "pgm.nak.grp.ipv4", address(group));
        fields.putAll(optionFields);
        return packet(name, nak, v6, fields);
    }

    private void putTsdu(DataPacket data, byte[] tsdu) {
        data.tsduLength(tsdu.length);
        buffer.put(data.tsduOffset(), tsdu);
    }

    /** Writes {@code packet}'s checksum and captures it with {@link #capture}. */
    private Case packet(String name, PgmPacket packet, boolean ipv6, Map<String, String> fields) {
        packet.writeChecksum();
        return capture(name, packet, ipv6, fields);
    }

    /** Copies the finished {@code packet}'s bytes and adds the header and option values to expect to {@code fields}. */
    private Case capture(String name, PgmPacket packet, boolean ipv6, Map<String, String> fields) {
        byte[] bytes = Arrays.copyOfRange(buffer.array(), packet.offset(), packet.offset() + packet.tpduLength());
        Map<String, String> expected = new LinkedHashMap<>(fields);
        expected.put("pgm.hdr.opts", hex8(packet.options()));
        expected.put("pgm.hdr.tsdulen", String.valueOf(packet.tsduLength()));
        if (packet.hasOptions()) {
            expected.put("pgm.opts.tlen", String.valueOf(packet.optionsLength()));
            List<String> tree = new ArrayList<>();
            OptionWalker walker = new OptionWalker();
            ByteBuffer wrapped = ByteBuffer.wrap(bytes);
            assertEquals(ValidationResult.OK, walker.reset(wrapped, packet.optionsOffset() - packet.offset(),
                    bytes.length), name);
            while (walker.hasNext()) {
                assertEquals(ValidationResult.OK, walker.next(), name);
                tree.add(wiresharkName(walker.type()) + "/" + walker.length());
                if (walker.type() == OptionType.OPT_NAK_LIST) {
                    StringBuilder list = new StringBuilder();
                    for (int at = walker.offset() + 4; at < walker.offset() + walker.length(); at += 4) {
                        list.append(list.length() == 0 ? "" : " ").append("0x")
                                .append(Integer.toHexString(wrapped.getInt(at)));
                    }
                    expected.put(NAK_LIST, list.toString());
                }
            }
            expected.put(OPTION_TREE, String.join(",", tree));
        }
        return new Case(name, bytes, ipv6, expected);
    }

    /** The name Wireshark 4.0's PGM dissector gives an option type. */
    private static String wiresharkName(int type) {
        return switch (type) {
            case OptionType.OPT_FRAGMENT -> "Fragment";
            case OptionType.OPT_NAK_LIST -> "NakList";
            case OptionType.OPT_JOIN -> "Join";
            case OptionType.OPT_NAK_BO_IVL -> "NakBackOffIvl";
            case OptionType.OPT_NAK_BO_RNG -> "NakBackOffRng";
            case OptionType.OPT_REDIRECT -> "ReDirect";
            case OptionType.OPT_PARITY_PRM -> "ParityPrm";
            case OptionType.OPT_PARITY_GRP -> "ParityGrp";
            case OptionType.OPT_CURR_TGSIZE -> "CurrTgsiz";
            case OptionType.OPT_SYN -> "Syn";
            case OptionType.OPT_FIN -> "Fin";
            case OptionType.OPT_RST -> "Rst";
            case OptionType.OPT_PGMCC_DATA -> "CcData";
            case OptionType.OPT_PGMCC_FEEDBACK -> "CcFeedBack";
            default -> String.format("Unknown (0x%02x)", type); // OPT_NBR_UNREACH, OPT_PATH_NLA, OPT_CR, OPT_CRQST
        };
    }

    /** The option names and lengths, and the NAK list, of each frame in tshark's packet details. */
    private static Map<Integer, Map<String, String>> optionTrees(String details) {
        Map<Integer, Map<String, String>> trees = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : details.lines().collect(Collectors.toList())) {
            Matcher frame = FRAME_LINE.matcher(line);
            Matcher option = OPTION_LINE.matcher(line);
            Matcher list = LIST_LINE.matcher(line);
            if (frame.matches()) {
                current = new LinkedHashMap<>();
                trees.put(Integer.parseInt(frame.group(1)), current);
            } else if (current != null && option.matches()) {
                current.merge(OPTION_TREE, option.group(1) + "/" + option.group(2), (a, b) -> a + "," + b);
            } else if (current != null && list.matches()) {
                current.put(NAK_LIST, list.group(1).trim());
            }
        }
        return trees;
    }

    private static Map<String, String> header(int type, int sourcePort, int destinationPort) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("pgm.hdr.sport", String.valueOf(sourcePort));
        fields.put("pgm.hdr.dport", String.valueOf(destinationPort));
        fields.put("pgm.hdr.type", hex8(type));
        fields.put("pgm.hdr.gsi", GSI_TEXT);
        return fields;
    }

    private static Map<String, String> spmFields(int sqn, int trail, int lead, Nla path) {
        Map<String, String> fields = header(PacketType.SPM, SOURCE_PORT, DATA_PORT);
        fields.put("pgm.spm.sqn", hex32(sqn));
        fields.put("pgm.spm.trail", hex32(trail));
        fields.put("pgm.spm.lead", hex32(lead));
        fields.put("pgm.spm.pathafi", String.valueOf(path.afi()));
        fields.put(path.afi() == Nla.AFI_IPV6 ? "pgm.spm.path.ipv6" : "pgm.spm.path.ipv4", address(path));
        return fields;
    }

    /** Wireshark shows an ODATA/RDATA's sequence and trail with the SPM's field names. */
    private static Map<String, String> dataFields(int type, int sqn, int trail) {
        Map<String, String> fields = header(type, SOURCE_PORT, DATA_PORT);
        fields.put("pgm.spm.sqn", hex32(sqn));
        fields.put("pgm.spm.trail", hex32(trail));
        return fields;
    }

    private static String address(Nla nla) {
        return nla.toInetAddress().getHostAddress().replace("0:0:0:0:0:0:0:1", "::1").replace("ff02:0:0:0:0:0:1:7",
                "ff02::1:7");
    }

    private static String hex8(int value) {
        return String.format("0x%02x", value & 0xFF);
    }

    private static String hex16(int value) {
        return String.format("0x%04x", value & 0xFFFF);
    }

    private static String hex32(int value) {
        return String.format("0x%08x", value);
    }

    private static Nla nla(String address) {
        try {
            return Nla.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
