package org.pgm4j.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assertions;

/**
 * Runs tshark on pcap files holding PGM encapsulated in UDP (as ZeroMQ's {@code epgm://} and pgm4j send it), telling
 * tshark which UDP port carries PGM with {@code -d udp.port==PORT,pgm}.
 *
 * <p>Obtain one with {@link #require()}, which skips the test locally and fails it on CI when tshark is missing (see
 * {@link ExternalTool}). Name resolution is disabled ({@code -n}) so output is deterministic and fast. A non-zero
 * exit of tshark fails the test with tshark's stderr; warnings on stderr (such as the one about running as root) are
 * ignored when the exit code is 0. Instances are immutable and thread-safe.
 */
public final class Tshark {

    /**
     * Filter fields that mark a problem in a PGM packet; only those the installed tshark knows are used, because an
     * unknown field name makes tshark refuse the whole filter.
     */
    static final List<String> PROBLEM_FIELDS = List.of(
            "pgm.bad_checksum",
            "pgm.genopts.len.invalid",
            "pgm.opts.type.invalid",
            "pgm.opts.tlen.invalid",
            "pgm.address_format_invalid",
            "_ws.malformed");

    /** Anything tshark rates at least a warning: malformed packets, bad checksums, invalid lengths. */
    static final String SEVERITY_FILTER = "_ws.expert.severity >= warning";

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String FRAME_NUMBER = "frame.number";
    private static final Map<Path, Set<String>> KNOWN_PROBLEM_FIELDS = new ConcurrentHashMap<>();

    private final Path executable;
    private final List<String> preferences;

    private Tshark(Path executable, List<String> preferences) {
        this.executable = executable;
        this.preferences = List.copyOf(preferences);
    }

    /** Finds tshark, or skips (locally) / fails (on CI) the calling test. */
    public static Tshark require() {
        return new Tshark(ExternalTool.require("tshark", "decoding captures with Wireshark's PGM dissector to"
                + " cross-check pgm4j's wire format"), List.of());
    }

    /**
     * A copy that passes {@code -o name:value} to every tshark run, e.g.
     * {@code withPreference("udp.check_checksum", "TRUE")}.
     */
    public Tshark withPreference(String name, String value) {
        if (name.isBlank() || name.contains(":") || value.contains("\n")) {
            throw new IllegalArgumentException("invalid preference " + name + ":" + value);
        }
        List<String> more = new ArrayList<>(preferences);
        more.add("-o");
        more.add(name + ":" + value);
        return new Tshark(executable, more);
    }

    /** The tshark executable in use. */
    public Path executable() {
        return executable;
    }

    /**
     * Decodes every frame and extracts fields with {@code -T fields}.
     *
     * @param pcap       the capture file
     * @param pgmUdpPort the UDP port whose traffic is decoded as PGM
     * @param fieldNames display-filter field names, e.g. {@code "pgm.type"}, {@code "udp.dstport"}
     * @return one map per frame, in frame order, from {@code frame.number} and each requested field to its value;
     *         an absent field maps to the empty string and repeated occurrences are joined with {@code ','}
     */
    public List<Map<String, String>> fields(Path pcap, int pgmUdpPort, String... fieldNames) throws IOException {
        List<String> names = new ArrayList<>();
        names.add(FRAME_NUMBER);
        for (String name : fieldNames) {
            if (name.isBlank() || name.contains("\t")) {
                throw new IllegalArgumentException("invalid field name '" + name + "'");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        List<String> command = baseCommand(pcap, pgmUdpPort);
        command.addAll(List.of("-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,",
                "-E", "quote=n", "-E", "header=n"));
        for (String name : names) {
            command.add("-e");
            command.add(name);
        }
        String output = runOrFail(command);
        List<Map<String, String>> frames = new ArrayList<>();
        for (String line : output.lines().collect(Collectors.toList())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] values = line.split("\t", -1);
            if (values.length != names.size()) {
                Assertions.fail("tshark printed " + values.length + " fields instead of " + names.size() + " "
                        + names + " in line: " + line);
            }
            Map<String, String> frame = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                frame.put(names.get(i), values[i]);
            }
            frames.add(Collections.unmodifiableMap(frame));
        }
        return List.copyOf(frames);
    }

