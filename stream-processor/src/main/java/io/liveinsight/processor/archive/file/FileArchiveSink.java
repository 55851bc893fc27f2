package io.liveinsight.processor.archive.file;

import io.liveinsight.event.archive.ArchiveLayout;
import io.liveinsight.processor.archive.ArchiveFile;
import io.liveinsight.processor.archive.ArchiveRecord;
import io.liveinsight.processor.archive.ArchiveSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The archive in a local folder, in the layout Firehose writes to S3 (docs/contract/archive.md#layout):
 * {@code <root>/dt=YYYY-MM-DD/hour=HH/<prefix>-<shard>-<yyyy-MM-dd-HH-mm-ss>-<uuid>.ndjson.gz}, gzip, each record's
 * data followed by {@code \n}. A file is written under a hidden temporary name ({@code .<name>.tmp}, which no reader
 * of {@code *.ndjson.gz} picks up), forced to disk, renamed atomically, and its folder forced too: a reader sees the
 * whole file or none of it, and a file that was there survives a crash of the machine.
 */
public final class FileArchiveSink implements ArchiveSink {

    /** Ends the name of a file being written. */
    public static final String TEMP_SUFFIX = ".tmp";

    private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
    private static final int GZIP_BUFFER = 64 * 1024;

    private final Path root;
    private final String prefix;
    private final Clock clock;

    /**
     * @param root the archive folder (must exist: {@link #prepare})
     * @param prefix what file names start with (the stream's name, as Firehose starts them with its own)
     */
    public FileArchiveSink(Path root, String prefix, Clock clock) {
        if (!NAME_PART.matcher(prefix).matches()) {
            throw new IllegalArgumentException("archive file prefix must be 1-256 of A-Z a-z 0-9 _ . -, is " + prefix);
        }
        this.root = root.toAbsolutePath().normalize();
        this.prefix = prefix;
        this.clock = clock;
    }

    /**
     * Creates the archive folder if needed and checks that it is a folder this process can write.
     *
     * @return its absolute path
     * @throws IOException saying why it cannot be used
     */
    public static Path prepare(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IOException(absolute + " exists and is not a folder");
        }
        Files.createDirectories(absolute);
        if (!Files.isWritable(absolute)) {
            throw new AccessDeniedException(absolute.toString(), null, "not writable by this process");
        }
        return absolute;
    }

    @Override
    public Written write(ArchiveFile file) throws IOException {
        boolean partition = ArchiveLayout.hourOf(file.partition())
                .map(ArchiveLayout::partition)
                .filter(file.partition()::equals)
                .isPresent();
        if (!partition) {
            throw new IllegalArgumentException("not an archive partition: " + file.partition());
        }
        if (!NAME_PART.matcher(file.shardId()).matches()) {
            throw new IllegalArgumentException("shard id not usable in a file name: " + file.shardId());
        }
        Path folder = folder(file.partition());
        String name = prefix + "-" + file.shardId() + "-" + NAME_TIME.format(clock.instant()) + "-" + UUID.randomUUID()
                + ArchiveLayout.FILE_SUFFIX;
        Path target = folder.resolve(name);
        Path temp = folder.resolve("." + name + TEMP_SUFFIX);
        try {
            writeGzip(temp, file.records());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncFolder(folder);
        return new Written(root.relativize(target).toString().replace('\\', '/'), Files.size(target));
    }

    /** The partition's folder, created (and its creation made durable) if it is new. */
    private Path folder(String partition) throws IOException {
        Path folder = root.resolve(partition).normalize();
        if (!folder.startsWith(root)) {
            throw new IllegalArgumentException("partition outside the archive: " + partition);
        }
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            syncFolder(folder.getParent());
            syncFolder(folder.getParent().getParent());
        }
        return folder;
    }

    private static void writeGzip(Path temp, List<ArchiveRecord> records) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                GZIPOutputStream gzip = new GZIPOutputStream(Channels.newOutputStream(channel), GZIP_BUFFER)) {
            for (ArchiveRecord record : records) {
                gzip.write(record.data());
                gzip.write('\n');
            }
            gzip.finish();
            channel.force(true);
        }
    }

    /** Makes a folder's entries durable (a new file's name, a rename). Platforms that cannot open a folder skip it. */
    private static void syncFolder(Path folder) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(folder, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return; // Windows: a folder cannot be opened as a channel, and NTFS journals the rename itself
        }
        try (channel) {
            channel.force(true);
        }
    }

    /**
     * Deletes temporary files a stopped run left behind (a crash between creating one and renaming it), those last
     * changed before {@code before}: a writer of this folder finishes a file within seconds.
     *
     * @return how many were deleted
     */
    public static int removeLeftovers(Path root, Instant before) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root, 3)) {
            List<Path> leftovers = files.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.startsWith(".")
                                && name.endsWith(ArchiveLayout.FILE_SUFFIX + TEMP_SUFFIX)
                                && Files.isRegularFile(path)
                                && modifiedBefore(path, before);
                    })
                    .toList();
            int deleted = 0;
            for (Path leftover : leftovers) {
                if (Files.deleteIfExists(leftover)) {
                    deleted++;
                }
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the archive folder " + root, e);
        }
    }

    private static boolean modifiedBefore(Path path, Instant before) {
        try {
            return Files.getLastModifiedTime(path).toInstant().isBefore(before);
        } catch (IOException e) {
            return false;
        }
    }
}
