package dev.packit.testkit.internal.forge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ThreeWayMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/** Reads and changes the sandbox's bare repositories ({@code <root>/git/<path>.git}) with JGit. */
final class GitStore {
  private final Path gitRoot;

  GitStore(Path gitRoot) {
    this.gitRoot = gitRoot;
  }

  Path dir(String path) {
    if (path.contains("..") || path.startsWith("/")) {
      throw new IllegalArgumentException("bad repository path: " + path);
    }
    return gitRoot.resolve(path + ".git");
  }

  boolean exists(String path) {
    return Files.isDirectory(dir(path).resolve("objects"));
  }

  private Repository open(String path) throws IOException {
    return new FileRepositoryBuilder().setGitDir(dir(path).toFile()).setMustExist(true).build();
  }

  /** The default branch: where HEAD points. */
  String defaultBranch(String path) {
    try (Repository r = open(path)) {
      Ref head = r.exactRef(Constants.HEAD);
      if (head != null && head.isSymbolic()) {
        return Repository.shortenRefName(head.getTarget().getName());
      }
      return r.getBranch();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, String> refs(String path, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    try (Repository r = open(path)) {
      for (Ref ref : r.getRefDatabase().getRefsByPrefix(prefix)) {
        Ref peeled = r.getRefDatabase().peel(ref);
        ObjectId id = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : ref.getObjectId();
        out.put(ref.getName().substring(prefix.length()), id.name());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  Map<String, String> branches(String path) {
    return refs(path, Constants.R_HEADS);
  }

  Map<String, String> tags(String path) {
    return refs(path, Constants.R_TAGS);
  }

  /** The content of a file at a branch, tag or commit. */
  Optional<byte[]> file(String path, String ref, String file) {
    try (Repository r = open(path); RevWalk walk = new RevWalk(r)) {
      ObjectId id = r.resolve(ref + "^{commit}");
      if (id == null) {
        return Optional.empty();
      }
      RevCommit c = walk.parseCommit(id);
      try (TreeWalk tw = TreeWalk.forPath(r, file, c.getTree())) {
        if (tw == null || tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
          return Optional.empty();
        }
        return Optional.of(r.open(tw.getObjectId(0)).getBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates a lightweight tag at a branch, tag or commit, as a forge does when a release names a
   * tag that does not exist yet.
   *
   * @return the tagged commit, or null when the ref does not resolve
   */
  String createTag(String path, String name, String ref) {
    try (Repository r = open(path)) {
      ObjectId id = r.resolve(ref + "^{commit}");
      if (id == null) {
        return null;
      }
      RefUpdate u = r.updateRef(Constants.R_TAGS + name);
      u.setNewObjectId(id);
      RefUpdate.Result res = u.update();
      if (res != RefUpdate.Result.NEW && res != RefUpdate.Result.NO_CHANGE) {
        throw new IllegalStateException("cannot create tag " + name + ": " + res);
      }
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a bare repository (all branches and tags) to a new path: a fork. */
  void fork(String from, String to) {
    Path target = dir(to);
    if (exists(to)) {
      return;
    }
    try {
      Files.createDirectories(target.getParent());
      Git clone = Git.cloneRepository().setBare(true).setURI(dir(from).toUri().toString())
          .setDirectory(target.toFile()).setCloneAllBranches(true).call();
      clone.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot fork " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  /**
   * The files that differ between two commits, as a {@code pagure.git.receive} message lists them
   * ({@code path -> A|M|D}).
   */
  Map<String, String> changedFiles(String path, String from, String to) {
    Map<String, String> out = new LinkedHashMap<>();
    try (Repository r = open(path); RevWalk walk = new RevWalk(r);
        DiffFormatter df = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      df.setRepository(r);
      ObjectId a = from == null || from.isEmpty() ? null : walk.parseCommit(ObjectId.fromString(from)).getTree();
      ObjectId b = walk.parseCommit(ObjectId.fromString(to)).getTree();
      for (DiffEntry d : df.scan(a, b)) {
        switch (d.getChangeType()) {
          case ADD:
            out.put(d.getNewPath(), "A");
            break;
          case DELETE:
            out.put(d.getOldPath(), "D");
            break;
          default:
            out.put(d.getNewPath(), "M");
            break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Merges {@code sourceBranch} of {@code sourcePath} into {@code targetBranch} of {@code targetPath}
   * in the bare repository: a fast-forward when possible, else a merge commit.
   *
   * @return the new head of the target branch
   */
  String merge(String targetPath, String targetBranch, String sourcePath, String sourceBranch, String message, PersonIdent who) {
    return merge(targetPath, targetBranch, sourcePath, sourceBranch, message, who, false);
  }

  /**
   * Like {@link #merge(String, String, String, String, String, PersonIdent)}; with
   * {@code noFastForward} a merge commit is made even when the target could fast-forward, as
   * Forgejo's "merge" style does.
   */
  String merge(String targetPath, String targetBranch, String sourcePath, String sourceBranch, String message, PersonIdent who,
      boolean noFastForward) {
    try (Repository r = open(targetPath); Git git = new Git(r)) {
      String tmp = "refs/packit-sandbox/merge";
      git.fetch().setRemote(dir(sourcePath).toUri().toString())
          .setRefSpecs(new RefSpec("+refs/heads/" + sourceBranch + ":" + tmp)).call();
      ObjectId src = r.resolve(tmp);
      ObjectId dst = r.resolve(Constants.R_HEADS + targetBranch);
      if (src == null || dst == null) {
        throw new IllegalStateException("branch missing: " + sourceBranch + " or " + targetBranch);
      }
      ObjectId result;
      try (RevWalk walk = new RevWalk(r)) {
        RevCommit s = walk.parseCommit(src);
        RevCommit d = walk.parseCommit(dst);
        if (walk.isMergedInto(d, s) && !noFastForward) {
          result = s;
        } else if (walk.isMergedInto(s, d)) {
          result = d;
        } else {
          ThreeWayMerger merger = MergeStrategy.RECURSIVE.newMerger(r, true);
          if (!merger.merge(d, s)) {
            throw new IllegalStateException("merge conflict between " + targetBranch + " and " + sourceBranch);
          }
          try (ObjectInserter ins = r.newObjectInserter()) {
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(merger.getResultTreeId());
            cb.setParentIds(d, s);
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage(message);
            result = ins.insert(cb);
            ins.flush();
          }
        }
      }
      RefUpdate u = r.updateRef(Constants.R_HEADS + targetBranch);
      u.setNewObjectId(result);
      u.setExpectedOldObjectId(dst);
      RefUpdate.Result res = u.update();
      if (res != RefUpdate.Result.FAST_FORWARD && res != RefUpdate.Result.FORCED && res != RefUpdate.Result.NO_CHANGE
          && res != RefUpdate.Result.NEW) {
        throw new IllegalStateException("cannot update " + targetBranch + ": " + res);
      }
      RefUpdate del = r.updateRef(tmp);
      del.setForceUpdate(true);
      del.delete();
      return result.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("merge failed: " + e.getMessage(), e);
    }
  }
}
