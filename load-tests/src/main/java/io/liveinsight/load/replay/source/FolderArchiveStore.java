package io.liveinsight.load.replay.source;

import io.liveinsight.event.archive.ArchiveLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** An archive in a local folder ({@code LIVEINSIGHT_ARCHIVE_DIR}). Symbolic links are not followed. */
public final class FolderArchiveStore implements ArchiveStore {

    private final Path root;

    public FolderArchiveStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "not a folder");
        }
        Path start = root.resolve(prefix).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(ArchiveLayout.FILE_SUFFIX))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root)) {
            throw new NoSuchFileException(name, null, "outside the archive folder");
        }
        return Files.newInputStream(file);
    }
}