    /**
     * Lists the frames in which tshark found a problem: a bad PGM checksum, invalid PGM option or address fields, a
     * malformed packet, or any expert info of severity warning or error.
     *
     * @param pcap       the capture file
     * @param pgmUdpPort the UDP port whose traffic is decoded as PGM
     * @return one line per problematic frame ({@code frame N: summary | expert messages}); empty when clean
     */
    public List<String> expertInfo(Path pcap, int pgmUdpPort) throws IOException {
        List<String> command = baseCommand(pcap, pgmUdpPort);
        command.addAll(List.of("-Y", problemFilter(), "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a",
                "-E", "aggregator=;", "-E", "quote=n", "-e", FRAME_NUMBER, "-e", "_ws.col.Protocol", "-e",
                "_ws.col.Info", "-e", "_ws.expert.message"));
        String output = runOrFail(command);
        List<String> problems = new ArrayList<>();
        for (String line : output.lines().collect(Collectors.toList())) {
            if (line.isBlank()) {
                continue;
            }
            String[] values = line.split("\t", -1);
            if (values.length == 4) {
                problems.add("frame " + values[0] + ": " + values[1] + " " + values[2].strip() + " | "
                        + values[3].replace(";", "; "));
            } else {
                problems.add(line);
            }
        }
        return List.copyOf(problems);
    }

    /** The full packet details ({@code -V}) of every frame, for diagnostic messages. */
    public String verbose(Path pcap, int pgmUdpPort) throws IOException {
        List<String> command = baseCommand(pcap, pgmUdpPort);
        command.add("-V");
        return runOrFail(command);
    }

    /** The display filter {@link #expertInfo} uses, restricted to fields the installed tshark knows. */
    String problemFilter() throws IOException {
        Set<String> known = KNOWN_PROBLEM_FIELDS.get(executable);
        if (known == null) {
            known = knownFields(PROBLEM_FIELDS);
            KNOWN_PROBLEM_FIELDS.put(executable, known);
        }
        List<String> terms = new ArrayList<>();
        for (String field : PROBLEM_FIELDS) {
            if (known.contains(field)) {
                terms.add(field);
            }
        }
        terms.add(SEVERITY_FILTER);
        return String.join(" || ", terms);
    }

    /**
     * Which of {@code candidates} appear in {@code tshark -G fields}. The listing is large (about 20 MB), so it is
     * streamed rather than collected.
     */
    private Set<String> knownFields(List<String> candidates) throws IOException {
        Set<String> wanted = new HashSet<>(candidates);
        Set<String> found = new HashSet<>();
        Process process = new ProcessBuilder(executable.toString(), "-G", "fields")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.getOutputStream().close();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                // F <tab> name <tab> abbreviation <tab> ...
                String[] columns = line.split("\t", 4);
                if (columns.length >= 3 && wanted.contains(columns[2])) {
                    found.add(columns[2]);
                }
            }
        }
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                Assertions.fail(executable + " -G fields did not finish within " + TIMEOUT);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while running tshark -G fields");
        }
        if (process.exitValue() != 0) {
            Assertions.fail(executable + " -G fields exited with " + process.exitValue());
        }
        return Set.copyOf(found);
    }

    private List<String> baseCommand(Path pcap, int pgmUdpPort) {
        Objects.requireNonNull(pcap, "pcap");
        if (pgmUdpPort < 1 || pgmUdpPort > 65535) {
            throw new IllegalArgumentException("UDP port out of range 1..65535: " + pgmUdpPort);
        }
        if (!Files.isRegularFile(pcap)) {
            throw new IllegalArgumentException("no such capture file: " + pcap);
        }
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.add("-n");
        command.addAll(preferences);
        command.addAll(List.of("-r", pcap.toAbsolutePath().toString(), "-d", "udp.port==" + pgmUdpPort + ",pgm"));
        return command;
    }

    private static String runOrFail(List<String> command) throws IOException {
        return ExternalTool.run(TIMEOUT, command).requireSuccess(String.join(" ", command)).stdout();
    }
}
