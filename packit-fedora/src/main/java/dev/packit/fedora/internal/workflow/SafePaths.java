package dev.packit.fedora.internal.workflow;

import dev.packit.core.PackitClientException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Path checks shared by the file work: lexical normalisation that refuses to climb above the
 * root, names that git (or a case-folding file system) would take for {@code .git}, and writes
 * that never follow a symbolic link: every component of a path is looked at with {@code lstat}
 * ({@link LinkOption#NOFOLLOW_LINKS}) right before the write, and a link on the way is an error.
 *
 * <pre>{@code
 * SafePaths.normalize("a/./b/../c");   // "a/c"
 * SafePaths.normalize("../x");         // null: leaves the root
 * SafePaths.gitName("x/.GIT/hooks");   // ".GIT"
 * SafePaths.writeFile(root, "docs/a.md", bytes, false); // refuses if root/docs is a link
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

  /**
   * Characters HFS+ ignores when it compares names, so {@code .g\u200cit} opens {@code .git} there
   * (the list git and JGit check too).
   */
  private static final String HFS_IGNORED = "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
      + "\u206a\u206b\u206c\u206d\u206e\u206f\ufeff";

  /**
   * Whether one path component names the git folder on some file system: {@code .git} in any
   * letter case, with trailing dots or spaces (which Windows drops), with characters HFS+ ignores,
   * with an NTFS stream suffix ({@code .git::$INDEX_ALLOCATION}), or NTFS's short name {@code git~1}.
   * Git itself refuses these names in a tree.
   *
   * @param component one path component
   * @return true when it must never be written
   */
  public static boolean isGitName(String component) {
    StringBuilder sb = new StringBuilder(component.length());
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (HFS_IGNORED.indexOf(c) < 0) {
        sb.append(c);
      }
    }
    String n = sb.toString();
    int colon = n.indexOf(':');
    if (colon >= 0) {
      n = n.substring(0, colon);
    }
    int end = n.length();
    while (end > 0 && (n.charAt(end - 1) == '.' || n.charAt(end - 1) == ' ')) {
      end--;
    }
    n = n.substring(0, end).toLowerCase(Locale.ROOT);
    return n.equals(".git") || n.equals("git~1");
  }

  /**
   * The first component of a {@code /}-separated path that {@link #isGitName names the git folder},
   * or {@code null}.
   *
   * @param rel a relative path
   * @return the component as written, or {@code null}
   */
  public static String gitName(String rel) {
    for (String part : rel.split("/")) {
      if (isGitName(part)) {
        return part;
      }
    }
    return null;
  }

  /**
   * Refuses a path any of whose components names the git folder.
   *
   * @param label what the path is, for the message
   * @param rel the path
   */
  public static void requireNoGitName(String label, String rel) {
    String g = gitName(rel);
    if (g != null) {
      throw new PackitClientException("refusing " + label + " '" + rel + "': '" + g + "' names the git folder"
          + " (git, and case-insensitive file systems, read it as .git)");
    }
  }

  /**
   * Refuses a path of which any component, the last one included, is a symbolic link: for files
   * the workflow reads and rewrites itself ({@code sources}, {@code .gitignore}, the spec), which an
   * action or a synced file could have turned into a link to anything on the machine.
   *
   * @param root the tree
   * @param rel a normalised relative path
   * @param label what the file is, for the message
   * @throws IOException when the file system fails
   */
  public static void requireNotALink(Path root, String rel, String label) throws IOException {
    Path p = root;
    for (String part : rel.split("/")) {
      p = p.resolve(part);
      BasicFileAttributes a = lstat(p);
      if (a == null) {
        return;
      }
      if (a.isSymbolicLink()) {
        throw new PackitClientException(label + " " + rel + " is " + (p.equals(root.resolve(rel)) ? "" : "below ")
            + "a symbolic link; the workflow neither reads nor writes through links");
      }
    }
  }

  /**
   * Makes the folder {@code rel} and its missing parents under {@code root}, one at a time, never
   * through a symbolic link.
   *
   * @param root the tree
   * @param rel a normalised relative path
   * @throws PackitClientException when a component is a link or not a folder
   * @throws IOException when the file system fails
   */
  public static void mkdirs(Path root, String rel) throws IOException {
    if (rel.isEmpty()) {
      return;
    }
    Path p = root;
    for (String part : rel.split("/")) {
      p = p.resolve(part);
      BasicFileAttributes a = lstat(p);
      if (a == null) {
        try {
          Files.createDirectory(p);
        } catch (FileAlreadyExistsException raced) {
          a = lstat(p);
        }
      }
      if (a != null && (a.isSymbolicLink() || !a.isDirectory())) {
        throw new PackitClientException("refusing to write " + rel + ": " + root.relativize(p) + " is "
            + (a.isSymbolicLink() ? "a symbolic link; links are not followed" : "not a folder"));
      }
    }
  }

  /**
   * Removes whatever is at {@code rel} (a link is removed, never followed), after checking that no
   * parent is a link; folders are left alone.
   *
   * @param root the tree
   * @param rel a normalised relative path
   * @return true when something was removed
   * @throws IOException when the file system fails
   */
  public static boolean delete(Path root, String rel) throws IOException {
    requireNoLinkOnTheWay(root, rel, rel);
    Path p = root.resolve(rel);
    BasicFileAttributes a = lstat(p);
    if (a == null || a.isDirectory()) {
      return false;
    }
    return Files.deleteIfExists(p);
  }

  /**
   * Writes a file at {@code rel}: parents are made without following links, whatever was there is
   * removed (a link is removed, not written through), and the new file is created exclusively
   * without following links.
   *
   * @param root the tree
   * @param rel a normalised relative path
   * @param content the bytes
   * @param executable whether to set the execute bits
   * @throws IOException when the file system fails
   */
  public static void writeFile(Path root, String rel, byte[] content, boolean executable) throws IOException {
    Path p = prepare(root, rel);
    try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      out.write(content);
    }
    WorkTree.setExecutable(p, executable);
  }

  /**
   * Creates a symbolic link at {@code rel} (never through one), replacing what was there. The
   * caller checks the target ({@code WorkTree.requireLinkInside}).
   *
   * @param root the tree
   * @param rel a normalised relative path
   * @param target the link's target as stored
   * @throws IOException when the file system fails
   */
  public static void createLink(Path root, String rel, String target) throws IOException {
    Files.createSymbolicLink(prepare(root, rel), Path.of(target));
  }

  private static Path prepare(Path root, String rel) throws IOException {
    if (rel.isEmpty()) {
      throw new PackitClientException("refusing to write the repository folder itself");
    }
    requireNoGitName("path", rel);
    String parent = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
    mkdirs(root, parent);
    Path p = root.resolve(rel);
    BasicFileAttributes a = lstat(p);
    if (a != null && a.isDirectory()) {
      throw new PackitClientException("refusing to write " + rel + ": it is a folder");
    }
    Files.deleteIfExists(p); // a link there is removed, never written through
    return p;
  }

  private static BasicFileAttributes lstat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }
}
