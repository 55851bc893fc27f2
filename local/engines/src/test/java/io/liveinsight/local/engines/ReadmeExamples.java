package io.liveinsight.local.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles the {@code ```java} blocks of a README against the test classpath, so an example that no longer matches
 * the API fails a build. A block that declares a type is compiled as it is, after the wrapper's imports; any other
 * block is a run of statements, put in a method whose parameters the wrapper names. Blocks use only public API: they
 * are compiled in the unnamed package.
 */
final class ReadmeExamples {

    /** What a README's blocks assume: {@code imports} (such as {@code java.time.Duration} or {@code a.b.*}), and the
     * parameters (such as {@code LocalAws aws}) that statements may use. */
    record Wrapper(List<String> imports, String parameters) {}

    /** One block, {@code line} being the README's line of its first line of code. */
    record Block(int line, String code) {}

    private static final Pattern DECLARATION = Pattern.compile(
            "^\\s*(@\\w+(\\(.*\\))?\\s+)*((public|final|abstract|sealed)\\s+)*(class|record|interface|enum)\\s",
            Pattern.MULTILINE);

    private ReadmeExamples() {}

    static List<Block> javaBlocks(Path readme) {
        List<String> lines = readLines(readme);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) {
                continue;
            }
            int first = i + 1;
            int end = first;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            blocks.add(new Block(first + 1, String.join("\n", lines.subList(first, end))));
            i = end;
        }
        return blocks;
    }

    /** The compiler's errors as {@code README:line: message}; empty when every block compiles. */
    static List<String> compileErrors(Path readme, Wrapper wrapper) {
        List<Block> blocks = javaBlocks(readme);
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            units.add(Unit.of("ReadmeExample" + i, blocks.get(i), wrapper));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path classes = temporaryDirectory();
        try {
            List<String> options = List.of(
                    "-proc:none", "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
            compiler.getTask(null, null, diagnostics, options, null, units).call();
        } finally {
            deleteRecursively(classes);
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(describe(readme, diagnostic));
            }
        }
        return errors;
    }

    private static String describe(Path readme, Diagnostic<? extends JavaFileObject> diagnostic) {
        if (!(diagnostic.getSource() instanceof Unit unit)) {
            return diagnostic.getMessage(Locale.ROOT);
        }
        long readmeLine = unit.block.line() + diagnostic.getLineNumber() - 1 - unit.prefixLines;
        return readme + ":" + readmeLine + ": " + diagnostic.getMessage(Locale.ROOT) + "\n    "
                + unit.source
                        .lines()
                        .skip(diagnostic.getLineNumber() - 1)
                        .findFirst()
                        .orElse("");
    }

    /** One block as a compilation unit, with the lines the wrapper put before it. */
    private static final class Unit extends SimpleJavaFileObject {
        private final Block block;
        private final String source;
        private final int prefixLines;

        private Unit(String name, Block block, String prefix) {
            super(URI.create("string:///" + name + Kind.SOURCE.extension), Kind.SOURCE);
            this.block = block;
            this.source =
                    prefix + block.code() + (DECLARATION.matcher(block.code()).find() ? "\n" : "\n}\n}\n");
            this.prefixLines = (int) prefix.lines().count();
        }

        static Unit of(String name, Block block, Wrapper wrapper) {
            StringBuilder prefix = new StringBuilder();
            wrapper.imports()
                    .forEach(type -> prefix.append("import ").append(type).append(";\n"));
            if (!DECLARATION.matcher(block.code()).find()) {
                prefix.append("class ").append(name).append(" {\n");
                prefix.append("void example(").append(wrapper.parameters()).append(") throws Exception {\n");
            }
            return new Unit(name, block, prefix.toString());
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }

    private static List<String> readLines(Path readme) {
        try {
            return Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("readme-examples");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
