package org.pgm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pgm4j.architecture.JavaSources;
import org.pgm4j.architecture.JavaSources.Dependency;
import org.pgm4j.architecture.JavaSources.Kind;
import org.pgm4j.architecture.JavaSources.SourceFile;

/**
 * Enforces the target architecture of the provider by scanning {@code provider/src/main/java} as text (no bytecode, no
 * third-party library). Keep {@link #ARCHITECTURE} and ARCHITECTURE.md in step.
 */
@DisplayName("Architecture")
class ArchitectureTest {

    /**
     * The architecture, as an allow-list. Group names are relative to {@code org.pgm4j}.
     *
     * <ul>
     *   <li><b>scope</b>: {@code tree} = the package and all its subpackages (a more specific group wins, so
     *       {@code jms.message} is not part of {@code jms}); {@code exact} = that one package only (its subpackages
     *       must be listed on their own or they fail as "not in the architecture table").</li>
     *   <li><b>uses</b>: {@code jdk} = JDK packages and its own group only; {@code jakarta} = may import
     *       {@code jakarta.*}; {@code -} = no {@code jakarta.*}, otherwise unrestricted outside {@code org.pgm4j}.</li>
     *   <li><b>may depend on</b>: the other groups it may use ({@code -} = none). A group may always use itself.
     *       {@code group#A|B} restricts the dependency to the named top-level classes of that group.</li>
     * </ul>
     */
    private static final String ARCHITECTURE = """
            # group               scope  uses     may depend on
            pgm.api               tree   jdk      -
            pgm.wire              tree   jdk      -
            pgm.transport         exact  -        pgm.api
            pgm.transport.udp     tree   -        pgm.transport, pgm.api
            pgm.transport.memory  tree   -        pgm.transport, pgm.api, pgm.wire
            pgm.engine            tree   -        pgm.wire, pgm.transport, pgm.api
            pgm                   exact  -        pgm.engine, pgm.transport, pgm.transport.udp, pgm.transport.memory, pgm.api
            framing               tree   jdk      -
            config                tree   -        pgm.api
            jms.selector          tree   jdk      -
            jms.message           tree   jakarta  framing
            jms                   tree   jakarta  jms.message, jms.selector, framing, config, pgm#PgmStacks, pgm.api
            jndi                  tree   jakarta  jms, config
            ra                    tree   jakarta  jms, config, jndi
            """;

    /**
     * Rule 4 scopes: inside each of these groups no package may import from one of its ancestor packages (for
     * {@code pgm.engine}: {@code pgm.engine.receiver} must not import {@code org.pgm4j.pgm.engine}; for {@code jms}:
     * {@code jms.message} and {@code jms.selector} must not import {@code org.pgm4j.jms}).
     */
    private static final List<String> CHILD_MUST_NOT_IMPORT_PARENT = List.of("pgm.engine", "jms");

    /**
     * Rule 4 exceptions, {@code "child -> parent"}: the transports implement the interfaces of their parent package.
     * They lie outside the scopes above today; they are listed so that widening the scopes cannot forbid them.
     */
    private static final Set<String> CHILD_PARENT_EXCEPTIONS = Set.of(
            "pgm.transport.udp -> pgm.transport",
            "pgm.transport.memory -> pgm.transport");

    /** Rule 5: groups that must take time from an injected clock and must not use monitors. */
    private static final List<String> DETERMINISTIC_GROUPS = List.of("pgm.engine");

    private static final String ROOT = "org.pgm4j";
    private static final String NOT_IN_TABLE = "package %s is not in the architecture table; add it to ARCHITECTURE.md and this test";

    private static final Map<String, Group> GROUPS = parseTable(ARCHITECTURE);

    private static final Set<String> JDK_PACKAGES = ModuleFinder.ofSystem().findAll().stream()
            .flatMap(m -> m.descriptor().packages().stream())
            .collect(Collectors.toUnmodifiableSet());

    private static final String CLOCK_HINT = "take time from the injected clock";

    private static final List<Forbidden> FORBIDDEN_IN_DETERMINISTIC_CODE = List.of(
            new Forbidden("System.nanoTime()", "\\bSystem\\s*(?:\\.|::)\\s*nanoTime\\b", CLOCK_HINT),
            new Forbidden("System.currentTimeMillis()", "\\bSystem\\s*(?:\\.|::)\\s*currentTimeMillis\\b", CLOCK_HINT),
            new Forbidden("Instant.now()", "\\bInstant\\s*(?:\\.|::)\\s*now\\b", CLOCK_HINT),
            new Forbidden("Clock.system*()", "\\bClock\\s*(?:\\.|::)\\s*system\\w*", CLOCK_HINT),
            new Forbidden("synchronized", "\\bsynchronized\\b", "confine state to one thread or use java.util.concurrent"));

