package dev.packit.bot.reconcile;

import dev.packit.core.spec.Nevr;
import dev.packit.core.spec.SpecFile;
import dev.packit.core.spec.SpecOptions;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.bodhi.BodhiReleases;
import dev.packit.fedora.bodhi.BodhiUpdate;
import dev.packit.fedora.bodhi.UpdateQuery;
import dev.packit.fedora.koji.KojiBuild;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.forge.Branch;
import dev.packit.forge.FileContent;
import dev.packit.forge.Forge;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.Release;
import dev.packit.forge.RepoId;
import dev.packit.forge.Tag;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.CommitInfo;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.LocalRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Observes a package through the real services: the upstream forge's releases (or tags when it
 * has no releases), each dist-git branch's spec and head through the dist-git forge, the newest
 * spec-changing commit from a clone (its merged pull request from the forge), the bot's open pull
 * requests, Koji's build of the head's NVR and the Bodhi update that contains it.
 *
 * <pre>{@code
 * ForgeObserver observer = ForgeObserver.builder()
 *     .upstream(github).distGit(pagure, URI.create("https://src.fedoraproject.org/"))
 *     .koji(koji).bodhi(bodhi).botUser("packit").workDir(Path.of("/var/lib/packit-bot/reconcile"))
 *     .build();
 * }</pre>
 */
