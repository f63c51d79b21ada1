package dev.packit.forge;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The content of one file at a ref.
 *
 * <pre>{@code
 * Optional<FileContent> cfg = forge.file(RepoId.of("packit/ogr"), ".packit.yaml", "main");
 * String yaml = cfg.map(FileContent::text).orElse("");
 * }</pre>
 *
 * @param path the path in the repository
 * @param ref the branch, tag or commit it was read at
 * @param bytes the raw content (a copy is kept and returned)
 */
public record FileContent(String path, String ref, byte[] bytes) {
  /** Copies the bytes. */
  public FileContent {
    Objects.requireNonNull(path, "path == null");
    ref = ref == null ? "" : ref;
    bytes = bytes.clone();
  }

  /** Returns a copy of the raw content. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Returns the content decoded as UTF-8. */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Returns the size in bytes. */
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileContent f && path.equals(f.path) && ref.equals(f.ref) && java.util.Arrays.equals(bytes, f.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, ref, java.util.Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return "FileContent[path=" + path + ", ref=" + ref + ", size=" + bytes.length + "]";
  }
}