    private static final Pattern FORBIDDEN_STATIC_IMPORT = Pattern.compile(
            "java\\.lang\\.System\\.(?:nanoTime|currentTimeMillis|\\*)"
                    + "|java\\.time\\.Instant\\.(?:now|\\*)"
                    + "|java\\.time\\.Clock\\.(?:system\\w*|\\*)");

    private static Path sourceRoot;
    private static List<SourceFile> sources;

    // ---------------------------------------------------------------------------------------------------------- rules

    @Test
    @DisplayName("Rule 0: the architecture table is consistent (known targets, JDK-only groups are leaves, acyclic)")
    void tableIsConsistent() {
        List<String> violations = new ArrayList<>();
        for (Group g : GROUPS.values()) {
            for (String target : g.allowed().keySet()) {
                if (!GROUPS.containsKey(target)) {
                    violations.add(g.name() + " may depend on unknown group " + target);
                }
                if (target.equals(g.name())) {
                    violations.add(g.name() + " lists itself (a group may always use itself)");
                }
            }
            if (g.uses() == Uses.JDK && !g.allowed().isEmpty()) {
                violations.add(g.name() + " is JDK-only but may depend on " + g.allowed().keySet());
            }
        }
        Map<String, Set<String>> graph = new TreeMap<>();
        GROUPS.values().forEach(g -> graph.put(g.name(), new TreeSet<>(g.allowed().keySet())));
        for (List<String> cycle : cycles(graph)) {
            violations.add("the allow-list itself has a cycle: " + String.join(" -> ", cycle));
        }
        assertNoViolations("the architecture table", violations);
    }

    @Test
    @DisplayName("Rule 1: org.pgm4j packages depend only on what the architecture table allows")
    void dependenciesFollowTheAllowList() {
        List<String> violations = new ArrayList<>();
        Set<String> reportedUnknown = new HashSet<>();
        for (SourceFile f : sources()) {
            Group src = groupOf(f.packageName());
            if (src == null) {
                if (reportedUnknown.add(f.packageName())) {
                    violations.add(at(f, f.packageLine()) + String.format(NOT_IN_TABLE, display(f.packageName())));
                }
                continue;
            }
            for (Dependency d : f.dependencies()) {
                if (!isProject(d.targetPackage())) {
                    continue;
                }
                Group target = groupOf(d.targetPackage());
                if (target == null) {
                    violations.add(at(f, d.line()) + d.describe() + ": " + String.format(NOT_IN_TABLE, d.targetPackage()));
                } else if (target != src) {
                    Set<String> classes = src.allowed().get(target.name());
                    if (classes == null) {
                        violations.add(at(f, d.line()) + d.describe() + ": " + src.name() + " may not depend on "
                                + target.name() + " (" + src.name() + " may depend on: " + src.allowedText() + ")");
                    } else if (!classes.isEmpty() && (d.isWildcard() || !classes.contains(d.targetClass()))) {
                        violations.add(at(f, d.line()) + d.describe() + ": " + src.name() + " may use only "
                                + classes + " of " + target.name()
                                + (d.isWildcard() ? " (import the class explicitly instead of a wildcard)" : ""));
                    }
                }
            }
        }
        assertNoViolations("the allowed-dependency table", violations);
    }

    @Test
    @DisplayName("Rule 1b: JDK-only groups (uses = jdk: pgm.api, pgm.wire, framing, jms.selector) import only the JDK and themselves")
    void leavesUseOnlyTheJdk() {
        List<String> violations = new ArrayList<>();
        for (SourceFile f : sources()) {
            Group src = groupOf(f.packageName());
            if (src == null || src.uses() != Uses.JDK) {
                continue;
            }
            for (Dependency d : f.dependencies()) {
                String p = d.targetPackage();
                boolean ok = isProject(p) ? groupOf(p) == src : isJdk(p);
                if (!ok) {
                    violations.add(at(f, d.line()) + d.describe() + ": " + src.name()
                            + " is JDK-only (no jakarta.*, javax.jms, third-party or other org.pgm4j packages)");
                }
            }
        }
        assertNoViolations("the JDK-only rule", violations);
    }

