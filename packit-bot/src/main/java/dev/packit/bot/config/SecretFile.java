package dev.packit.bot.config;

import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import dev.packit.core.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A secret kept in a file (a token, a password, a webhook secret, a private key), read when it is
 * used, not when the config loads: a rotated file is picked up, and the value lives in memory
 * only as long as the caller keeps it. {@link #toString()} shows the path, never the content.
 *
 * <pre>{@code
 * SecretFile f = config.distGit().tokenFile().orElseThrow();
 * Secret token = f.read();             // "Secret[***]" when printed
 * String header = "token " + token.reveal();
 * }</pre>
 *
 * <p>The loader checks that the file exists, is a regular file and is not readable by others
 * (POSIX "other" bits); the content is read by {@link #read()} only.
 *
 * @param path the file, absolute
 * @param key the config key that named it ({@code dist_git.token_file}), for error messages
 */
public record SecretFile(Path path, String key) {
  /** Validates the components. */
  public SecretFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(key, "key");
  }

  /**
   * Reads the secret: the file's content as UTF-8 with trailing line breaks and spaces removed
   * (editors and {@code echo} add a newline).
   *
   * @return the secret
   * @throws InvalidInputException when the file cannot be read; the message names the key and
   *     the path, never the content
   */
  public Secret read() {
    try {
      return Secret.of(Files.readString(path, StandardCharsets.UTF_8).stripTrailing());
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(new InputLocation(path.toString(), 0, 0, key),
          "cannot read the secret file: " + e.getClass().getSimpleName(), null);
    }
  }

  /**
   * Reads the file's raw bytes, for keys and keytabs that are not text.
   *
   * @return the bytes; the caller clears them when done
   * @throws InvalidInputException when the file cannot be read
   */
  public byte[] readBytes() {
    try {
      return Files.readAllBytes(path);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(new InputLocation(path.toString(), 0, 0, key),
          "cannot read the secret file: " + e.getClass().getSimpleName(), null);
    }
  }

  @Override
  public String toString() {
    return "SecretFile[" + path + "]";
  }
}
