package dev.packit.fedora.internal.workflow;

import dev.packit.core.PackitClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Path checks shared by the file work: lexical normalisation that refuses to climb above the
 * root, and the rule that a symbolic link is never passed through.
 *
 * <pre>{@code
 * SafePaths.normalize("a/./b/../c");   // "a/c"
 * SafePaths.normalize("../x");         // null: leaves the root
 * }</pre>
 */
public final class SafePaths {
  private SafePaths() {}

  /**
   * Normalises a relative {@code /}-separated path without touching the disk.
   *
   * @param path the path
   * @return the normalised path ({@code ""} for the root), or {@code null} when it is absolute
   *     or climbs above the root
   */
  public static String normalize(String path) {
    if (path.startsWith("/") || path.contains("\0") || path.matches("^[A-Za-z]:.*") || path.contains("\\")) {
      return null;
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(p);
      }
    }
    return String.join("/", parts);
  }

  /**
   * Requires a relative path that stays inside its root.
   *
   * @param label what the path is, for the message
   * @param path the path
   * @return the normalised path
   */
  public static String requireRelative(String label, String path) {
    String n = normalize(path);
    if (n == null) {
      throw new PackitClientException(label + " '" + path + "' " + (path.startsWith("/") ? "is absolute" : "leaves the repository"));
    }
    return n;
  }

  /**
   * Returns the first existing component of {@code rel} under {@code root}, before its last one,
   * that is a symbolic link, or {@code null}.
   *
   * @param root the repository
   * @param rel a normalised relative path
   * @return the link's relative path, or {@code null}
   */
  public static String linkOnTheWay(Path root, String rel) {
    if (rel.isEmpty()) {
      return null;
    }
    String[] parts = rel.split("/");
    Path p = root;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      p = p.resolve(parts[i]);
      sb.append(i == 0 ? "" : "/").append(parts[i]);
      if (Files.isSymbolicLink(p)) {
        return sb.toString();
      }
    }
    return null;
  }

  /**
   * Refuses a path with a symbolic link among its parent folders.
   *
   * @param root the repository
   * @param rel a normalised relative path
   * @param label what the path is, for the message
   */
  public static void requireNoLinkOnTheWay(Path root, String rel, String label) {
    String link = linkOnTheWay(root, rel);
    if (link != null) {
      throw new PackitClientException(label + " passes through the symbolic link " + link + "; links are not followed");
    }
  }
}