    @Test
    @DisplayName("Rule 2: jakarta.* is used only by jms, jms.message, jndi and ra")
    void jakartaOnlyInTheMessagingLayer() {
        List<String> allowedIn = GROUPS.values().stream().filter(g -> g.uses() == Uses.JAKARTA).map(Group::name).toList();
        List<String> violations = new ArrayList<>();
        for (SourceFile f : sources()) {
            Group src = groupOf(f.packageName());
            if (src != null && src.uses() == Uses.JAKARTA) {
                continue;
            }
            for (Dependency d : f.dependencies()) {
                if (d.targetPackage().equals("jakarta") || d.targetPackage().startsWith("jakarta.")) {
                    violations.add(at(f, d.line()) + d.describe() + ": "
                            + (src == null ? display(f.packageName()) + " (not in the architecture table)" : src.name())
                            + " may not use jakarta.* (allowed only in " + allowedIn + ")");
                }
            }
        }
        assertNoViolations("the jakarta.* rule", violations);
    }

    @Test
    @DisplayName("Rule 3: no dependency cycles between package groups")
    void noCyclesBetweenGroups() {
        Map<String, Set<String>> graph = new TreeMap<>();
        Map<String, String> evidence = new HashMap<>();
        for (SourceFile f : sources()) {
            String from = nodeOf(f.packageName());
            graph.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency d : f.dependencies()) {
                if (!isProject(d.targetPackage())) {
                    continue;
                }
                String to = nodeOf(d.targetPackage());
                if (!to.equals(from)) {
                    graph.get(from).add(to);
                    graph.computeIfAbsent(to, k -> new TreeSet<>());
                    evidence.putIfAbsent(from + " -> " + to, at(f, d.line()) + d.describe());
                }
            }
        }
        List<String> violations = new ArrayList<>();
        for (List<String> cycle : cycles(graph)) {
            StringBuilder sb = new StringBuilder("cycle ").append(String.join(" -> ", cycle));
            for (int k = 0; k + 1 < cycle.size(); k++) {
                sb.append("\n      ").append(cycle.get(k)).append(" -> ").append(cycle.get(k + 1)).append(": ")
                        .append(evidence.get(cycle.get(k) + " -> " + cycle.get(k + 1)));
            }
            violations.add(sb.toString());
        }
        assertNoViolations("the no-cycles rule", violations);
    }

    @Test
    @DisplayName("Rule 4: inside pgm.engine and jms no child package imports its parent package")
    void noChildImportsItsParent() {
        List<String> violations = new ArrayList<>();
        for (SourceFile f : sources()) {
            String child = f.packageName();
            for (Dependency d : f.dependencies()) {
                String parent = d.targetPackage();
                if (!isProject(parent) || !child.startsWith(parent + ".")) {
                    continue; // not an ancestor
                }
                for (String scope : CHILD_MUST_NOT_IMPORT_PARENT) {
                    String scopePackage = ROOT + "." + scope;
                    boolean inScope = parent.equals(scopePackage) || parent.startsWith(scopePackage + ".");
                    if (inScope && !isParentException(child, parent)) {
                        violations.add(at(f, d.line()) + d.describe() + ": " + child + " must not import its parent "
                                + parent + " (rule 4 scope " + scope + "; move the shared type down or into a sibling)");
                        break;
                    }
                }
            }
        }
        assertNoViolations("the no-child-imports-parent rule", violations);
    }

    @Test
    @DisplayName("Rule 5: pgm.engine reads no wall or monotonic clock directly and never uses synchronized")
    void engineIsDeterministic() {
        List<String> violations = new ArrayList<>();
        for (SourceFile f : sources()) {
            Group src = groupOf(f.packageName());
            if (src == null || !DETERMINISTIC_GROUPS.contains(src.name())) {
                continue;
            }
            TreeMap<Integer, List<String>> byLine = new TreeMap<>();
            Set<Integer> staticImportLines = f.dependencies().stream()
                    .filter(d -> d.kind() == Kind.STATIC_IMPORT).map(Dependency::line).collect(Collectors.toSet());
            for (Forbidden forbidden : FORBIDDEN_IN_DETERMINISTIC_CODE) {
                Matcher m = forbidden.pattern().matcher(f.code());
                while (m.find()) {
                    if (staticImportLines.contains(f.lineOf(m.start()))) {
                        continue; // reported below as a static import
                    }
                    byLine.computeIfAbsent(f.lineOf(m.start()), k -> new ArrayList<>())
                            .add("uses " + forbidden.label() + " (" + forbidden.hint() + ")");
                }
            }
            for (Dependency d : f.dependencies()) {
                if (d.kind() == Kind.STATIC_IMPORT && FORBIDDEN_STATIC_IMPORT.matcher(d.text()).matches()) {
                    byLine.computeIfAbsent(d.line(), k -> new ArrayList<>()).add(d.describe() + " (" + CLOCK_HINT + ")");
                }
            }
            byLine.forEach((line, messages) -> messages.forEach(msg -> violations.add(at(f, line) + msg)));
        }
        assertNoViolations("the deterministic-engine rule", violations);
    }

    @Test
    @DisplayName("Rule 6: every package directory with .java files has a package-info.java")
    void everyPackageHasPackageInfo() throws IOException {
        Path top = sourceRoot().resolve(ROOT.replace('.', '/'));
        assertTrue(Files.isDirectory(top), () -> "missing " + top.toAbsolutePath());
        List<String> violations = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(top)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (hasJavaFiles(dir) && !Files.isRegularFile(dir.resolve("package-info.java"))) {
                    violations.add(dir + ": no package-info.java");
                }
            }
        }
        assertNoViolations("the package-info rule", violations);
    }

    @Test
    @DisplayName("Rule 6b: every file declares the package of its directory (the rules trust the declarations)")
    void packageDeclarationsMatchDirectories() {
        List<String> violations = new ArrayList<>();
        for (SourceFile f : sources()) {
            Path dir = sourceRoot().relativize(f.path()).getParent();
            String expected = dir == null ? "" : dir.toString().replace(dir.getFileSystem().getSeparator(), ".");
            if (!expected.equals(f.packageName())) {
                violations.add(at(f, f.packageLine()) + "declares package " + display(f.packageName())
                        + " but lives in " + display(expected));
            }
        }
        assertNoViolations("the package-matches-directory rule", violations);
    }

    // ------------------------------------------------------------------------------------------- rule 7: the scanner

    @Test
    @DisplayName("Rule 7a: the scanner finds the provider sources, including org.pgm4j.pgm.wire")
    void scannerFindsSources() {
        List<SourceFile> files = sources();
        assertFalse(files.isEmpty(), () -> "no .java files under " + sourceRoot().toAbsolutePath());
        Set<String> packages = files.stream().map(SourceFile::packageName).collect(Collectors.toSet());
        assertTrue(packages.contains("org.pgm4j.pgm.wire"), () -> "org.pgm4j.pgm.wire not found in " + packages);
        assertEquals(GROUPS.get("pgm.wire"), groupOf("org.pgm4j.pgm.wire"));
        assertEquals(GROUPS.get("pgm.engine"), groupOf("org.pgm4j.pgm.engine.receiver"));
        assertEquals(GROUPS.get("jms.message"), groupOf("org.pgm4j.jms.message"));
        assertEquals(null, groupOf("org.pgm4j.pgm.transport.quic"), "pgm.transport is an exact group");
        assertEquals(null, groupOf("org.pgm4j.pgm.util"), "pgm is an exact group");
        assertTrue(isJdk("java.util") && isJdk("javax.naming.spi") && !isJdk("javax.jms") && !isJdk("jakarta.jms"));
    }

    @Test
    @DisplayName("Rule 7b: comments, strings, text blocks and char literals are blanked without moving lines")
    void strippingBlanksCommentsAndLiterals() {
        String source = String.join("\n",
                "int a = 1; // org.pgm4j.x.Y \"q\"",
                "/* synchronized",
                "   */ int b = 2;",
                "String s = \"a\\\"b // c\"; char q = '\\''; char d = '\"'; int e = 3;",
                "String t = \"\"\"",
                "    text \\\"\"\" \"quoted\" synchronized",
                "    \"\"\"; int f = 4; /* x */ int g = 5;",
                "String u = \"/* not a comment */\"; int h = 6;");
        String expected = String.join("\n",
                "int a = 1; " + " ".repeat(20),
                " ".repeat(15),
                "   " + "   int b = 2;",
                "String s = " + " ".repeat(11) + "; char q = " + " ".repeat(4) + "; char d = " + " ".repeat(3)
                        + "; int e = 3;",
                "String t = " + " ".repeat(3),
                " ".repeat(35),
                " ".repeat(7) + "; int f = 4; " + " ".repeat(7) + " int g = 5;",
                "String u = " + " ".repeat(21) + "; int h = 6;");
        assertEquals(expected, JavaSources.strip(source));
        assertEquals(source.length(), JavaSources.strip(source).length());
        String crlf = "a /* x\r\n y */ b // z\r\nc";
        assertEquals("a     \r\n      b     \r\nc", JavaSources.strip(crlf));
    }

    @Test
    @DisplayName("Rule 7c: imports, static imports and qualified names are found; those in comments and strings are not")
    void dependencyExtraction() {
        String source = String.join("\n",
                "/* import org.pgm4j.jms.Hidden; */ package org.pgm4j.pgm.engine.receiver;",
                "import java.util.List;",
                "import static org.pgm4j.pgm.wire.SequenceNumbers.lessThan;",
                "import org.pgm4j.pgm.transport.*;",
                "import jakarta.jms.Message.Nested;",
                "// import org.pgm4j.jms.Commented;",
                "class X {",
                "  String s = \"org.pgm4j.jms.InString\"; String t = \"\"\"",
                "      org.pgm4j.jms.InTextBlock",
                "      \"\"\";",
                "  org.pgm4j.pgm.api.PgmSocket socket = org.pgm4j.pgm.PgmStacks .create();",
                "  Object o = jakarta.jms.Session.AUTO_ACKNOWLEDGE; int n = xorg.pgm4j.Z;",
                "}");
        SourceFile f = JavaSources.parse(Path.of("X.java"), source);
        assertEquals("org.pgm4j.pgm.engine.receiver", f.packageName());
        assertEquals(1, f.packageLine());
        List<String> found = f.dependencies().stream()
                .map(d -> d.line() + " " + d.kind() + " " + d.targetPackage() + " " + d.targetClass())
                .toList();
        assertEquals(List.of(
                "2 import java.util List",
                "3 import static org.pgm4j.pgm.wire SequenceNumbers",
                "4 import org.pgm4j.pgm.transport null",
                "5 import jakarta.jms Message",
                "11 qualified name org.pgm4j.pgm.api PgmSocket",
                "11 qualified name org.pgm4j.pgm PgmStacks",
                "12 qualified name jakarta.jms Session"), found);
    }

    @Test
    @DisplayName("Rule 7d: the cycle finder reports a closed path per cycle and nothing for a DAG")
    void cycleFinder() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of(
                "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of(), "e", Set.of("a")));
        assertEquals(List.of(List.of("a", "b", "c", "a")), cycles(graph));
        graph.put("c", Set.of("d"));
        assertEquals(List.of(), cycles(graph));
    }

    // ------------------------------------------------------------------------------------------------------- support

    private enum Uses { JDK, JAKARTA, ANY }

    /** One row of {@link #ARCHITECTURE}; {@code allowed} maps a target group to its allowed classes (empty = all). */
    private record Group(String name, String packageName, boolean tree, Uses uses, Map<String, Set<String>> allowed) {

        boolean contains(String pkg) {
            return pkg.equals(packageName) || (tree && pkg.startsWith(packageName + "."));
        }

        String allowedText() {
            return allowed.isEmpty() ? "nothing" : allowed.entrySet().stream()
                    .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + e.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    private record Forbidden(String label, Pattern pattern, String hint) {
        Forbidden(String label, String regex, String hint) {
            this(label, Pattern.compile(regex), hint);
        }
    }

    private static Map<String, Group> parseTable(String table) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (String raw : table.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\\s+", 4);
            if (cols.length != 4) {
                throw new IllegalArgumentException("architecture table: expected 4 columns in: " + line);
            }
            boolean tree = switch (cols[1]) {
                case "tree" -> true;
                case "exact" -> false;
                default -> throw new IllegalArgumentException("architecture table: scope must be tree|exact: " + line);
            };
            Uses uses = switch (cols[2]) {
                case "jdk" -> Uses.JDK;
                case "jakarta" -> Uses.JAKARTA;
                case "-" -> Uses.ANY;
                default -> throw new IllegalArgumentException("architecture table: uses must be jdk|jakarta|-: " + line);
            };
            Map<String, Set<String>> allowed = new LinkedHashMap<>();
            if (!cols[3].equals("-")) {
                for (String entry : cols[3].split(",")) {
                    String[] parts = entry.strip().split("#", 2);
                    Set<String> classes = parts.length == 1 ? Set.of() : Set.of(parts[1].split("\\|"));
                    allowed.put(parts[0], classes);
                }
            }
            if (groups.put(cols[0], new Group(cols[0], ROOT + "." + cols[0], tree, uses, allowed)) != null) {
                throw new IllegalArgumentException("architecture table: duplicate group " + cols[0]);
            }
        }
        return Collections.unmodifiableMap(groups);
    }

    /** The most specific group containing {@code pkg}, or {@code null} when the table does not cover it. */
    private static Group groupOf(String pkg) {
        Group best = null;
        for (Group g : GROUPS.values()) {
            if (g.contains(pkg) && (best == null || g.packageName().length() > best.packageName().length())) {
                best = g;
            }
        }
        return best;
    }

    /** Graph node for rule 3: the group name, or the package itself when it is not in the table. */
    private static String nodeOf(String pkg) {
        Group g = groupOf(pkg);
        return g != null ? g.name() : display(pkg);
    }

    private static boolean isProject(String pkg) {
        return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".");
    }

    private static boolean isJdk(String pkg) {
        return JDK_PACKAGES.contains(pkg) || pkg.startsWith("java.");
    }

    private static boolean isParentException(String child, String parent) {
        for (String exception : CHILD_PARENT_EXCEPTIONS) {
            String[] sides = exception.split("->");
            String c = ROOT + "." + sides[0].strip();
            String p = ROOT + "." + sides[1].strip();
            if (parent.equals(p) && (child.equals(c) || child.startsWith(c + "."))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasJavaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".java"));
        }
    }

    /**
     * One shortest cycle per strongly connected component with more than one node (Tarjan, then a BFS from the
     * component's first node back to itself), each as a closed path {@code a, b, ..., a}.
     */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<List<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                strongConnect(v, graph, index, low, stack, onStack, components, counter);
            }
        }
        List<List<String>> cycles = new ArrayList<>();
        for (List<String> component : components) {
            if (component.size() < 2) {
                continue;
            }
            Set<String> members = new TreeSet<>(component);
            String start = members.iterator().next();
            Map<String, String> previous = new HashMap<>();
            Deque<String> queue = new ArrayDeque<>(List.of(start));
            String last = null;
            while (!queue.isEmpty() && last == null) {
                String v = queue.poll();
                for (String w : graph.getOrDefault(v, Set.of())) {
                    if (w.equals(start)) {
                        last = v;
                        break;
                    }
                    if (members.contains(w) && !previous.containsKey(w)) {
                        previous.put(w, v);
                        queue.add(w);
                    }
                }
            }
            List<String> path = new ArrayList<>();
            path.add(start);
            for (String v = last; v != null && !v.equals(start); v = previous.get(v)) {
                path.add(v);
            }
            path.add(start);
            Collections.reverse(path);
            cycles.add(path);
        }
        return cycles;
    }

    private static void strongConnect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                      Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                      List<List<String>> components, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strongConnect(w, graph, index, low, stack, onStack, components, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            components.add(component);
        }
    }

    private static Path sourceRoot() {
        if (sourceRoot == null) {
            List<Path> candidates = List.of(Path.of("src", "main", "java"), Path.of("provider", "src", "main", "java"));
            sourceRoot = candidates.stream().filter(Files::isDirectory).findFirst().orElseGet(() -> fail(
                    "cannot find the provider sources: none of " + candidates.stream()
                            .map(p -> p.toAbsolutePath().toString()).toList()
                            + " is a directory (working directory " + Path.of("").toAbsolutePath()
                            + "; run from the provider module directory, as Maven does)"));
        }
        return sourceRoot;
    }

    private static List<SourceFile> sources() {
        if (sources == null) {
            try {
                sources = JavaSources.scan(sourceRoot());
            } catch (UncheckedIOException e) {
                fail("cannot read the provider sources under " + sourceRoot().toAbsolutePath(), e);
            }
        }
        return sources;
    }

    private static String at(SourceFile f, int line) {
        return f.path() + ":" + line + ": ";
    }

    private static String display(String pkg) {
        return pkg.isEmpty() ? "(default package)" : pkg;
    }

    private static void assertNoViolations(String rule, Collection<String> violations) {
        if (!violations.isEmpty()) {
            Set<String> unique = new LinkedHashSet<>(violations);
            fail(unique.size() + " violation(s) of " + rule + ":\n  - " + String.join("\n  - ", unique)
                    + "\n(the table is ARCHITECTURE in " + ArchitectureTest.class.getName() + ")");
        }
    }
}
