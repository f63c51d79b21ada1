package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.NotFoundException;
import dev.packit.core.PackitServiceException;
import dev.packit.forge.AccessLevel;
import dev.packit.forge.Comment;
import dev.packit.forge.CommitState;
import dev.packit.forge.CommitStatus;
import dev.packit.forge.CommitStatusSpec;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.Release;
import dev.packit.forge.ReleaseSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.capability.AccessLevels;
import dev.packit.forge.capability.CommentListing;
import dev.packit.forge.capability.CommitStatuses;
import dev.packit.forge.capability.PullRequestMerges;
import dev.packit.forge.capability.Releases;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The forge contract: {@link ForgeReadContract} plus what a release bot writes (forks, pull
 * requests, comments) and the optional capabilities. Every forge implementation runs it, the four
 * built-in ones on the sandbox's fake servers. Where forges legitimately differ the suite asks the
 * forge's {@link dev.packit.forge.Forge#capability(Class) capabilities}: a forge that claims one is
 * tested on it; a forge without one must throw {@link UnsupportedOperationException} from the core
 * method (never a silent no-op).
 *
 * <pre>{@code
 * class GitHubForgeContractTest extends ForgeContract {
 *   protected Backend start() {
 *     FedoraSandbox sandbox = FedoraSandbox.start();
 *     return new SandboxBackend(sandbox) { ... };   // forge(credentials), user(), createRepository(name), grant(...)
 *   }
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public abstract class ForgeContract extends ForgeReadContract {

  /** For subclasses, one per forge. */
  protected ForgeContract() {}

  /**
   * Gives a user a level in a repository, for the {@link AccessLevels} test; only called when the
   * forge has that capability.
   *
   * @param repo the repository
   * @param user the user's login
   * @param level WRITE or more
   */
  protected abstract void grant(RepoId repo, String user, AccessLevel level);

  private Repository forkWithBranch(RepoId upstream, String branch, Map<String, String> files) {
    Repository fork = forge.forkOrCreate(upstream);
    String main = forge.repository(upstream).orElseThrow().defaultBranch();
    push(fork.cloneUrl(), main, branch, files, List.of());
    return fork;
  }

  private static List<PullRequest> openFrom(List<PullRequest> all, String branch) {
    return all.stream().filter(p -> p.sourceBranch().equals(branch) && p.state() == PrState.OPEN).collect(Collectors.toList());
  }

  // ---------------------------------------------------------------- core writes

  /**
   * {@code forkOrCreate} returns the fork with the fork's own id (GitHub and Forgejo: the user's
   * namespace; Pagure: {@code fork/<user>/...}), which the forge then finds by that id; asked again,
   * it returns the same fork.
   */
  @Test
  void forkCreationReturnsTheForksOwnId() {
    RepoId upstream = seed("forked", Map.of("a.txt", "a\n"));
    Repository fork = forge.forkOrCreate(upstream);
    String me = forge.currentUser().login();
    assertNotEquals(upstream, fork.id(), "a fork has its own id");
    assertEquals(upstream, fork.parent(), "the fork knows its parent");
    assertTrue(fork.id().toString().contains(me), "the fork is in the user's space: " + fork.id());
    Repository again = forge.repository(fork.id()).orElseThrow(() -> new AssertionError("the forge cannot find its fork by " + fork.id()));
    assertEquals(fork.id(), again.id());
    assertEquals(fork.id(), forge.forkOrCreate(upstream).id(), "a second call finds the fork");
    assertEquals(fork.id(), forge.fork(upstream, me).orElseThrow().id());
    assertTrue(forge.fork(upstream, "nobody-else").isEmpty());
    assertEquals("a\n", forge.file(fork.id(), "a.txt", again.defaultBranch()).orElseThrow().text(), "the fork has the content");
  }

  /**
   * A pull request from the fork is created with the pushed commit, found, and the find-or-create
   * a bot runs twice gives one open pull request; title and body update; close closes.
   */
  @Test
  void pullRequestCreateFindUpdateIdempotency() {
    RepoId upstream = seed("prs", Map.of("hello.spec", "Version: 1.0\n"));
    String target = forge.repository(upstream).orElseThrow().defaultBranch();
    Repository fork = forkWithBranch(upstream, "update-1.1", Map.of("hello.spec", "Version: 1.1\n"));
    String sha = forge.branch(fork.id(), "update-1.1").orElseThrow().commitSha();
    String me = forge.currentUser().login();
    PullRequestSpec spec = PullRequestSpec.builder().title("Update to 1.1").body("New upstream release")
        .source(fork.id(), "update-1.1").targetBranch(target).build();

    PullRequest pr = forge.findOpenPullRequest(upstream, "update-1.1", target, me)
        .orElseGet(() -> forge.createPullRequest(upstream, spec));
    assertEquals(PrState.OPEN, pr.state());
    assertEquals(sha, pr.headSha());
    assertEquals(fork.id(), pr.source(), "the source is the fork, by the fork's id");
    assertEquals("update-1.1", pr.sourceBranch());
    assertEquals(target, pr.targetBranch());
    assertEquals(me, pr.author());

    PullRequest second = forge.findOpenPullRequest(upstream, "update-1.1", target, me)
        .orElseGet(() -> forge.createPullRequest(upstream, spec));
    assertEquals(pr.number(), second.number(), "find-or-create finds the open pull request");
    assertTrue(forge.findOpenPullRequest(upstream, "update-1.1", target, "someone-else").isEmpty(), "filtered by author");
    assertEquals(1, openFrom(forge.pullRequests(upstream, PrState.OPEN).collect(Collectors.toList()), "update-1.1").size());

    PullRequest updated = forge.updatePullRequest(upstream, pr.number(), "Update to 1.1 (v2)", null);
    assertEquals("Update to 1.1 (v2)", updated.title());
    assertEquals("Update to 1.1 (v2)", forge.pullRequest(upstream, pr.number()).orElseThrow().title());
    assertEquals("New upstream release", forge.pullRequest(upstream, pr.number()).orElseThrow().body(), "null keeps the body");
    assertTrue(forge.pullRequest(upstream, pr.number() + 1000).isEmpty());

    assertEquals(PrState.CLOSED, forge.closePullRequest(upstream, pr.number()).state());
    assertTrue(forge.findOpenPullRequest(upstream, "update-1.1", target, me).isEmpty(), "a closed pull request is not open");
  }

  /** A comment is added; with {@link CommentListing} it is listed, without it listing throws. */
  @Test
  void comments() {
    RepoId upstream = seed("comments", Map.of("a.txt", "a\n"));
    String target = forge.repository(upstream).orElseThrow().defaultBranch();
    Repository fork = forkWithBranch(upstream, "fix", Map.of("a.txt", "b\n"));
    PullRequest pr = forge.createPullRequest(upstream, PullRequestSpec.builder().title("Fix").body("")
        .source(fork.id(), "fix").targetBranch(target).build());
    Comment c = forge.comment(upstream, pr.number(), "/packit build");
    assertEquals("/packit build", c.body());
    forge.comment(upstream, pr.number(), "second");
    Optional<CommentListing> listing = forge.capability(CommentListing.class);
    if (listing.isPresent()) {
      assertEquals(List.of("/packit build", "second"),
          listing.get().comments(upstream, pr.number()).stream().map(Comment::body).collect(Collectors.toList()), "oldest first");
    } else {
      assertThrows(UnsupportedOperationException.class, () -> forge.comments(upstream, pr.number()));
    }
  }

  /** A write to a missing repository is a {@link NotFoundException} that names the repository. */
  @Test
  void errorsNameTheRepository() {
    RepoId missing = RepoId.of("nobody/missing-repo");
    PackitServiceException e = assertThrows(PackitServiceException.class, () -> forge.comment(missing, 1, "hello"));
    assertTrue(e instanceof NotFoundException, "404 is NotFoundException: " + e);
    assertTrue(e.getMessage().contains("missing-repo"), "names the repository: " + e.getMessage());
  }

  // ---------------------------------------------------------------- capabilities

  /** {@link AccessLevels}: a granted writer may push, a stranger may not. */
  @Test
  void accessLevel() {
    RepoId upstream = seed("access", Map.of("a.txt", "a\n"));
    Optional<AccessLevels> levels = forge.capability(AccessLevels.class);
    if (levels.isEmpty()) {
      assertThrows(UnsupportedOperationException.class, () -> forge.accessLevel(upstream, "jane"));
      return;
    }
    grant(upstream, "jane", AccessLevel.WRITE);
    assertTrue(levels.get().accessLevel(upstream, "jane").atLeast(AccessLevel.WRITE), "a granted writer");
    assertTrue(forge.hasWriteAccess(upstream, "jane"));
    assertFalse(levels.get().accessLevel(upstream, "mallory").atLeast(AccessLevel.WRITE), "a stranger");
    assertFalse(forge.hasWriteAccess(upstream, "mallory"));
  }

  /** {@link CommitStatuses}: a status set on a commit is listed with its state and context. */
  @Test
  void commitStatuses() {
    RepoId upstream = seed("statuses", Map.of("a.txt", "a\n"));
    String sha = forge.branch(upstream, forge.repository(upstream).orElseThrow().defaultBranch()).orElseThrow().commitSha();
    Optional<CommitStatuses> statuses = forge.capability(CommitStatuses.class);
    CommitStatusSpec spec = CommitStatusSpec.of(CommitState.SUCCESS, "packit/contract", "passed")
        .withTargetUrl(java.net.URI.create("https://packit.invalid/jobs/1"));
    if (statuses.isEmpty()) {
      assertThrows(UnsupportedOperationException.class, () -> forge.setCommitStatus(upstream, sha, spec));
      return;
    }
    CommitStatus set = statuses.get().setCommitStatus(upstream, sha, spec);
    assertEquals(CommitState.SUCCESS, set.state());
    List<CommitStatus> listed = statuses.get().commitStatuses(upstream, sha).collect(Collectors.toList());
    assertTrue(listed.stream().anyMatch(s -> s.state() == CommitState.SUCCESS && s.context().equals("packit/contract")),
        listed.toString());
  }

  /** {@link Releases}: a created release is found by its tag; without releases every release call throws. */
  @Test
  void releases() {
    RepoId upstream = seed("releases", Map.of("a.txt", "a\n"));
    Repository repo = forge.repository(upstream).orElseThrow();
    push(repo.cloneUrl(), repo.defaultBranch(), repo.defaultBranch(), Map.of("b.txt", "b\n"), List.of("v1.0"));
    Optional<Releases> releases = forge.capability(Releases.class);
    assertEquals(releases.isPresent(), forge.supportsReleases());
    if (releases.isEmpty()) {
      assertThrows(UnsupportedOperationException.class, () -> forge.latestRelease(upstream));
      assertThrows(UnsupportedOperationException.class, () -> forge.releases(upstream));
      return;
    }
    assertTrue(releases.get().release(upstream, "v1.0").isEmpty(), "a tag without a release");
    Release made = releases.get().createRelease(upstream, new ReleaseSpec("v1.0", "1.0", "First", null));
    assertEquals("v1.0", made.tagName());
    assertEquals("First", releases.get().release(upstream, "v1.0").orElseThrow().body());
    assertEquals(List.of("v1.0"), releases.get().releases(upstream).map(Release::tagName).collect(Collectors.toList()));
  }

  /**
   * {@link PullRequestMerges}: a merge moves the target branch. Run only where the forge claims the
   * capability; the others must throw from a direct call to the capability's method on the core API.
   */
  @Test
  void merges() {
    Optional<PullRequestMerges> merges = forge.capability(PullRequestMerges.class);
    if (merges.isEmpty()) {
      assertThrows(UnsupportedOperationException.class, () -> forge.require(PullRequestMerges.class));
      return;
    }
    RepoId upstream = seed("merges", Map.of("a.txt", "a\n"));
    String target = forge.repository(upstream).orElseThrow().defaultBranch();
    Repository fork = forkWithBranch(upstream, "fix", Map.of("a.txt", "merged\n"));
    PullRequest pr = forge.createPullRequest(upstream, PullRequestSpec.builder().title("Fix").body("")
        .source(fork.id(), "fix").targetBranch(target).build());
    mergeAs(upstream, pr.number());
    assertEquals(PrState.MERGED, forge.pullRequest(upstream, pr.number()).orElseThrow().state());
    assertEquals("merged\n", forge.file(upstream, "a.txt", target).orElseThrow().text());
  }

  /**
   * Merges a pull request as someone allowed to; the default merges as the test's user, which a
   * subclass changes when the forge only lets maintainers merge.
   *
   * @param repo the target repository
   * @param number the pull request
   */
  protected void mergeAs(RepoId repo, long number) {
    forge.require(PullRequestMerges.class).mergePullRequest(repo, number);
  }
}
