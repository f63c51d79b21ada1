package dev.packit.fedora.internal.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.spec.LineDiff;
import dev.packit.fedora.workflow.PlannedStep.FileChange;
import dev.packit.fedora.workflow.PlannedStep.FileChange.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A working tree as plain data: snapshot it before a job edits it, snapshot it again after, and
 * the difference is the list of {@link FileChange}s a plan commits; {@link #write} carries them
 * out on another clone without ever writing through a symbolic link.
 *
 * <pre>{@code
 * Map<String, WorkTree.Entry> before = WorkTree.snapshot(dir);
 * // ... edit files in dir ...
 * List<FileChange> changes = WorkTree.diff(before, WorkTree.snapshot(dir), List.of("hello.spec"));
 * WorkTree.write(otherClone, changes);
 * }</pre>
 */
public final class WorkTree {
  private WorkTree() {}

  /**
   * One path of a tree.
   *
   * @param kind file, executable or symlink (never DELETED)
   * @param content the bytes, or the link target
   */
  public record Entry(Kind kind, byte[] content) {
    /** Copies the content. */
    public Entry {
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }

    boolean same(Entry o) {
      return o != null && o.kind == kind && Arrays.equals(o.content, content);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && same(e);
    }

    @Override
    public int hashCode() {
      return kind.hashCode() * 31 + Arrays.hashCode(content);
    }
  }

  /**
   * Reads every file and link under {@code root} (not following links, leaving out {@code .git}).
   *
   * @param root the working tree
   * @return relative {@code /}-separated path to entry, sorted
   */
  public static Map<String, Entry> snapshot(Path root) {
    Map<String, Entry> out = new TreeMap<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return !dir.equals(root) && dir.getFileName().toString().equals(".git") && dir.getParent().equals(root)
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String rel = rel(root, file);
          if (attrs.isSymbolicLink()) {
            out.put(rel, new Entry(Kind.SYMLINK, Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8)));
          } else if (attrs.isRegularFile()) {
            out.put(rel, new Entry(executable(file) ? Kind.EXECUTABLE : Kind.FILE, Files.readAllBytes(file)));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root, e);
    }
    return out;
  }

  /**
   * The changes from one snapshot to another, {@code first} paths first, then the rest by path.
   * New files that {@code .gitignore} (of the new tree) ignores are left out, as {@code git add -A}
   * does. A symbolic link whose target is absolute, leaves the tree or points into {@code .git} is
   * refused, and so is a path that names the git folder ({@code .GIT}, {@code git~1}, ...).
   *
   * @param before the tree as cloned
   * @param after the tree after the edits
   * @param first paths to list first, in this order, when changed
   * @return the changes
   * @throws PackitClientException when a new link would point outside the tree or into {@code .git},
   *     or a path names the git folder
   */
  public static List<FileChange> diff(Map<String, Entry> before, Map<String, Entry> after, List<String> first) {
    GitIgnore ignore = GitIgnore.parse(after.containsKey(".gitignore")
        ? new String(after.get(".gitignore").content, StandardCharsets.UTF_8) : "");
    Set<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    List<FileChange> changes = new ArrayList<>();
    for (String p : paths) {
      Entry a = before.get(p);
      Entry b = after.get(p);
      if (b == null) {
        changes.add(new FileChange(p, new byte[0], textDiff(p, a.content, new byte[0]), Kind.DELETED));
      } else if (!b.same(a)) {
        if (a == null && ignore.ignored(p)) {
          continue;
        }
        SafePaths.requireNoGitName("dist-git path", p);
        if (b.kind == Kind.SYMLINK) {
          String target = new String(b.content, StandardCharsets.UTF_8);
          requireLinkInside(p, target);
          String old = a == null ? "" : a.kind == Kind.SYMLINK ? "symlink -> " + new String(a.content, StandardCharsets.UTF_8) : "file";
          changes.add(new FileChange(p, b.content, "--- a/" + p + "\n+++ b/" + p + "\n" + (old.isEmpty() ? "" : "-" + old + "\n")
              + "+symlink -> " + target + "\n", Kind.SYMLINK));
        } else {
          byte[] old = a == null || a.kind == Kind.SYMLINK ? new byte[0] : a.content;
          String d = textDiff(p, old, b.content);
          if (a != null && a.kind != b.kind) {
            d = "old mode " + mode(a.kind) + "\nnew mode " + mode(b.kind) + "\n" + d;
          }
          changes.add(new FileChange(p, b.content, d, b.kind));
        }
      }
    }
    changes.sort(Comparator.comparingInt((FileChange c) -> {
      int i = first.indexOf(c.path());
      return i < 0 ? first.size() : i;
    }));
    return changes;
  }

  /**
   * Whether the tree already has exactly these changes.
   *
   * @param root the working tree
   * @param changes the planned changes
   * @return true when every change is already in place
   */
  public static boolean matches(Path root, List<FileChange> changes) {
    for (FileChange f : changes) {
      Path p = root.resolve(f.path());
      try {
        switch (f.kind()) {
          case DELETED:
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
              return false;
            }
            break;
          case SYMLINK:
            if (!Files.isSymbolicLink(p) || !Files.readSymbolicLink(p).toString().equals(new String(f.content(), StandardCharsets.UTF_8))) {
              return false;
            }
            break;
          default:
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || !Arrays.equals(Files.readAllBytes(p), f.content())
                || executable(p) != (f.kind() == Kind.EXECUTABLE)) {
              return false;
            }
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks planned changes without touching the disk: every path relative and inside, no component
   * that names the git folder (in any letter case or spelling, see {@link SafePaths#isGitName}),
   * no path below another change's symbolic link, every link target relative, inside and not into
   * {@code .git}. The workflow calls this before a plan's first upload, so a bad plan fails before
   * anything leaves the machine.
   *
   * @param changes the changes
   * @throws PackitClientException naming the first bad path
   */
  public static void check(List<FileChange> changes) {
    Set<String> links = new TreeSet<>();
    for (FileChange f : changes) {
      if (f.kind() == Kind.SYMLINK) {
        links.add(f.path());
      }
    }
    for (FileChange f : changes) {
      String n = SafePaths.requireRelative("dist-git path", f.path());
      if (n.isEmpty()) {
        throw new PackitClientException("refusing to write the dist-git folder itself as " + f.path());
      }
      SafePaths.requireNoGitName("dist-git path", f.path());
      for (int i = n.indexOf('/'); i >= 0; i = n.indexOf('/', i + 1)) {
        if (links.contains(n.substring(0, i))) {
          throw new PackitClientException("refusing " + f.path() + ": it lies below the symbolic link " + n.substring(0, i)
              + " of the same change; links are not followed");
        }
      }
      if (f.kind() == Kind.SYMLINK) {
        requireLinkInside(f.path(), new String(f.content(), StandardCharsets.UTF_8));
      }
    }
  }

  /**
   * Writes changes into a working tree. Every path is checked first ({@link #check}, and no
   * symbolic link on the way on disk); only then is anything written, each component of each path
   * looked at without following links right before the write.
   *
   * @param root the working tree
   * @param changes the changes
   * @throws PackitClientException when a path or link target would leave the tree or reach {@code .git}
   */
  public static void write(Path root, List<FileChange> changes) {
    check(changes);
    for (FileChange f : changes) {
      SafePaths.requireNoLinkOnTheWay(root, f.path(), "dist-git path " + f.path());
    }
    for (FileChange f : changes) {
      String rel = SafePaths.normalize(f.path());
      try {
        if (Files.isDirectory(root.resolve(rel), LinkOption.NOFOLLOW_LINKS)) {
          throw new PackitClientException("cannot replace the directory " + f.path() + " with a " + f.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (f.kind() == Kind.DELETED) {
          SafePaths.delete(root, rel);
        } else if (f.kind() == Kind.SYMLINK) {
          SafePaths.createLink(root, rel, new String(f.content(), StandardCharsets.UTF_8));
        } else {
          SafePaths.writeFile(root, rel, f.content(), f.kind() == Kind.EXECUTABLE);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + f.path(), e);
      }
    }
  }

  /** A link at {@code path} with this target must stay inside the tree it is written to, out of {@code .git}. */
  static void requireLinkInside(String path, String target) {
    if (target.isEmpty() || target.startsWith("/") || target.contains("\0")) {
      throw new PackitClientException("refusing symbolic link " + path + " -> " + target + ": the target must be a relative path inside the repository");
    }
    String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
    String resolved = SafePaths.normalize(parent.isEmpty() ? target : parent + "/" + target);
    if (resolved == null) {
      throw new PackitClientException("refusing symbolic link " + path + " -> " + target + ": it points outside the repository");
    }
    if (SafePaths.gitName(resolved) != null || SafePaths.gitName(target) != null) {
      throw new PackitClientException("refusing symbolic link " + path + " -> " + target + ": it points into .git");
    }
  }

  static boolean executable(Path p) {
    try {
      return Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
    } catch (UnsupportedOperationException | IOException e) {
      return false;
    }
  }

  static void setExecutable(Path p, boolean exec) throws IOException {
    try {
      Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
      if (exec) {
        perms.addAll(List.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
      } else {
        perms.removeAll(List.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
      }
      Files.setPosixFilePermissions(p, perms);
    } catch (UnsupportedOperationException e) {
      // No POSIX permissions on this file system: the mode cannot be kept.
    }
  }

  private static String mode(Kind k) {
    return k == Kind.EXECUTABLE ? "100755" : "100644";
  }

  private static String textDiff(String path, byte[] before, byte[] after) {
    if (binary(before) || binary(after)) {
      return "Binary files a/" + path + " and b/" + path + " differ\n";
    }
    return LineDiff.unified("a/" + path, "b/" + path, lines(before), lines(after), 3);
  }

  private static boolean binary(byte[] b) {
    for (int i = 0; i < Math.min(b.length, 8000); i++) {
      if (b[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static List<String> lines(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.ISO_8859_1);
    return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n", -1));
  }

  static String rel(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }
}
