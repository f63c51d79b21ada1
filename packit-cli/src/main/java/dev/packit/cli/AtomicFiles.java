package dev.packit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files the command writes for the user: whole or not at all, never half-written. */
final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code text} to a temporary file beside {@code file}, then moves it into place.
   *
   * @param file the file to create or replace; its folder is created when missing
   * @param text the content, UTF-8
   * @throws IOException when writing or moving fails (the temporary file is removed)
   */
  static void write(Path file, String text) throws IOException {
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
