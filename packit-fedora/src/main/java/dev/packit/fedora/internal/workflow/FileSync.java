package dev.packit.fedora.internal.workflow;

import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import dev.packit.core.PackitClientException;
import dev.packit.core.config.FilesToSyncItem;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code files_to_sync}, done the way {@code rsync --archive [--delete] [--filter F]... [--mkpath]
 * --ignore-missing-args SRC... DEST} does it, but without ever leaving either repository: no
 * {@code src} may resolve outside the upstream checkout and no {@code dest} outside the dist-git
 * checkout, whether through {@code ..}, an absolute path or a symbolic link. Links are never
 * followed; a link is copied as a link only when its target stays inside both repositories and
 * out of {@code .git}. No dest names the git folder in any spelling ({@code .GIT}, {@code .git.},
 * {@code git~1}, see {@link SafePaths#isGitName}), and nothing is written below a link that the
 * same sync makes. Every entry is checked before the first file is written, so a refused entry
 * leaves the dist-git tree untouched; the writes themselves look at each path component without
 * following links.
 *
 * <pre>{@code
 * FileSync.Entry tests = new FileSync.Entry(new FilesToSyncItem(List.of("tests/"), "tests/", false, true,
 *     List.of("protect README")), ".packit.yaml", "files_to_sync[0]");
 * List<String> notes = FileSync.sync(List.of(tests), upstreamDir, distGitDir, Set.of());
 * }</pre>
 */
public final class FileSync {
  private FileSync() {}

  /**
   * One item with where it came from, for error messages.
   *
   * @param item the item
   * @param source the config file name, e.g. {@code .packit.yaml}
   * @param field the field path, e.g. {@code files_to_sync[2]}, or a description of a default
   */
  public record Entry(FilesToSyncItem item, String source, String field) {
    InvalidInputException problem(String text) {
      return new InvalidInputException(InputLocation.of(source).field(field), text);
    }
  }

  private interface Op {
    String dest();
  }

  private record MkDir(String dest, Entry entry) implements Op {}

  private record Copy(String src, String dest, Kind kind, String linkTarget, Entry entry) implements Op {}

  private record Delete(String dest, Entry entry) implements Op {}

  /**
   * Checks every entry, then copies.
   *
   * @param entries the items in order
   * @param upstream the upstream checkout
   * @param distGit the dist-git checkout
   * @param skipped upstream paths (relative) never copied, e.g. the spec that the workflow writes itself
   * @return notes for people (sources that did not exist)
   * @throws InvalidInputException naming the entry, when a path would leave a repository
   */
  public static List<String> sync(List<Entry> entries, Path upstream, Path distGit, Set<String> skipped) {
    List<Op> ops = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Set<String> plannedDirs = new LinkedHashSet<>();
    for (Entry e : entries) {
      plan(e, upstream, distGit, skipped, ops, notes, plannedDirs);
    }
    // A link this sync makes is not on disk while later entries are planned: nothing may go below it.
    Map<String, Entry> links = new LinkedHashMap<>();
    for (Op op : ops) {
      if (op instanceof Copy c && c.kind() == Kind.SYMLINK) {
        links.put(c.dest(), c.entry());
      }
    }
    for (Op op : ops) {
      String d = op.dest();
      for (int i = d.indexOf('/'); i >= 0; i = d.indexOf('/', i + 1)) {
        Entry linker = links.get(d.substring(0, i));
        if (linker != null) {
          Entry e = op instanceof Copy c ? c.entry() : op instanceof MkDir m ? m.entry() : ((Delete) op).entry();
          throw e.problem("dest '" + d + "' passes through the symbolic link " + d.substring(0, i)
              + " that " + linker.field() + " makes in dist-git; links are not followed");
        }
      }
    }
    try {
      // Every component of every path is looked at without following links right before the write.
      for (Op op : ops) {
        if (op instanceof MkDir m) {
          SafePaths.mkdirs(distGit, m.dest());
        }
      }
      for (Op op : ops) {
        if (op instanceof Copy c) {
          if (c.kind() == Kind.SYMLINK) {
            SafePaths.createLink(distGit, c.dest(), c.linkTarget());
          } else {
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(upstream.resolve(c.src()), LinkOption.NOFOLLOW_LINKS)) {
              bytes = in.readAllBytes();
            }
            SafePaths.writeFile(distGit, c.dest(), bytes, c.kind() == Kind.EXECUTABLE);
          }
        } else if (op instanceof Delete d) {
          SafePaths.delete(distGit, d.dest());
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot sync files into dist-git", ex);
    }
    return notes;
  }

  private static void plan(Entry e, Path upstream, Path distGit, Set<String> skipped, List<Op> ops, List<String> notes,
      Set<String> plannedDirs) {
    FilesToSyncItem item = e.item();
    RsyncFilters filters;
    try {
      filters = RsyncFilters.parse(item.filters());
    } catch (IllegalArgumentException ex) {
      throw e.problem(ex.getMessage());
    }
    record Source(String rel, boolean dir, boolean contents) {}
    List<Source> sources = new ArrayList<>();
    for (String s : item.src()) {
      String n = SafePaths.normalize(s);
      if (n == null) {
        throw e.problem("src '" + s + "' " + (s.startsWith("/") ? "is an absolute path" : "leaves the upstream repository"));
      }
      if (isGit(n)) {
        throw e.problem("src '" + s + "' is inside .git");
      }
      boolean contents = s.endsWith("/") || n.isEmpty();
      List<String> matches = Glob.hasWildcard(n) ? glob(upstream, n) : List.of(n);
      for (String m : matches) {
        String link = SafePaths.linkOnTheWay(upstream, m);
        if (link != null) {
          throw e.problem("src '" + m + "' passes through the symbolic link " + link + " in the upstream repository; links are not followed");
        }
        Path p = m.isEmpty() ? upstream : upstream.resolve(m);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          notes.add(e.field() + ": " + m + " does not exist upstream, skipped");
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          if (contents) {
            throw e.problem("src '" + s + "' is a symbolic link; links are not followed");
          }
          requireUpstreamLinkInside(e, upstream, m);
        }
        sources.add(new Source(m, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS), contents));
      }
    }
    String destRaw = item.dest();
    String dest = SafePaths.normalize(destRaw);
    if (dest == null) {
      throw e.problem("dest '" + destRaw + "' " + (destRaw.startsWith("/") ? "is an absolute path" : "leaves the dist-git repository"));
    }
    if (SafePaths.gitName(dest) != null) {
      throw e.problem("dest '" + destRaw + "' is inside .git ('" + SafePaths.gitName(dest) + "' names the git folder)");
    }
    String destLink = SafePaths.linkOnTheWay(distGit, dest);
    if (destLink != null) {
      throw e.problem("dest '" + destRaw + "' passes through the symbolic link " + destLink + " in dist-git; links are not followed");
    }

    if (sources.isEmpty()) {
      return;
    }
    Path destPath = dest.isEmpty() ? distGit : distGit.resolve(dest);
    boolean destIsDir = sources.size() > 1 || sources.get(0).dir() || destRaw.endsWith("/") || dest.isEmpty()
        || Files.isDirectory(destPath, LinkOption.NOFOLLOW_LINKS) || plannedDirs.contains(dest);
    if (destIsDir && Files.isSymbolicLink(destPath)) {
      throw e.problem("dest '" + destRaw + "' is a symbolic link in dist-git; links are not followed");
    }
    String parent = dest.contains("/") ? dest.substring(0, dest.lastIndexOf('/')) : "";
    String mustExist = parent;
    if (!dest.isEmpty() && !existsDir(distGit, mustExist, plannedDirs)) {
      if (!item.mkpath()) {
        throw e.problem("dest '" + destRaw + "': folder '" + mustExist + "' does not exist in dist-git (set mkpath: true to create it)");
      }
      addDirs(mustExist, ops, plannedDirs, e);
    }
    if (!destIsDir) {
      Source only = sources.get(0);
      String name = only.rel().substring(only.rel().lastIndexOf('/') + 1);
      if (filters.transferred(name, false) && !skipped.contains(only.rel())) {
        ops.add(copyOp(e, upstream, distGit, only.rel(), dest));
      }
      return;
    }
    if (!dest.isEmpty()) {
      addDirs(dest, ops, plannedDirs, e);
    }
    for (Source src : sources) {
      String name = src.rel().isEmpty() ? "" : src.rel().substring(src.rel().lastIndexOf('/') + 1);
      if (!src.dir()) {
        if (filters.transferred(name, false) && !skipped.contains(src.rel())) {
          ops.add(copyOp(e, upstream, distGit, src.rel(), join(dest, name)));
        }
        continue;
      }
      // A folder: "dir" lands as dest/dir, "dir/" spreads its contents into dest.
      String prefix = src.contents() ? "" : name;
      if (!prefix.isEmpty() && !filters.transferred(prefix, true)) {
        continue;
      }
      String base = join(dest, prefix);
      Set<String> sent = new TreeSet<>();
      walk(e, upstream, src.rel(), (rel, isDir) -> {
        String transfer = join(prefix, rel);
        if (!filters.transferred(transfer, isDir)) {
          return false;
        }
        String from = join(src.rel(), rel);
        String to = join(dest, transfer);
        if (SafePaths.gitName(to) != null) {
          throw e.problem("dest '" + to + "' (from src '" + from + "') is inside .git ('" + SafePaths.gitName(to)
              + "' names the git folder)");
        }
        String link = SafePaths.linkOnTheWay(distGit, to);
        if (link != null) {
          throw e.problem("dest '" + to + "' passes through the symbolic link " + link + " in dist-git; links are not followed");
        }
        sent.add(rel);
        if (isDir) {
          if (Files.isSymbolicLink(distGit.resolve(to))) {
            throw e.problem("dest '" + to + "' is a symbolic link in dist-git; links are not followed");
          }
          addDirs(to, ops, plannedDirs, e);
        } else if (!skipped.contains(from)) {
          ops.add(copyOp(e, upstream, distGit, from, to));
        }
        return true;
      });
      if (item.delete()) {
        Path root = base.isEmpty() ? distGit : distGit.resolve(base);
        if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
          for (String have : files(root)) {
            String transfer = join(prefix, have);
            if (!sent.contains(have) && SafePaths.gitName(join(base, have)) == null && !filters.protectedFromDelete(transfer, false)) {
              ops.add(new Delete(join(base, have), e));
            }
          }
        }
      }
    }
  }

  private static Copy copyOp(Entry e, Path upstream, Path distGit, String from, String to) {
    Path src = upstream.resolve(from);
    Path target = distGit.resolve(to);
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw e.problem("dest '" + to + "' is a folder in dist-git, src '" + from + "' is not");
    }
    if (Files.isSymbolicLink(src)) {
      String linkTarget = requireUpstreamLinkInside(e, upstream, from);
      try {
        WorkTree.requireLinkInside(to, linkTarget);
      } catch (PackitClientException ex) {
        throw e.problem("src '" + from + "': " + ex.getMessage() + " (as " + to + " in dist-git)");
      }
      return new Copy(from, to, Kind.SYMLINK, linkTarget, e);
    }
    if (!Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) {
      throw e.problem("src '" + from + "' is not a regular file, folder or link");
    }
    return new Copy(from, to, WorkTree.executable(src) ? Kind.EXECUTABLE : Kind.FILE, "", e);
  }

  /** A link in upstream must be relative and resolve inside upstream, lexically and on disk. */
  private static String requireUpstreamLinkInside(Entry e, Path upstream, String rel) {
    Path link = upstream.resolve(rel);
    try {
      String target = Files.readSymbolicLink(link).toString();
      String parent = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
      if (target.startsWith("/") || SafePaths.normalize(parent.isEmpty() ? target : parent + "/" + target) == null) {
        throw e.problem("src '" + rel + "' is a symbolic link to '" + target + "', outside the upstream repository");
      }
      if (Files.exists(link)) {
        Path real = link.toRealPath();
        if (!real.startsWith(upstream.toRealPath())) {
          throw e.problem("src '" + rel + "' is a symbolic link that resolves outside the upstream repository");
        }
      }
      return target;
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read the link " + rel, ex);
    }
  }

  private interface Visitor {
    /** Returns whether to descend (for folders) or whether the entry was taken. */
    boolean visit(String rel, boolean dir);
  }

  private static void walk(Entry e, Path upstream, String dirRel, Visitor v) {
    Path root = dirRel.isEmpty() ? upstream : upstream.resolve(dirRel);
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (dir.equals(root)) {
            return FileVisitResult.CONTINUE;
          }
          String rel = WorkTree.rel(root, dir);
          if (isGit(join(dirRel, rel))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          return v.visit(rel, true) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          v.visit(WorkTree.rel(root, file), false);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + dirRel + " upstream", ex);
    }
  }

  private static List<String> files(Path root) {
    List<String> out = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          out.add(WorkTree.rel(root, file));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + root, ex);
    }
    return out;
  }

  private static List<String> glob(Path upstream, String pattern) {
    Pattern re = Pattern.compile(Glob.regex(pattern));
    List<String> out = new ArrayList<>();
    try {
      Files.walkFileTree(upstream, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (dir.equals(upstream)) {
            return FileVisitResult.CONTINUE;
          }
          String rel = WorkTree.rel(upstream, dir);
          if (isGit(rel)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          if (re.matcher(rel).matches()) {
            out.add(rel);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String rel = WorkTree.rel(upstream, file);
          if (re.matcher(rel).matches()) {
            out.add(rel);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read the upstream repository", ex);
    }
    out.sort(null);
    // A matched folder already brings what is inside it.
    List<String> top = new ArrayList<>();
    for (String m : out) {
      if (top.stream().noneMatch(t -> m.startsWith(t + "/"))) {
        top.add(m);
      }
    }
    return top;
  }

  private static boolean existsDir(Path distGit, String rel, Set<String> plannedDirs) {
    return rel.isEmpty() || plannedDirs.contains(rel) || Files.isDirectory(distGit.resolve(rel), LinkOption.NOFOLLOW_LINKS);
  }

  private static void addDirs(String rel, List<Op> ops, Set<String> plannedDirs, Entry e) {
    if (rel.isEmpty() || plannedDirs.contains(rel)) {
      return;
    }
    plannedDirs.add(rel);
    ops.add(new MkDir(rel, e));
  }

  /** Upstream's own git folder (and a plain {@code .git} below it), skipped when reading upstream. */
  private static boolean isGit(String rel) {
    return rel.equals(".git") || rel.startsWith(".git/");
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
  }

  /**
   * Packit's default {@code files_to_sync}: the spec, and the config file when upstream has one.
   *
   * @param specPath the upstream spec path
   * @param distGitSpec the dist-git spec name
   * @param upstream the upstream checkout
   * @param configNames the config file names to look for
   * @return the default entries
   */
  public static List<Entry> defaults(String specPath, String distGitSpec, Path upstream, List<String> configNames) {
    Map<String, Entry> out = new LinkedHashMap<>();
    out.put(specPath, new Entry(new FilesToSyncItem(List.of(specPath), distGitSpec, false, false, List.of()),
        "default files_to_sync", "spec file"));
    for (String name : configNames) {
      if (Files.isRegularFile(upstream.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
        out.putIfAbsent(name, new Entry(FilesToSyncItem.of(name), "default files_to_sync", "config file"));
        break;
      }
    }
    return List.copyOf(out.values());
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
