package dev.packit.fedora.distgit;

import dev.packit.fedora.lookaside.SourceEntry;
import dev.packit.fedora.lookaside.SourcesFile;
import dev.packit.forge.Forge;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.GitException;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import dev.packit.forge.git.RefChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A working tree of one package repository: its spec and {@code sources}, new-sources, commits,
 * and the two ways to publish (a pull request from the user's fork, or a direct push).
 *
 * <pre>{@code
 * try (DistGitCheckout co = distGit.clone("hello", "rawhide", dir)) {
 *   Path spec = co.specFile();                          // hello.spec
 *   co.newSources(List.of(archive));                    // uploads, rewrites sources, stages
 *   co.commit("Update to 2.0");                         // empty when nothing changed
 *   Proposal p = co.proposeUpdate("update-2.0-rawhide", "Update to 2.0", "...");
 *   // or, with create_pr: false: co.push();
 * }
 * }</pre>
 *
 * <p>Every step is idempotent: a second run of the same steps stages nothing, commits nothing,
 * pushes nothing new and finds the pull request it opened the first time. Not thread-safe.
 */
public final class DistGitCheckout implements AutoCloseable {
  private static final String FORK_REMOTE = "fork";
  private static final String PUSH_REMOTE = "dist-git-push";

  private final DistGit distGit;
  private final String pkg;
  private final LocalRepository repo;

  DistGitCheckout(DistGit distGit, String pkg, LocalRepository repo) {
    this.distGit = distGit;
    this.pkg = DistGitLayout.checkName(pkg);
    this.repo = repo;
  }

  /**
   * What {@link #proposeUpdate} did.
   *
   * <pre>{@code
   * DistGitCheckout.Proposal p = co.proposeUpdate("update-2.0-rawhide", "Update to 2.0", "...");
   * System.out.println((p.created() ? "opened " : "updated ") + p.pullRequest().webUrl());
   * }</pre>
   *
   * @param pullRequest the open pull request
   * @param created whether this call opened it (false: it existed already)
   * @param pushed the refs pushed to the fork (empty or "up to date" when nothing was new)
   */
  public record Proposal(PullRequest pullRequest, boolean created, List<RefChange> pushed) {
    /** Copies the list. */
    public Proposal {
      Objects.requireNonNull(pullRequest, "pullRequest == null");
      pushed = List.copyOf(pushed);
    }
  }

  /** @return the package name */
  public String packageName() {
    return pkg;
  }

  /** @return the working tree */
  public Path directory() {
    return repo.directory();
  }

  /** @return the JGit-backed repository, for anything not covered here */
  public LocalRepository git() {
    return repo;
  }

  /** @return the checked-out branch */
  public String branch() {
    return repo.currentBranch().orElseThrow(() -> new IllegalStateException("detached HEAD in " + directory()));
  }

  /** @return the spec file path, {@code <name>.spec} */
  public Path specFile() {
    return directory().resolve(pkg + ".spec");
  }

  /** @return the {@code sources} file as it is in the working tree (empty when missing) */
  public SourcesFile sources() {
    return SourcesFile.read(directory().resolve("sources"));
  }

  /** Fetches all branches from the package repository. */
  public void fetch() {
    repo.fetch("origin", distGit.credentials());
  }

  /**
   * Checks out a branch of the package repository ({@code f43}, {@code epel10}...), creating the
   * local branch from {@code origin/<branch>} when needed.
   *
   * @param branch the branch
   */
  public void checkout(String branch) {
    repo.checkout(branch);
  }

  /**
   * {@code fedpkg new-sources}: uploads what the lookaside lacks, rewrites {@code sources},
   * updates {@code .gitignore} and stages both.
   *
   * @param archives the archives
   * @return what was done
   */
  public NewSources.Result newSources(List<Path> archives) {
    NewSources.Result r = NewSources.run(distGit.lookaside(), pkg, directory(), archives);
    if (r.changed()) {
      repo.add(r.changedFiles().toArray(new String[0]));
    }
    return r;
  }

  /**
   * {@code fedpkg sources}: downloads every archive of {@code sources} into the working tree,
   * verifying checksums; files already present and correct are kept.
   *
   * @return the archives
   */
  public List<Path> downloadSources() {
    List<Path> out = new ArrayList<>();
    for (SourceEntry e : sources().entries()) {
      out.add(distGit.lookaside().download(pkg, e, directory()));
    }
    return out;
  }

  /**
   * Stages every change of the working tree (archives are ignored through {@code .gitignore}) and
   * commits it.
   *
   * @param message the commit message
   * @return the commit, or empty when there was nothing to commit
   */
  public Optional<CommitInfo> commit(String message) {
    if (repo.isClean()) {
      return Optional.empty();
    }
    repo.addAll();
    if (repo.isClean()) {
      return Optional.empty();
    }
    return Optional.of(repo.commit(message, distGit.identity()));
  }

  /**
   * Pushes the current branch straight to the package repository ({@code create_pr: false}).
   *
   * @return the pushed refs
   */
  public List<RefChange> push() {
    String branch = branch();
    repo.setRemote(PUSH_REMOTE, distGit.layout().packagePushUri(pkg));
    return repo.push(PushRequest.builder(PUSH_REMOTE).refSpec("refs/heads/" + branch + ":refs/heads/" + branch)
        .credentials(distGit.credentials()).build());
  }

  /**
   * Pushes the current branch to {@code sourceBranch} of the user's fork (created when missing)
   * and opens a pull request into the branch that was cloned, unless one from that branch is
   * open already.
   *
   * @param sourceBranch the fork branch, such as {@code update-2.0-rawhide}
   * @param title the pull request title
   * @param body the pull request description
   * @return what was done
   */
  public Proposal proposeUpdate(String sourceBranch, String title, String body) {
    return proposeUpdate(sourceBranch, branch(), title, body);
  }

  /**
   * Like {@link #proposeUpdate(String, String, String)} with an explicit target branch.
   *
   * @param sourceBranch the fork branch
   * @param targetBranch the package branch to merge into
   * @param title the pull request title
   * @param body the pull request description
   * @return what was done
   */
  public Proposal proposeUpdate(String sourceBranch, String targetBranch, String title, String body) {
    Forge forge = distGit.forge();
    String user = distGit.user();
    RepoId target = distGit.layout().packageId(pkg);
    // The forge's own fork object: Pagure keeps it at forks/<user>/rpms/<pkg>, Forgejo at <user>/<pkg>.
    dev.packit.forge.Repository forked = forge.forkOrCreate(target);
    RepoId fork = forked.id();
    repo.setRemote(FORK_REMOTE, distGit.layout().forkPushUri(forked));
    List<RefChange> pushed = List.of();
    if (!forkHasSameChange(sourceBranch)) {
      pushed = repo.push(PushRequest.builder(FORK_REMOTE).refSpec("HEAD:refs/heads/" + sourceBranch).force(true)
          .credentials(distGit.credentials()).build());
    }
    Optional<PullRequest> open = forge.findOpenPullRequest(target, sourceBranch, targetBranch, user);
    if (open.isPresent()) {
      return new Proposal(open.get(), false, pushed);
    }
    PullRequest pr = forge.createPullRequest(target, PullRequestSpec.builder().title(title).body(body)
        .source(fork, sourceBranch).targetBranch(targetBranch).build());
    return new Proposal(pr, true, pushed);
  }

  /**
   * Whether the fork's branch already holds this change: same tree on the same parents. A rerun
   * then pushes nothing, even though its commit has another time and so another id.
   */
  private boolean forkHasSameChange(String sourceBranch) {
    String tracking = "refs/remotes/" + FORK_REMOTE + "/" + sourceBranch;
    try {
      repo.fetch(FORK_REMOTE, List.of("+refs/heads/" + sourceBranch + ":" + tracking), distGit.credentials());
    } catch (GitException e) {
      return false; // no such branch (or no fork yet): push
    }
    Optional<CommitInfo> theirs = repo.plumbing().commitInfo(tracking);
    Optional<CommitInfo> ours = repo.plumbing().commitInfo("HEAD");
    return theirs.isPresent() && ours.isPresent() && theirs.get().parents().equals(ours.get().parents())
        && repo.plumbing().changedFiles(tracking, "HEAD").isEmpty();
  }

  /** Closes the repository (the working tree stays on disk). */
  @Override
  public void close() {
    repo.close();
  }

  @Override
  public String toString() {
    return "DistGitCheckout[" + pkg + " at " + directory() + "]";
  }
}
