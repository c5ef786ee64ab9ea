package org.pgm4j.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A deliberately small, text-based Java source scanner for {@code ArchitectureTest}: it blanks comments and literals,
 * then reads the {@code package} declaration, the {@code import} / {@code import static} declarations and
 * fully-qualified references to {@code org.pgm4j.} and {@code jakarta.} names in code.
 *
 * <p>Known limits (acceptable for an architecture check): Unicode escapes ({@code \u0022}) are not translated, and the
 * package of an imported name is found by the Java naming convention (the first segment starting with an upper-case
 * letter is the top-level class), falling back to the shape of the declaration when no segment is upper-case.
 */
public final class JavaSources {

    /** How a dependency was written. */
    public enum Kind {
        IMPORT("import"),
        STATIC_IMPORT("import static"),
        QUALIFIED_NAME("qualified name");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * One dependency of a source file.
     *
     * @param kind          import, static import or fully-qualified name in code
     * @param targetPackage the package the referenced type lives in
     * @param targetClass   the referenced top-level class, or {@code null} for a wildcard import of a package
     * @param text          the name as written (whitespace removed), for messages
     * @param line          1-based line of the reference
     */
    public record Dependency(Kind kind, String targetPackage, String targetClass, String text, int line) {

        public boolean isWildcard() {
            return targetClass == null;
        }

        /** A readable form such as {@code import static org.x.Y.z}. */
        public String describe() {
            return kind == Kind.QUALIFIED_NAME ? "uses " + text : kind + " " + text;
        }
    }

    /**
     * One parsed source file.
     *
     * @param path         the file
     * @param packageName  declared package, {@code ""} for the default package
     * @param packageLine  1-based line of the package declaration (1 when absent)
     * @param code         the source with comments and literals blanked (same length and line structure)
     * @param dependencies imports and fully-qualified references, in source order
     */
    public record SourceFile(Path path, String packageName, int packageLine, String code,
                             List<Dependency> dependencies) {

        /** 1-based line number of a character offset into {@link #code()}. */
        public int lineOf(int offset) {
            return JavaSources.lineOf(code, offset);
        }

        public boolean isPackageInfo() {
            return path.getFileName().toString().equals("package-info.java");
        }
    }

    private static final String IDENT = "[\\p{L}_$][\\p{L}\\p{N}_$]*";
    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+(" + IDENT + "(?:\\s*\\.\\s*" + IDENT + ")*)\\s*;");
    private static final Pattern IMPORT = Pattern.compile(
            "\\bimport\\s+(static\\s+)?(" + IDENT + "(?:\\s*\\.\\s*" + IDENT + ")*(?:\\s*\\.\\s*\\*)?)\\s*;");
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\p{L}\\p{N}_$.])((?:org\\s*\\.\\s*pgm4j|jakarta)(?:\\s*\\.\\s*" + IDENT + ")+)");

    private JavaSources() {
    }

    /** Every {@code .java} file below {@code root} except {@code module-info.java}, parsed, sorted by path. */
    public static List<SourceFile> scan(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals("module-info.java"))
                    .sorted(Comparator.comparing(Path::toString))
                    .map(p -> parse(p, read(p)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + root, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses one source text; {@code path} is only recorded. */
    public static SourceFile parse(Path path, String source) {
        String code = strip(source);
        char[] rest = code.toCharArray(); // code with package/import declarations blanked, for the qualified-name scan

        String packageName = "";
        int packageLine = 1;
        Matcher pm = PACKAGE.matcher(code);
        if (pm.find()) {
            packageName = noSpace(pm.group(1));
            packageLine = lineOf(code, pm.start());
            blank(rest, pm.start(), pm.end());
        }

        List<Dependency> deps = new ArrayList<>();
        Matcher im = IMPORT.matcher(code);
        while (im.find()) {
            boolean isStatic = im.group(1) != null;
            String name = noSpace(im.group(2));
            deps.add(importDependency(isStatic, name, lineOf(code, im.start())));
            blank(rest, im.start(), im.end());
        }

        Matcher qm = QUALIFIED.matcher(new String(rest));
        while (qm.find()) {
            String name = noSpace(qm.group(1));
            String[] parts = name.split("\\.");
            int cls = firstUpperCase(parts);
            String pkg = cls < 0 ? name : join(parts, 0, cls);
            String clazz = cls < 0 ? null : parts[cls];
            deps.add(new Dependency(Kind.QUALIFIED_NAME, pkg, clazz, name, lineOf(code, qm.start())));
        }
        deps.sort(Comparator.comparingInt(Dependency::line));
        return new SourceFile(path, packageName, packageLine, code, List.copyOf(deps));
    }

    /** Maps an import declaration's name to the package and top-level class it refers to. */
    static Dependency importDependency(boolean isStatic, String name, int line) {
        Kind kind = isStatic ? Kind.STATIC_IMPORT : Kind.IMPORT;
        boolean wildcard = name.endsWith(".*");
        String[] parts = (wildcard ? name.substring(0, name.length() - 2) : name).split("\\.");
        int cls = firstUpperCase(parts);
        if (cls >= 0) {
            return new Dependency(kind, join(parts, 0, cls), parts[cls], name, line);
        }
        // No upper-case segment: fall back to the declaration's shape.
        int classIndex = wildcard ? (isStatic ? parts.length - 1 : -1) : (isStatic ? parts.length - 2 : parts.length - 1);
        if (classIndex < 0) {
            return new Dependency(kind, join(parts, 0, parts.length), null, name, line);
        }
        return new Dependency(kind, join(parts, 0, classIndex), parts[classIndex], name, line);
    }

    /**
     * Returns {@code source} with every character of every comment, string literal, text block and character literal
     * replaced by a space, except line terminators, which are kept. The result has the same length and the same line
     * structure as the input, so offsets and line numbers carry over.
     */
    public static String strip(String source) {
        char[] s = source.toCharArray();
        int n = s.length;
        int i = 0;
        while (i < n) {
            char c = s[i];
            char next = i + 1 < n ? s[i + 1] : '\0';
            int end;
            if (c == '/' && next == '/') {
                end = i + 2;
                while (end < n && s[end] != '\n' && s[end] != '\r') {
                    end++;
                }
            } else if (c == '/' && next == '*') {
                int close = source.indexOf("*/", i + 2);
                end = close < 0 ? n : close + 2;
            } else if (c == '"' && source.startsWith("\"\"\"", i)) {
                end = i + 3;
                while (end < n && !source.startsWith("\"\"\"", end)) {
                    end += s[end] == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < n && s[end] != c && s[end] != '\n' && s[end] != '\r') {
                    end += s[end] == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
            } else {
                i++;
                continue;
            }
            blank(s, i, end);
            i = end;
        }
        return new String(s);
    }

    /** 1-based line number of {@code offset} in {@code text} (CR, LF and CRLF all end a line). */
    public static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }

    private static void blank(char[] s, int from, int to) {
        for (int k = from; k < to && k < s.length; k++) {
            if (s[k] != '\n' && s[k] != '\r') {
                s[k] = ' ';
            }
        }
    }

    private static int firstUpperCase(String[] parts) {
        for (int k = 0; k < parts.length; k++) {
            if (!parts[k].isEmpty() && Character.isUpperCase(parts[k].charAt(0))) {
                return k;
            }
        }
        return -1;
    }

    private static String join(String[] parts, int from, int to) {
        return String.join(".", Arrays.asList(parts).subList(from, to));
    }

    private static String noSpace(String s) {
        return s.replaceAll("\\s+", "");
    }
}
