package dev.packit.forge.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The object and ref level of a {@link LocalRepository} (git's "plumbing"): revisions to commit ids,
 * raw refs, history walks between commits and tree diffs. Everyday work (clone, checkout, commit,
 * push, fetch, branches, tags, log) stays on {@code LocalRepository}.
 *
 * <pre>{@code
 * GitPlumbing git = repo.plumbing();
 * String pr = git.resolve("refs/pull/7/head").orElseThrow();
 * List<CommitInfo> commits = git.commitsBetween("origin/rawhide", pr);   // like git rev-list
 * List<ChangedFile> files = git.changedFiles("origin/rawhide", pr);      // like git diff-tree
 * git.updateRef("refs/remotes/fork/rawhide", pr);                        // like git update-ref
 * }</pre>
 *
 * <p>A view, not a second repository: it shares the repository's files and is closed with it. Not
 * thread-safe, like {@code LocalRepository}.
 *
 * @since 0.1.0
 */
public final class GitPlumbing {
  private final Repository repository;

  GitPlumbing(Repository repository) {
    this.repository = repository;
  }

  /**
   * Points a ref at a commit, creating or moving it (like {@code git update-ref}); the object must
   * be in this repository or one it borrows from.
   *
   * @param ref the full ref name, e.g. {@code refs/remotes/fork/rawhide}
   * @param commitId the commit
   */
  public void updateRef(String ref, String commitId) {
    try {
      LocalRepository.setRef(repository, ref, ObjectId.fromString(commitId));
    } catch (IOException | IllegalArgumentException e) {
      throw new GitException("update-ref", "cannot set " + ref + ": " + e.getMessage(), false, e);
    }
  }

  /**
   * Returns the refs under a prefix and the commits they point to.
   *
   * @param prefix e.g. {@code refs/remotes/fork/}
   * @return full ref names to commit ids, sorted by name
   */
  public java.util.SortedMap<String, String> refs(String prefix) {
    java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
    try {
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(prefix)) {
        if (ref.getObjectId() != null) {
          out.put(ref.getName(), ref.getObjectId().name());
        }
      }
    } catch (IOException e) {
      throw new GitException("refs", e.getMessage(), false, e);
    }
    return out;
  }

  /** @return the git folder: {@code .git} of a working tree, the repository itself when bare */
  public Path gitDirectory() {
    return repository.getDirectory().toPath();
  }

  /**
   * Resolves a revision ({@code HEAD~1}, a branch, a tag, {@code origin/main}, an abbreviated id).
   *
   * @param revision the revision
   * @return the commit id, or empty when it does not resolve
   */
  public Optional<String> resolve(String revision) {
    try {
      ObjectId id = repository.resolve(revision + "^{commit}");
      return id == null ? Optional.empty() : Optional.of(id.name());
    } catch (RevisionSyntaxException e) {
      throw new GitException("rev-parse", "bad revision '" + revision + "': " + e.getMessage(), false, e);
    } catch (IOException e) {
      throw new GitException("rev-parse", e.getMessage(), false, e);
    }
  }

  /**
   * Reads one commit.
   *
   * @param revision the revision
   * @return the commit, or empty when it does not resolve
   */
  public Optional<CommitInfo> commitInfo(String revision) {
    Optional<String> id = resolve(revision);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repository)) {
      return Optional.of(LocalRepository.info(walk.parseCommit(ObjectId.fromString(id.get()))));
    } catch (IOException e) {
      throw new GitException("log", e.getMessage(), false, e);
    }
  }

  /**
   * Lists the commits reachable from {@code until} but not from {@code since}, oldest first, like
   * {@code git log --reverse since..until}.
   *
   * @param since the excluded revision, e.g. the target branch
   * @param until the included revision, e.g. a pull request branch
   * @return the commits, oldest first
   * @throws GitException when a revision does not resolve
   */
  public List<CommitInfo> commitsBetween(String since, String until) {
    Repository r = repository;
    try (RevWalk walk = new RevWalk(r)) {
      walk.markStart(walk.parseCommit(ObjectId.fromString(resolveOrThrow("log", until))));
      walk.markUninteresting(walk.parseCommit(ObjectId.fromString(resolveOrThrow("log", since))));
      List<CommitInfo> out = new ArrayList<>();
      for (RevCommit c : walk) {
        out.add(LocalRepository.info(c));
      }
      java.util.Collections.reverse(out);
      return out;
    } catch (IOException e) {
      throw new GitException("log", e.getMessage(), false, e);
    }
  }

  /**
   * Whether one commit is an ancestor of (or the same as) another, i.e. whether a branch at
   * {@code ancestor} can be fast-forwarded to {@code descendant}.
   *
   * @param ancestor the older revision
   * @param descendant the newer revision
   * @return true when {@code descendant} contains {@code ancestor}
   * @throws GitException when a revision does not resolve
   */
  public boolean isAncestor(String ancestor, String descendant) {
    Repository r = repository;
    try (RevWalk walk = new RevWalk(r)) {
      RevCommit a = walk.parseCommit(ObjectId.fromString(resolveOrThrow("merge-base", ancestor)));
      RevCommit d = walk.parseCommit(ObjectId.fromString(resolveOrThrow("merge-base", descendant)));
      return walk.isMergedInto(a, d);
    } catch (IOException e) {
      throw new GitException("merge-base", e.getMessage(), false, e);
    }
  }

  /**
   * Lists the files that differ between two commits (no rename detection), sorted by path.
   *
   * @param from the older revision
   * @param to the newer revision
   * @return the changed files
   */
  public List<ChangedFile> changedFiles(String from, String to) {
    Repository r = repository;
    try (RevWalk walk = new RevWalk(r); TreeWalk tw = new TreeWalk(r)) {
      RevCommit a = walk.parseCommit(ObjectId.fromString(resolveOrThrow("diff", from)));
      RevCommit b = walk.parseCommit(ObjectId.fromString(resolveOrThrow("diff", to)));
      tw.setRecursive(true);
      tw.addTree(a.getTree());
      tw.addTree(b.getTree());
      List<ChangedFile> out = new ArrayList<>();
      for (DiffEntry e : DiffEntry.scan(tw)) {
        out.add(new ChangedFile(change(e.getChangeType()), e.getOldPath(), e.getNewPath()));
      }
      out.sort((x, y) -> x.path().compareTo(y.path()));
      return out;
    } catch (IOException e) {
      throw new GitException("diff", e.getMessage(), false, e);
    }
  }

  String resolveOrThrow(String op, String revision) {
    return resolve(revision).orElseThrow(
        () -> new GitException(op, "revision '" + revision + "' does not resolve", false, null));
  }

  private static ChangedFile.Change change(DiffEntry.ChangeType t) {
    switch (t) {
      case ADD:
        return ChangedFile.Change.ADDED;
      case DELETE:
        return ChangedFile.Change.DELETED;
      case RENAME:
        return ChangedFile.Change.RENAMED;
      case COPY:
        return ChangedFile.Change.COPIED;
      default:
        return ChangedFile.Change.MODIFIED;
    }
  }

  @Override
  public String toString() {
    return "GitPlumbing[" + gitDirectory() + "]";
  }
}
