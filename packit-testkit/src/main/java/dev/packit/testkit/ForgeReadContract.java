package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.AuthenticationException;
import dev.packit.forge.Branch;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read half of the forge contract: what every {@link Forge} implementation must do for a bot
 * to read a repository. Extend it (or the full {@link ForgeContract}) once per forge and say how to
 * reach a server of that forge:
 *
 * <pre>{@code
 * class TinyForgeContractTest extends ForgeReadContract {
 *   protected Backend start() {
 *     FedoraSandbox sandbox = FedoraSandbox.start();
 *     return new Backend() {
 *       public Forge forge(ForgeCredentials credentials) { return TinyForge.builder()...credentials(credentials).build(); }
 *       public ForgeCredentials user() { return ForgeCredentials.token(sandbox.forgejo().token("packit")); }
 *       public RepoId createRepository(String name) { sandbox.createBareRepository("upstream/" + name); return RepoId.of("upstream/" + name); }
 *       public void close() { sandbox.close(); }
 *     };
 *   }
 * }
 * }</pre>
 *
 * <p>Each test starts a fresh backend. Repositories are filled over git (JGit, pushing to the
 * repository's {@link Repository#cloneUrl()} as the forge reports it), so the data a forge serves
 * is real git data.
 *
 * @since 0.2.0
 */
public abstract class ForgeReadContract {
  private static final PersonIdent WHO = new PersonIdent("Contract", "contract@packit.invalid");
  /** More than one page of every built-in client (GitHub and GitLab ask for 100 per page, Forgejo 50). */
  protected static final int MORE_THAN_A_PAGE = 105;

  /**
   * Where the forge under test runs, and how to put data there.
   *
   * <pre>{@code
   * RepoId repo = backend.createRepository("hello");
   * Forge forge = backend.forge(backend.user());
   * }</pre>
   */
  public interface Backend extends AutoCloseable {
    /**
     * Builds a client of the forge under test.
     *
     * @param credentials who to authenticate as
     * @return the client
     */
    Forge forge(ForgeCredentials credentials);

    /** @return the credentials of the user the tests act as (who forks and opens pull requests) */
    ForgeCredentials user();

    /**
     * Creates an empty repository owned by someone other than {@link #user()}, whose default branch
     * is the one the forge's git server sets up (HEAD).
     *
     * @param name a short name, unique within the test
     * @return its id on the forge
     */
    RepoId createRepository(String name);

    @Override
    void close();
  }

  /** For subclasses, one per forge. */
  protected ForgeReadContract() {}

  /** The backend of the running test. */
  protected Backend backend;
  /** The client of the running test, acting as {@link Backend#user()}. */
  protected Forge forge;
  private final List<Path> scratch = new ArrayList<>();

  /**
   * Starts a fresh backend for one test.
   *
   * @return the backend
   * @throws Exception when it cannot start
   */
  protected abstract Backend start() throws Exception;

  @BeforeEach
  void startBackend() throws Exception {
    backend = start();
    forge = backend.forge(backend.user());
  }

  @AfterEach
  void stopBackend() {
    try {
      if (backend != null) {
        backend.close();
      }
    } finally {
      scratch.forEach(ForgeReadContract::deleteTree);
    }
  }

  // ---------------------------------------------------------------- helpers for subclasses

  /**
   * Creates a repository and pushes one commit with {@code files} to its default branch.
   *
   * @param name the repository's short name
   * @param files path to content
   * @return the repository's id
   */
  protected RepoId seed(String name, Map<String, String> files) {
    RepoId id = backend.createRepository(name);
    Repository repo = forge.repository(id).orElseThrow(() -> new AssertionError(id + " was created but the forge cannot find it"));
    push(repo.cloneUrl(), null, repo.defaultBranch(), files, List.of());
    return id;
  }

  /**
   * Clones {@code cloneUrl}, commits {@code files} on top of {@code from} (null: the default branch),
   * tags the commit with {@code tags} and pushes the commit to {@code branch} and the tags.
   *
   * @param cloneUrl the repository
   * @param from the branch to start from, or null for what the clone checks out (nothing, when empty)
   * @param branch the branch to push to
   * @param files path to content
   * @param tags lightweight tags to create on the commit
   * @return the commit's SHA
   */
  protected String push(URI cloneUrl, String from, String branch, Map<String, String> files, List<String> tags) {
    Path dir = scratchDir();
    try (Git git = Git.cloneRepository().setURI(cloneUrl.toString()).setDirectory(dir.toFile()).call()) {
      String target = branch;
      if (from != null) {
        git.checkout().setName("work").setCreateBranch(true).setStartPoint("origin/" + from).call();
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue());
        git.add().addFilepattern(f.getKey()).call();
      }
      ObjectId sha = git.commit().setMessage("contract: " + String.join(", ", files.keySet())).setAuthor(WHO)
          .setCommitter(WHO).setAllowEmpty(true).call();
      List<RefSpec> specs = new ArrayList<>();
      specs.add(new RefSpec("HEAD:refs/heads/" + target));
      for (String t : tags) {
        git.tag().setName(t).setAnnotated(false).setObjectId(git.getRepository().parseCommit(sha)).call();
        specs.add(new RefSpec("refs/tags/" + t + ":refs/tags/" + t));
      }
      for (PushResult r : git.push().setRefSpecs(specs).call()) {
        for (RemoteRefUpdate u : r.getRemoteUpdates()) {
          if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
            throw new AssertionError("push of " + u.getRemoteName() + " to " + cloneUrl + ": " + u.getStatus() + " " + u.getMessage());
          }
        }
      }
      return sha.name();
    } catch (GitAPIException | IOException e) {
      throw new AssertionError("cannot push to " + cloneUrl + ": " + e.getMessage(), e);
    }
  }

  /** @return a temporary folder deleted after the test */
  protected Path scratchDir() {
    try {
      Path p = Files.createTempDirectory("forge-contract");
      scratch.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // a temp folder left behind is not the contract's business
    }
  }

  private static <T> List<T> all(Stream<T> s) {
    try (s) {
      return s.collect(Collectors.toList());
    }
  }

  // ---------------------------------------------------------------- the contract

  /** A repository is found by its id, with its default branch and a clone URL; a missing one is empty. */
  @Test
  void repositoryLookup() {
    RepoId id = seed("lookup", Map.of("README.md", "hello\n"));
    Repository repo = forge.repository(id).orElseThrow();
    assertEquals(id, repo.id());
    assertNotNull(repo.defaultBranch(), "default branch");
    assertFalse(repo.defaultBranch().isBlank(), "default branch");
    assertNotNull(repo.cloneUrl(), "clone URL");
    assertTrue(forge.repository(RepoId.of("nobody-" + id.name() + "/missing")).isEmpty(), "a missing repository is empty");
  }

  /** A file is read at a ref: a branch sees its own content; a missing file or ref is empty. */
  @Test
  void fileAtRef() {
    RepoId id = seed("files", Map.of("hello.spec", "Version: 1.0\n", "dir/nested.txt", "deep\n"));
    Repository repo = forge.repository(id).orElseThrow();
    String main = repo.defaultBranch();
    push(repo.cloneUrl(), main, "next", Map.of("hello.spec", "Version: 1.1\n"), List.of());
    assertEquals("Version: 1.0\n", forge.file(id, "hello.spec", main).orElseThrow().text());
    assertEquals("Version: 1.1\n", forge.file(id, "hello.spec", "next").orElseThrow().text());
    assertEquals("deep\n", forge.file(id, "dir/nested.txt", main).orElseThrow().text());
    assertTrue(forge.file(id, "nope.txt", main).isEmpty(), "a missing file is empty");
    assertTrue(forge.file(id, "hello.spec", "no-such-branch").isEmpty(), "a missing ref is empty");
  }

  /** Branches are listed and looked up with the commit they point at. */
  @Test
  void branches() {
    RepoId id = seed("branches", Map.of("a.txt", "a\n"));
    Repository repo = forge.repository(id).orElseThrow();
    String sha = push(repo.cloneUrl(), repo.defaultBranch(), "feature/x", Map.of("b.txt", "b\n"), List.of());
    Map<String, String> listed = all(forge.branches(id)).stream().collect(Collectors.toMap(Branch::name, Branch::commitSha));
    assertEquals(Set.of(repo.defaultBranch(), "feature/x"), listed.keySet());
    assertEquals(sha, listed.get("feature/x"));
    assertEquals(sha, forge.branch(id, "feature/x").orElseThrow().commitSha(), "a branch with a slash is looked up");
    assertTrue(forge.branch(id, "no-such-branch").isEmpty());
  }

  /** Tags are listed with the commit they point at. */
  @Test
  void tags() {
    RepoId id = seed("tags", Map.of("a.txt", "a\n"));
    Repository repo = forge.repository(id).orElseThrow();
    String sha = push(repo.cloneUrl(), repo.defaultBranch(), repo.defaultBranch(), Map.of("b.txt", "b\n"), List.of("v1.0", "v1.1"));
    List<Tag> tags = all(forge.tags(id));
    assertEquals(Set.of("v1.0", "v1.1"), tags.stream().map(Tag::name).collect(Collectors.toSet()));
    tags.forEach(t -> assertEquals(sha, t.commitSha(), t.name()));
  }

  /** A list longer than a page comes back whole, each item once: the client follows the pages. */
  @Test
  void pagingOverMoreThanOnePage() {
    RepoId id = seed("paging", Map.of("a.txt", "a\n"));
    Repository repo = forge.repository(id).orElseThrow();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < MORE_THAN_A_PAGE; i++) {
      names.add(String.format("v0.%03d", i));
    }
    push(repo.cloneUrl(), repo.defaultBranch(), repo.defaultBranch(), Map.of("b.txt", "b\n"), names);
    List<String> listed = all(forge.tags(id)).stream().map(Tag::name).collect(Collectors.toList());
    assertEquals(MORE_THAN_A_PAGE, listed.size(), "every tag, once");
    assertEquals(new HashSet<>(names), new HashSet<>(listed));
    assertEquals(2, all(forge.tags(id).limit(2)).size(), "a stream cut short is fine");
  }

  /** A refused token is an {@link AuthenticationException} that names the server's host. */
  @Test
  void refusedCredentialsNameTheHost() {
    RepoId id = seed("auth", Map.of("a.txt", "a\n"));
    Forge stranger = backend.forge(ForgeCredentials.token("contract-wrong-token"));
    AuthenticationException e = assertThrows(AuthenticationException.class, stranger::currentUser);
    URI host = forge.repository(id).orElseThrow().cloneUrl();
    assertTrue(e.getMessage().contains(host.getHost()), "names the host: " + e.getMessage());
    assertFalse(e.getMessage().contains("contract-wrong-token"), "never the token: " + e.getMessage());
  }
}