public final class ForgeObserver implements PackageObserver {
  private final Forge upstream;
  private final Forge distGit;
  private final URI gitBase;
  private final String namespace;
  private final GitCredentials credentials;
  private final KojiClient koji;
  private final BodhiClient bodhi;
  private final String botUser;
  private final Path workDir;
  /** The newest spec change per repository, branch and head commit; bounded, oldest out first. */
  private final Map<String, Optional<SpecCommit>> specCommits = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<SpecCommit>> eldest) {
          return size() > 10_000;
        }
      });

  private ForgeObserver(Builder b) {
    this.upstream = Objects.requireNonNull(b.upstream, "upstream forge is required");
    this.distGit = Objects.requireNonNull(b.distGit, "dist-git forge is required");
    this.gitBase = Objects.requireNonNull(b.gitBase, "dist-git git base is required");
    this.namespace = b.namespace;
    this.credentials = b.credentials;
    this.koji = Objects.requireNonNull(b.koji, "Koji client is required");
    this.bodhi = b.bodhi;
    this.botUser = Objects.requireNonNull(b.botUser, "botUser is required");
    this.workDir = Objects.requireNonNull(b.workDir, "workDir is required");
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public PackageState observe(WatchedPackage watched, RoadConfig road) {
    String pkg = watched.packageName();
    Optional<UpstreamRelease> release = ReconcileRules.latestRelease(upstreamTags(watched.upstream()),
        road.tagTemplate(), road.tagFilter());
    RepoId repo = new RepoId(namespace, pkg, null);
    List<PullRequest> open = distGit.pullRequests(repo, PrState.OPEN).filter(p -> botUser.equals(p.author())).toList();
    List<PullRequest> merged = null; // asked once, only when a spec change needs its author
    List<BranchState> branches = new ArrayList<>();
    Path dir = workDir.resolve(pkg + "-" + UUID.randomUUID());
    LocalRepository clone = null;
    try {
      for (String name : road.allBranches()) {
        Optional<Branch> head = distGit.branch(repo, name);
        if (head.isEmpty()) {
          continue; // a configured branch dist-git does not have (yet): nothing to reconcile there
        }
        String sha = head.get().commitSha();
        Optional<FileContent> spec = distGit.file(repo, pkg + ".spec", name);
        List<BotPullRequest> prs = open.stream().filter(p -> p.targetBranch().equals(name))
            .map(p -> new BotPullRequest(p.number(), p.title(), p.sourceBranch())).toList();
        if (spec.isEmpty()) {
          branches.add(new BranchState(name, sha, Optional.empty(), Optional.empty(), Optional.empty(), prs,
              Optional.empty(), "", Optional.empty()));
          continue;
        }
        Nevr nevr = SpecFile.parse(spec.get().bytes()).requireNevr(SpecOptions.builder()
            .define("dist " + BodhiReleases.distTag(name, bodhi)).build());
        String nvr = nevr.name() + "-" + nevr.version() + "-" + nevr.release();
        Optional<KojiBuild> build = koji.getBuild(nvr);
        Optional<String> update = Optional.empty();
        if (build.isPresent() && bodhi != null && build.get().state() == dev.packit.fedora.koji.KojiBuildState.COMPLETE
            && road.bodhiUpdate().contains(name)) {
          update = bodhi.allUpdates(UpdateQuery.builder().builds(List.of(nvr)).build()).stream()
              .map(BodhiUpdate::alias).findFirst();
        }
        Optional<SpecCommit> specCommit = Optional.empty();
        if (build.isEmpty() && road.kojiBuild().contains(name)) {
          // Only a missing build needs to know who changed the spec: clone once per package, lazily,
          // and not again while the branch head stays (a commit's history and PR do not change).
          String key = repo.path() + "\n" + name + "\n" + sha;
          Optional<SpecCommit> known = specCommits.get(key);
          if (known != null) {
            specCommit = known;
          } else {
            if (clone == null) {
              clone = cloneAll(repo, dir);
            }
            if (merged == null) {
              merged = distGit.pullRequests(repo, PrState.MERGED).toList();
            }
            specCommit = lastSpecCommit(clone, name, pkg + ".spec", merged, sha);
            specCommits.put(key, specCommit);
          }
        }
        branches.add(new BranchState(name, sha, Optional.of(nevr.version()), Optional.of(nvr), specCommit, prs,
            build.map(KojiBuild::state), build.map(KojiBuild::ownerName).orElse(""), update));
      }
    } finally {
      if (clone != null) {
        clone.close();
      }
      deleteQuietly(dir);
    }
    return new PackageState(pkg, release, branches);
  }

  private List<String> upstreamTags(RepoId repo) {
    if (upstream.supportsReleases()) {
      try (Stream<Release> releases = upstream.releases(repo)) {
        // drafts are not published: propose_downstream never saw them
        return releases.filter(r -> !r.draft()).map(Release::tagName).toList();
      }
    }
    try (Stream<Tag> tags = upstream.tags(repo)) {
      return tags.map(Tag::name).toList();
    }
  }

  private LocalRepository cloneAll(RepoId repo, Path dir) {
    try {
      Files.createDirectories(dir.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir.getParent(), e);
    }
    CloneRequest.Builder req = CloneRequest.builder(gitBase.resolve(repo.path() + ".git"), dir).noTags(true);
    if (credentials != null) {
      req.credentials(credentials);
    }
    return LocalRepository.cloneFrom(req.build());
  }

  private static Optional<SpecCommit> lastSpecCommit(LocalRepository clone, String branch, String specFile,
      List<PullRequest> merged, String head) {
    // the head the forge named, so the answer belongs to the key it is cached under
    String revision = clone.plumbing().resolve(head).isPresent() ? head : "refs/remotes/origin/" + branch;
    List<CommitInfo> log = clone.log(revision, specFile, 1);
    if (log.isEmpty()) {
      return Optional.empty();
    }
    CommitInfo c = log.get(0);
    // The pull request that brought the commit: its head is the commit (merged as is), newest first.
    Optional<String> prAuthor = merged.stream()
        .filter(p -> p.targetBranch().equals(branch) && c.id().equals(p.headSha()))
        .max(Comparator.comparingLong(PullRequest::number)).map(PullRequest::author);
    return Optional.of(new SpecCommit(c.id(), c.author().email(), prAuthor));
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover scratch folder is harmless; the next run uses a new one
    }
  }

  /** Builds a {@link ForgeObserver}. */
  public static final class Builder {
    private Forge upstream;
    private Forge distGit;
    private URI gitBase;
    private String namespace = "rpms";
    private GitCredentials credentials;
    private KojiClient koji;
    private BodhiClient bodhi;
    private String botUser = "packit";
    private Path workDir;

    private Builder() {}

    /**
     * @param forge the upstream forge (releases, tags)
     * @return this builder
     */
    public Builder upstream(Forge forge) {
      this.upstream = forge;
      return this;
    }

    /**
     * @param forge the dist-git forge (branches, files, pull requests)
     * @param gitBase where {@code <namespace>/<package>.git} is cloned from
     * @return this builder
     */
    public Builder distGit(Forge forge, URI gitBase) {
      this.distGit = forge;
      this.gitBase = gitBase;
      return this;
    }

    /**
     * @param namespace the dist-git namespace, {@code rpms} by default
     * @return this builder
     */
    public Builder namespace(String namespace) {
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    /**
     * @param credentials for cloning dist-git; none for anonymous clones
     * @return this builder
     */
    public Builder gitCredentials(GitCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /**
     * @param client Koji, asked for the build of each head's NVR
     * @return this builder
     */
    public Builder koji(KojiClient client) {
      this.koji = client;
      return this;
    }

    /**
     * @param client Bodhi, asked for dist tags and updates; without it no update is looked up
     * @return this builder
     */
    public Builder bodhi(BodhiClient client) {
      this.bodhi = client;
      return this;
    }

    /**
     * @param user the bot's user on dist-git, whose open pull requests count
     * @return this builder
     */
    public Builder botUser(String user) {
      this.botUser = user;
      return this;
    }

    /**
     * @param dir a folder for the short-lived clones
     * @return this builder
     */
    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    /** @return the observer */
    public ForgeObserver build() {
      return new ForgeObserver(this);
    }
  }
}
