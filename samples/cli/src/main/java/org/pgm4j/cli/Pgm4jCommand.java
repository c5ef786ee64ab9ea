package org.pgm4j.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.pgm4j.pgm.wire.DataPacket;
import org.pgm4j.pgm.wire.NakPacket;
import org.pgm4j.pgm.wire.Nla;
import org.pgm4j.pgm.wire.OptionsWriter;
import org.pgm4j.pgm.wire.PacketType;
import org.pgm4j.pgm.wire.PacketValidator;
import org.pgm4j.pgm.wire.PgmPacket;
import org.pgm4j.pgm.wire.SpmPacket;
import org.pgm4j.pgm.wire.SpmrPacket;
import org.pgm4j.pgm.wire.ValidationResult;

/**
 * {@code pgm4j}: the command line. Sub-commands:
 * <ul>
 *   <li>{@code packets}: encodes one repair cycle (SPM, ODATA, NAK, NCF, RDATA, SPMR) and prints each packet decoded
 *       and in hex, ready to paste into {@code decode} or Wireshark's hex import. Nothing is sent.</li>
 *   <li>{@code decode HEX}: validates and decodes one PGM datagram given in hex (the UDP payload).</li>
 * </ul>
 * Exit codes: 0 success, 1 a datagram did not validate, 2 bad usage.
 */
public final class Pgm4jCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_INVALID = 1;
    static final int EXIT_USAGE = 2;

    private static final String USAGE = """
            Usage: pgm4j <command> [arguments]

            Commands:
              packets       encode one PGM repair cycle (SPM, ODATA, NAK, NCF, RDATA, SPMR) and print each
                            packet decoded and as hex; nothing is sent on any network
              decode HEX    validate and decode one PGM datagram (a UDP payload) given in hex;
                            spaces and '|' in HEX are ignored
              help          print this text

            Run 'pgm4j <command> --help' for a command's own help.
            """;

    private final PrintStream out;
    private final PrintStream err;

    Pgm4jCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Pgm4jCommand(System.out, System.err).run(args));
    }

    int run(String... args) {
        if (args.length == 0) {
            err.print(USAGE);
            return EXIT_USAGE;
        }
        boolean help = args.length > 1 && ("--help".equals(args[1]) || "-h".equals(args[1]));
        switch (args[0]) {
            case "help", "--help", "-h" -> {
                out.print(USAGE);
                return EXIT_OK;
            }
            case "packets" -> {
                if (help) {
                    out.println("Usage: pgm4j packets\n\nEncodes one PGM repair cycle and prints every packet "
                            + "decoded and as hex. Nothing is sent.");
                    return EXIT_OK;
                }
                return args.length == 1 ? packets() : usageError("'packets' takes no arguments");
            }
            case "decode" -> {
                if (help) {
                    out.println("Usage: pgm4j decode HEX\n\nValidates and decodes one PGM datagram (the UDP "
                            + "payload) given in hex. Exit code 1 when it is malformed.");
                    return EXIT_OK;
                }
                return args.length == 2 ? decode(args[1]) : usageError("'decode' takes exactly one HEX argument");
            }
            default -> {
                return usageError("unknown command '" + args[0] + "'");
            }
        }
    }

    private int usageError(String problem) {
        err.println("pgm4j: " + problem);
        err.print(USAGE);
        return EXIT_USAGE;
    }

    private int decode(String hex) {
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex.replaceAll("[\\s|:]", ""));
        } catch (IllegalArgumentException e) {
            return usageError("HEX is not an even number of hexadecimal digits: " + e.getMessage());
        }
        PacketValidator validator = new PacketValidator();
        ValidationResult result = validator.validate(ByteBuffer.wrap(bytes), 0, bytes.length);
        if (result != ValidationResult.OK) {
            out.println("INVALID " + result + ": " + result.description() + " (" + bytes.length + " bytes)");
            return EXIT_INVALID;
        }
        print(validator);
        return EXIT_OK;
    }

    private int packets() {
        Nla source = Nla.of(InetAddress.getLoopbackAddress());
        Nla group = Nla.of(new byte[] {(byte) 239, (byte) 192, 0, 1});
        long gsi = 0x0102_0304_0506L;
        int sourcePort = 40_000;
        int dataPort = 7500;
        ByteBuffer buffer = ByteBuffer.allocate(1_500);
        OptionsWriter options = new OptionsWriter();
        PacketValidator validator = new PacketValidator();

        SpmPacket spm = new SpmPacket().wrap(buffer, 0, buffer.capacity());
        spm.writeHeader(sourcePort, dataPort, PacketType.SPM, gsi);
        spm.spmSqn(0).trail(0).lead(-1).path(source);
        show("SPM at session start, empty window", spm, validator);

        DataPacket odata = new DataPacket().wrap(buffer, 0, buffer.capacity());
        odata.writeHeader(sourcePort, dataPort, PacketType.ODATA, gsi);
        odata.sqn(0).trail(0);
        options.begin(buffer, odata.optionsOffset(), PacketType.ODATA).syn().finish(odata);
        byte[] payload = "hello, multicast".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        odata.tsduLength(payload.length);
        buffer.put(odata.tsduOffset(), payload);
        show("ODATA, first of the session (OPT_SYN)", odata, validator);

        NakPacket nak = new NakPacket().wrap(buffer, 0, buffer.capacity());
        nak.writeHeader(dataPort, sourcePort, PacketType.NAK, gsi);
        nak.sqn(1).nlas(source, group);
        options.begin(buffer, nak.optionsOffset(), PacketType.NAK).nakList(new int[] {2, 3}, 0, 2).finish(nak);
        show("NAK for sequences 1, 2, 3 (OPT_NAK_LIST), receiver to source", nak, validator);

        nak.writeHeader(sourcePort, dataPort, PacketType.NCF, gsi);
        nak.sqn(1).nlas(source, group);
        options.begin(buffer, nak.optionsOffset(), PacketType.NCF).nakList(new int[] {2, 3}, 0, 2).finish(nak);
        show("NCF confirming the NAK, source to group", nak, validator);

        odata.writeHeader(sourcePort, dataPort, PacketType.RDATA, gsi);
        odata.sqn(1).trail(0);
        odata.tsduLength(payload.length);
        buffer.put(odata.tsduOffset(), payload);
        show("RDATA repairing sequence 1", odata, validator);

        SpmrPacket spmr = new SpmrPacket().wrap(buffer, 0, buffer.capacity());
        spmr.writeHeader(dataPort, sourcePort, PacketType.SPMR, gsi);
        show("SPMR from a late joiner", spmr, validator);
        return EXIT_OK;
    }

    private void show(String title, PgmPacket packet, PacketValidator validator) {
        packet.writeChecksum();
        int length = packet.tpduLength();
        ValidationResult result = validator.validate(packet.buffer(), packet.offset(), length);
        out.println("# " + title + " (" + length + " bytes, " + result + ")");
        print(validator);
        byte[] bytes = new byte[length];
        packet.buffer().get(packet.offset(), bytes);
        out.println("  " + HexFormat.of().formatHex(bytes));
        out.println();
    }

    private void print(PacketValidator validator) {
        out.println("  " + validator.packet());
        if (validator.options().count() > 0) {
            out.println("  options " + validator.options());
        }
    }
}
