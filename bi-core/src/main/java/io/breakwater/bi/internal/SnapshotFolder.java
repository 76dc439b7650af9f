package io.breakwater.bi.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder written aside and then put in place by renames, so that a reader of the target folder sees either the
 * previous complete export or the new complete one, never a folder half written. The work folder is a hidden sibling
 * of the target (same file system, so the renames are atomic); a failed export deletes it and leaves the target as it
 * was.
 *
 * <p>Replacing an existing target takes two renames (the old folder aside, the new one in): between them the target
 * is briefly absent, which a reader sees as "folder not found", never as a mix of old and new files. The replaced
 * export is kept aside as a hidden {@code .<name>.previous} sibling until the next export replaces it, so a reader
 * that was part-way through it (a Power BI refresh reads file by file) finishes on a whole export instead of seeing its
 * files vanish. The target is replaced whole, so a folder that holds anything but a previous export (its marker file)
 * is refused.
 *
 * @param target the export folder a reader sees
 * @param marker the file that marks a folder as a previous export
 * @param work   the folder to write into
 */
record SnapshotFolder(Path target, String marker, Path work) {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFolder.class);

    /**
     * Checks that {@code target} may be replaced (missing, empty, or a previous export holding {@code marker}) and
     * creates the work folder beside it.
     */
    static SnapshotFolder aside(Path target, String marker) {
        if (Files.isRegularFile(target)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "export folder " + target + " is a file, expected a folder (or a path that does not exist yet)");
        }
        if (Files.isDirectory(target) && !isEmpty(target) && !Files.exists(target.resolve(marker))) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "export folder " + target
                    + " holds files but no " + marker + ": it is not a previous export, and an export replaces its "
                    + "folder whole; choose an empty or new folder");
        }
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
            removeLeftovers(parent, target.getFileName().toString());
            Path work = parent.resolve("." + target.getFileName() + ".writing-" + UUID.randomUUID());
            Files.createDirectory(work);
            return new SnapshotFolder(target, marker, work);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "cannot create a work folder beside " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts the written folder in place of the target. The replaced export becomes the kept previous one; the export
     * kept before it is deleted.
     */
    void commit() {
        if (!Files.exists(work.resolve(marker))) {
            throw new IllegalStateException("snapshot " + work + " has no " + marker);
        }
        Path previous = previous(target);
        boolean replacing = Files.exists(target);
        try {
            if (replacing) {
                deleteQuietly(previous);
                move(target, previous);
            }
            move(work, target);
        } catch (IOException e) {
            if (replacing && !Files.exists(target) && Files.exists(previous)) {
                try {
                    move(previous, target);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw new BreakwaterException(ErrorCode.INTERNAL,
                    "cannot put the export in place at " + target + ": " + e.getMessage(), e);
        }
    }

    /** The hidden sibling that keeps the export replaced last, for readers that were part-way through it. */
    static Path previous(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".previous");
    }

    /** Deletes the work folder after a failed export; the target is left as it was. */
    void abandon() {
        deleteQuietly(work);
    }

    /**
     * Work folders an export killed half-way left beside the target (the target and the kept previous export are
     * never touched).
     */
    private static void removeLeftovers(Path parent, String name) throws IOException {
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path leftover : siblings.filter(p -> p.getFileName().toString().startsWith("." + name + ".writing-"))
                    .toList()) {
                LOG.warn("removing {}, left by an export that did not finish", leftover);
                deleteQuietly(leftover);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to + " cannot rename folders atomically", e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "cannot list export folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
