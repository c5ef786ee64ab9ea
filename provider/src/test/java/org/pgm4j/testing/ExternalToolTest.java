package org.pgm4j.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.pgm4j.testing.ExternalTool.ProcessResult;

@DisplayName("ExternalTool")
@Timeout(60)
class ExternalToolTest {

    private static final Map<String, String> LOCAL = Map.of("PATH", "/nonexistent/bin");
    private static final Map<String, String> CI = Map.of("PATH", "/nonexistent/bin", "CI", "true");

    @Test
    @DisplayName("require finds a program on PATH and returns its absolute path")
    void requireFindsProgramsOnPath() {
        Path sh = ExternalTool.require("sh", "running shell commands");

        assertTrue(sh.isAbsolute(), sh.toString());
        assertTrue(Files.isExecutable(sh), sh.toString());
        assertEquals("sh", sh.getFileName().toString());
    }

    @Test
    @DisplayName("require also looks in /usr/sbin and /sbin, which are often missing from a user's PATH")
    void requireLooksInSbin() throws IOException {
        Optional<Path> sbinProgram;
        try (Stream<Path> files = Files.list(Path.of("/usr/sbin"))) {
            sbinProgram = files.filter(Files::isRegularFile).filter(Files::isExecutable).findFirst();
        }
        Assumptions.assumeTrue(sbinProgram.isPresent(), "no executable in /usr/sbin to look for");
        String name = sbinProgram.get().getFileName().toString();

        Path found = ExternalTool.require(name, "testing the search path", LOCAL);

        assertEquals(name, found.getFileName().toString());
        assertTrue(found.startsWith("/usr/sbin") || found.startsWith("/sbin") || found.startsWith("/usr/local/sbin"),
                found.toString());
    }

    @Test
    @DisplayName("a missing program skips the test locally, naming the program and its Debian package")
    void missingProgramSkipsLocally() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> ExternalTool.require("pgm4j-no-such-program", "installing firewall rules", LOCAL));

        assertTrue(skipped.getMessage().contains("'pgm4j-no-such-program'"), skipped.getMessage());
        assertTrue(skipped.getMessage().contains("apt-get install"), skipped.getMessage());
        assertTrue(skipped.getMessage().contains("installing firewall rules"), skipped.getMessage());
    }

    @Test
    @DisplayName("skip and failure messages name the Debian package of the well-known tools")
    void knowsTheDebianPackages() {
        assertEquals("tshark", ExternalTool.debianPackageOf("tshark"));
        assertEquals("nftables", ExternalTool.debianPackageOf("nft"));
        assertEquals("iproute2", ExternalTool.debianPackageOf("ip"));
        assertEquals("util-linux", ExternalTool.debianPackageOf("unshare"));
        assertEquals("python3", ExternalTool.debianPackageOf("python3"));
    }

    @Test
    @DisplayName("a missing program fails the test when CI=true, saying CI must install it")
    void missingProgramFailsOnCi() {
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> ExternalTool.require("pgm4j-no-such-program", "nothing", CI));

        assertTrue(failed.getMessage().contains("'pgm4j-no-such-program'"), failed.getMessage());
        assertTrue(failed.getMessage().contains("CI must install"), failed.getMessage());
        assertTrue(failed.getMessage().contains(".ci/run"), failed.getMessage());
    }

    @Test
    @DisplayName("requireRoot passes for uid 0, skips other users locally and fails them on CI")
    void requireRootPolicy() {
        assertDoesNotThrow(() -> ExternalTool.requireRoot("creating namespaces", LOCAL, OptionalLong.of(0)));

        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> ExternalTool.requireRoot("creating namespaces", LOCAL, OptionalLong.of(1000)));
        assertTrue(skipped.getMessage().contains("root"), skipped.getMessage());
        assertTrue(skipped.getMessage().contains("user id 1000"), skipped.getMessage());

        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> ExternalTool.requireRoot("creating namespaces", CI, OptionalLong.empty()));
        assertTrue(failed.getMessage().contains("CI must"), failed.getMessage());
    }

    @Test
    @DisplayName("the effective user id agrees with 'id -u'")
    void effectiveUserIdMatchesId() throws IOException {
        ProcessResult id = ExternalTool.run(Duration.ofSeconds(10), "id", "-u");
        Assumptions.assumeTrue(id.succeeded(), "id -u is not available");

        assertEquals(OptionalLong.of(Long.parseLong(id.stdout().trim())), ExternalTool.effectiveUserId());
        assertEquals(id.stdout().trim().equals("0"), ExternalTool.isRoot());
    }

    @Test
    @DisplayName("a missing Python module skips locally, naming the module and its Debian package")
    void missingPythonModuleSkips() {
        Assumptions.assumeTrue(ExternalTool.find("python3").isPresent(), "python3 is not installed");

        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> ExternalTool.requirePythonModule("pgm4j_no_such_module", "python3-nothing", "testing",
                        Map.of()));
        assertTrue(skipped.getMessage().contains("'pgm4j_no_such_module'"), skipped.getMessage());
        assertTrue(skipped.getMessage().contains("python3-nothing"), skipped.getMessage());
    }

    @Test
    @DisplayName("run reports the exit code and captures stdout and stderr separately")
    void runCapturesExitCodeAndOutputs() throws IOException {
        ProcessResult result = ExternalTool.run(Duration.ofSeconds(30), "sh", "-c", "echo out; echo err >&2; exit 3");

        assertEquals(3, result.exitCode());
        assertEquals("out\n", result.stdout());
        assertEquals("err\n", result.stderr());
        assertFalse(result.timedOut());
        assertFalse(result.succeeded());
        assertThrows(AssertionFailedError.class, () -> result.requireSuccess("sh"));
    }

    @Test
    @DisplayName("run does not deadlock when a process writes megabytes to both stdout and stderr")
    void runDrainsLargeOutputs() throws IOException {
        String script = "i=0; while [ $i -lt 40 ]; do head -c 100000 /dev/zero | tr '\\0' o;"
                + " head -c 100000 /dev/zero | tr '\\0' e >&2; i=$((i+1)); done";

        ProcessResult result = ExternalTool.run(Duration.ofSeconds(50), "sh", "-c", script);

        assertTrue(result.succeeded(), result.stderr().length() + " " + result.exitCode());
        assertEquals(4_000_000, result.stdout().length());
        assertEquals(4_000_000, result.stderr().length());
        assertTrue(result.stdout().chars().allMatch(c -> c == 'o'));
        assertTrue(result.stderr().chars().allMatch(c -> c == 'e'));
    }

    @Test
    @DisplayName("run kills a process and its children at the timeout and says so")
    void runKillsAtTimeout() throws IOException {
        long start = System.nanoTime();

        // sh waits for its child 'sleep', which holds the output pipe open: both must be killed.
        ProcessResult result = ExternalTool.run(Duration.ofMillis(300), "sh", "-c", "echo started; sleep 30; echo no");

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(result.timedOut());
        assertFalse(result.succeeded());
        assertNotEquals(0, result.exitCode());
        assertEquals("started\n", result.stdout());
        assertTrue(elapsed.compareTo(Duration.ofSeconds(4)) < 0, "took " + elapsed);
    }

    @Test
    @DisplayName("run closes stdin, so a program reading it ends instead of hanging")
    void runClosesStdin() throws IOException {
        ProcessResult result = ExternalTool.run(Duration.ofSeconds(10), "cat");

        assertTrue(result.succeeded());
        assertEquals("", result.stdout());
    }
}
