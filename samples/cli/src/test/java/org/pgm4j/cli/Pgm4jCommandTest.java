package org.pgm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Pgm4jCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Pgm4jCommand command = new Pgm4jCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void shouldPrintSixValidPacketsOfARepairCycle() {
        assertEquals(Pgm4jCommand.EXIT_OK, command.run("packets"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(6, text.split(", OK\\)").length - 1, text);
        assertTrue(text.contains("NAK{sport=7500, dport=40000"), text);
        assertTrue(text.contains("OPT_NAK_LIST{2,3}"), text);
        assertTrue(text.contains("RDATA{"), text);
    }

    @Test
    void shouldDecodeACapturedOpenPgmSpmr() {
        assertEquals(Pgm4jCommand.EXIT_OK, command.run("decode", "1d4c 9c42 0c 00 ad63 b7c6d1bc038a 0000"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("SPMR{sport=7500, dport=40002"));
    }

    @Test
    void shouldReportAMalformedDatagramWithItsResultCode() {
        assertEquals(Pgm4jCommand.EXIT_INVALID, command.run("decode", "1d4c 9c42 0c 00 ad64 b7c6d1bc038a 0000"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("INVALID BAD_CHECKSUM"));
    }

    @Test
    void shouldRefuseAnUnknownCommandWithUsageAndExitCodeTwo() {
        assertEquals(Pgm4jCommand.EXIT_USAGE, command.run("transmogrify"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("unknown command 'transmogrify'"), text);
        assertTrue(text.contains("Usage: pgm4j"), text);
    }

    @Test
    void shouldRefuseHexThatIsNotHex() {
        assertEquals(Pgm4jCommand.EXIT_USAGE, command.run("decode", "xyz"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not an even number of hexadecimal digits"));
    }

    @Test
    void shouldPrintHelpForEachCommand() {
        assertEquals(Pgm4jCommand.EXIT_OK, command.run("decode", "--help"));
        assertEquals(Pgm4jCommand.EXIT_OK, command.run("packets", "--help"));
        assertEquals(Pgm4jCommand.EXIT_OK, command.run("help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: pgm4j decode HEX"));
    }
}
