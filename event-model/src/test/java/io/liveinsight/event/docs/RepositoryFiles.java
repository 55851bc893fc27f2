package io.liveinsight.event.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The repository as the doc tests read it: its root (the folder with {@code mvnw}) and its source files. */
public final class RepositoryFiles {

    /** Folders that hold no source of ours: build output, installed packages, version control, IDE settings. */
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", "out", "build", "cdk.out");

    private RepositoryFiles() {}

    /** The repository root: the working directory or the nearest folder above it that holds {@code mvnw}. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "no folder with mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The text of a file, relative to the root. */
    public static String read(String relativePath) {
        try {
            return Files.readString(root().resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every *.java, *.md, *.js, *.sh file and every file in a {@code bin} folder, outside build output. */
    public static List<Path> sources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !skipped(root.relativize(file)))
                    .filter(RepositoryFiles::isSource)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (SKIPPED.contains(name) || (name.startsWith(".") && !name.equals("."))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSource(Path file) {
        String name = file.getFileName().toString();
        Path parent = file.getParent();
        return name.endsWith(".java")
                || name.endsWith(".md")
                || name.endsWith(".js")
                || name.endsWith(".sh")
                || (parent != null && parent.getFileName().toString().equals("bin"));
    }
}
