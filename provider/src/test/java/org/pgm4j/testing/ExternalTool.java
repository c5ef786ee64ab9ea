package org.pgm4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Helpers for tests that need external programs (tshark, nft, python3 with zmq, ip, unshare) or root.
 *
 * <p>Policy when something is missing: on a developer machine the test is <em>skipped</em> (a JUnit assumption
 * fails) with a message naming the program and the Debian package that provides it; when the environment variable
 * {@code CI} is {@code true} the test <em>fails</em> instead, because CI must install everything ({@code .ci/run}
 * does) and a silently skipped interoperability test proves nothing.
 *
 * <p>{@link #run(Duration, String...)} runs a program with stdin closed, collects stdout and stderr completely on
 * two threads (so large outputs cannot deadlock it), and kills the process and its descendants at the timeout.
 */
public final class ExternalTool {

    /** Directories searched after {@code PATH}: administration tools live there and are often not on a user's PATH. */
    private static final List<Path> EXTRA_DIRECTORIES = List.of(Path.of("/usr/local/sbin"), Path.of("/usr/sbin"),
            Path.of("/sbin"), Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin"));

    private static final Map<String, String> DEBIAN_PACKAGES = Map.ofEntries(
            Map.entry("tshark", "tshark"),
            Map.entry("dumpcap", "wireshark-common"),
            Map.entry("editcap", "wireshark-common"),
            Map.entry("mergecap", "wireshark-common"),
            Map.entry("tcpdump", "tcpdump"),
            Map.entry("nft", "nftables"),
            Map.entry("ip", "iproute2"),
            Map.entry("tc", "iproute2"),
            Map.entry("unshare", "util-linux"),
            Map.entry("nsenter", "util-linux"),
            Map.entry("python3", "python3"),
            Map.entry("id", "coreutils"));

    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(5);

    private ExternalTool() {
    }

    /**
     * The outcome of {@link #run}.
     *
     * @param exitCode the process's exit code; after a timeout kill, whatever the system reports (usually 137)
     * @param stdout   everything the process wrote to standard output, decoded as UTF-8
     * @param stderr   everything the process wrote to standard error, decoded as UTF-8
     * @param timedOut whether the process was killed because it outlived the timeout
     */
    public record ProcessResult(int exitCode, String stdout, String stderr, boolean timedOut) {

        /** A result of a process that ended by itself. */
        public ProcessResult(int exitCode, String stdout, String stderr) {
            this(exitCode, stdout, stderr, false);
        }

        /** Whether the process ended by itself with exit code 0. */
        public boolean succeeded() {
            return exitCode == 0 && !timedOut;
        }

        /**
         * Returns this result if the process succeeded, otherwise fails the test with the exit code and stderr.
         *
         * @param description what was run, for the failure message (e.g. the command line)
         */
        public ProcessResult requireSuccess(String description) {
            if (!succeeded()) {
                Assertions.fail(description + (timedOut ? " timed out and was killed" : " exited with " + exitCode)
                        + "\n--- stderr ---\n" + stderr.strip() + "\n--- stdout (first 2000 chars) ---\n"
                        + stdout.substring(0, Math.min(stdout.length(), 2000)));
            }
            return this;
        }
    }

    /**
     * Finds {@code program} on {@code PATH} or in the sbin directories, or skips (locally) / fails (on CI) the test.
     *
     * @param program the executable's name, e.g. {@code "tshark"}
     * @param why     what the test needs it for, shown after "needed for:" in the skip or failure message
     * @return the absolute path of the executable
     */
    public static Path require(String program, String why) {
        return require(program, why, System.getenv());
    }

    /** {@link #require(String, String)} with an explicit environment, for testing the skip/fail policy. */
    static Path require(String program, String why, Map<String, String> environment) {
        Optional<Path> found = find(program, environment.get("PATH"));
        if (found.isPresent()) {
            return found.get();
        }
        String debianPackage = debianPackageOf(program);
        return unavailable("'" + program + "' was not found on PATH or in /usr/sbin and /sbin", why,
                "Debian package " + debianPackage + " (apt-get install " + debianPackage + ")", environment);
    }

    /** The Debian package that provides {@code program}, or a description when it is not a known tool. */
    static String debianPackageOf(String program) {
        return DEBIAN_PACKAGES.getOrDefault(program, "<the package providing " + program + ">");
    }

    /** Finds {@code program} on the current {@code PATH} or in the sbin directories, without any skip policy. */
    public static Optional<Path> find(String program) {
        return find(program, System.getenv("PATH"));
    }

    static Optional<Path> find(String program, String searchPath) {
        if (program.isEmpty()) {
            throw new IllegalArgumentException("empty program name");
        }
        if (program.contains("/")) {
            Path path = Path.of(program).toAbsolutePath();
            return isExecutableFile(path) ? Optional.of(path) : Optional.empty();
        }
        List<Path> directories = new ArrayList<>();
        if (searchPath != null) {
            for (String entry : searchPath.split(java.io.File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    directories.add(Path.of(entry));
                }
            }
        }
        directories.addAll(EXTRA_DIRECTORIES);
        for (Path directory : directories) {
            Path candidate = directory.resolve(program).toAbsolutePath();
            if (isExecutableFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /**
     * Skips (locally) or fails (on CI) the test unless the JVM runs as root (effective user id 0).
     *
     * @param why what the test needs root for, shown in the skip or failure message
     */
    public static void requireRoot(String why) {
        requireRoot(why, System.getenv(), effectiveUserId());
    }

    static void requireRoot(String why, Map<String, String> environment, OptionalLong effectiveUserId) {
        if (effectiveUserId.isPresent() && effectiveUserId.getAsLong() == 0) {
            return;
        }
        String who = effectiveUserId.isPresent() ? "user id " + effectiveUserId.getAsLong() : "an unknown user id";
        unavailable("root privileges are required but the tests run as " + who, why,
                "root (the .ci/run container runs the build as root)", environment);
    }

    /** Whether the JVM's effective user id is 0. */
    public static boolean isRoot() {
        OptionalLong uid = effectiveUserId();
        return uid.isPresent() && uid.getAsLong() == 0;
    }

    /** The effective user id from {@code /proc/self/status}, or from {@code id -u} where there is no procfs. */
    static OptionalLong effectiveUserId() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Uid:")) {
                    // Uid: real effective saved filesystem
                    return OptionalLong.of(Long.parseLong(line.substring(4).trim().split("\\s+")[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no procfs (not Linux): fall through to id -u
        }
        try {
            Optional<Path> id = find("id");
            if (id.isPresent()) {
                ProcessResult result = run(Duration.ofSeconds(10), id.get().toString(), "-u");
                if (result.succeeded()) {
                    return OptionalLong.of(Long.parseLong(result.stdout().trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return OptionalLong.empty();
    }

    /**
     * Skips (locally) or fails (on CI) the test unless {@code python3} can import {@code module}.
     *
     * @param module        the Python module, e.g. {@code "zmq"}
     * @param debianPackage the Debian package that provides it, e.g. {@code "python3-zmq"}
     * @param why           what the test needs it for
     * @return the path of {@code python3}
     */
    public static Path requirePythonModule(String module, String debianPackage, String why) {
        return requirePythonModule(module, debianPackage, why, System.getenv());
    }

    static Path requirePythonModule(String module, String debianPackage, String why, Map<String, String> environment) {
        if (!module.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
            throw new IllegalArgumentException("not a Python module name: " + module);
        }
        Path python = require("python3", why, environment);
        ProcessResult result;
        try {
            result = run(Duration.ofSeconds(30), python.toString(), "-c", "import " + module);
        } catch (IOException e) {
            result = new ProcessResult(-1, "", e.toString());
        }
        if (!result.succeeded()) {
            unavailable("python3 cannot import module '" + module + "' (" + result.stderr().strip() + ")", why,
                    "Debian package " + debianPackage + " (apt-get install " + debianPackage + ")", environment);
        }
        return python;
    }

    private static <T> T unavailable(String problem, String why, String remedy, Map<String, String> environment) {
        if ("true".equalsIgnoreCase(String.valueOf(environment.get("CI")).trim())) {
            return Assertions.fail(problem + "; needed for: " + why + ". CI=true, so this test must not be"
                    + " skipped: CI must install " + remedy + " (.ci/run installs it).");
        }
        return Assumptions.abort("Skipping: " + problem + "; needed for: " + why + ". Install " + remedy
                + " to run this test (on CI, where CI=true, it fails instead of being skipped).");
    }

    /** {@link #run(Duration, List)} with the command as varargs. */
    public static ProcessResult run(Duration timeout, String... command) throws IOException {
        return run(timeout, List.of(command));
    }

    /**
     * Runs a program with stdin closed, waits for it at most {@code timeout}, and returns its exit code and complete
     * output. At the timeout the process and its descendants are killed and the result says {@code timedOut}.
     *
     * @param command the program (a path, or a name looked up on {@code PATH}) and its arguments
     * @throws IOException            if the program cannot be started
     * @throws InterruptedIOException if the calling thread is interrupted (the process is killed first)
     */
    public static ProcessResult run(Duration timeout, List<String> command) throws IOException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        OutputCollector stdout = new OutputCollector(process.getInputStream(), "stdout", process.pid());
        OutputCollector stderr = new OutputCollector(process.getErrorStream(), "stderr", process.pid());
        boolean timedOut;
        try {
            timedOut = !process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (timedOut) {
                kill(process);
                process.waitFor();
            }
            stdout.join(OUTPUT_GRACE);
            stderr.join(OUTPUT_GRACE);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + command);
        }
        return new ProcessResult(process.exitValue(), stdout.text(), stderr.text(), timedOut);
    }

    private static void kill(Process process) {
        // Descendants first: once the parent is gone they are re-parented and no longer found.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Drains one output stream of a process on its own daemon thread. */
    private static final class OutputCollector {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        OutputCollector(InputStream stream, String name, long pid) {
            thread = new Thread(() -> drain(stream), "ExternalTool-" + pid + "-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        private void drain(InputStream stream) {
            byte[] chunk = new byte[16 * 1024];
            try (stream) {
                for (int read = stream.read(chunk); read >= 0; read = stream.read(chunk)) {
                    bytes.write(chunk, 0, read); // ByteArrayOutputStream.write is synchronized
                }
            } catch (IOException e) {
                // the stream was closed under us: keep what was read
            }
        }

        /**
         * Waits for end of stream. A descendant that inherited the pipe may keep it open after the process exited;
         * then the output read so far is used and the thread is left to finish on its own.
         */
        void join(Duration grace) throws InterruptedException {
            thread.join(grace.toMillis());
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
