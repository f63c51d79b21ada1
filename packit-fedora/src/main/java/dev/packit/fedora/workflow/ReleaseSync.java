package dev.packit.fedora.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.PackitException;
import dev.packit.core.config.ActionCommand;
import dev.packit.core.config.ActionName;
import dev.packit.core.config.CommonConfig;
import dev.packit.core.config.FilesToSyncItem;
import dev.packit.core.config.JobType;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.core.spec.SpecFile;
import dev.packit.fedora.internal.workflow.ActionRunner;
import dev.packit.fedora.internal.workflow.FileSync;
import dev.packit.fedora.internal.workflow.SafePaths;
import dev.packit.fedora.internal.workflow.SpecMerge;
import dev.packit.fedora.internal.workflow.WorkTree;
import dev.packit.forge.Forge;
import dev.packit.forge.Repository;
import dev.packit.forge.git.LocalRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream side of propose_downstream and pull_from_upstream for one plan: the checkout of
 * the release tag, the {@code actions} at Packit's points, {@code files_to_sync}, the spec taken
 * from upstream, and the dist-git changes as the difference between the clone before and after.
 */
final class ReleaseSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReleaseSync.class);
  /** Actions propose_downstream and pull_from_upstream run; the others are for SRPM builds or source-git. */
  static final Set<ActionName> USED = EnumSet.of(ActionName.POST_UPSTREAM_CLONE, ActionName.PRE_SYNC,
      ActionName.PREPARE_FILES, ActionName.POST_MODIFICATIONS, ActionName.CHANGELOG_ENTRY, ActionName.COMMIT_MESSAGE);
  static final String DIVIDER = "---%<--- snip ---%<--- here ---%<---\n";

  private final Forge upstreamForge;
  private final Path workDir;
  private final Clock clock;
  private final ProposeDownstreamRequest request;
  private final CommonConfig cfg;
  private final String pkg;
  private final String version;
  private final String upstreamSha;
  private final ActionRunner runner;
  private final List<String> configuredActions;
  private Path root;
  private Path upstreamDir;

  /** The connect/read timeout of the upstream fetch: the workflow's git timeout. */
  private java.time.Duration gitTimeout = dev.packit.forge.git.LocalRepository.DEFAULT_TRANSPORT_TIMEOUT;

  void gitTimeout(java.time.Duration timeout) {
    this.gitTimeout = timeout;
  }

  /** Where the upstream fetch reports its progress. */
  private dev.packit.forge.git.GitProgress progress;

  void progress(dev.packit.forge.git.GitProgress p) {
    this.progress = p;
  }

  ReleaseSync(Forge upstreamForge, Path workDir, Clock clock, ActionSettings settings, ProposeDownstreamRequest request,
      CommonConfig cfg, String pkg, String version, String upstreamSha, List<String> secrets) {
    this.upstreamForge = upstreamForge;
    this.workDir = workDir;
    this.clock = clock;
    this.request = request;
    this.cfg = cfg;
    this.pkg = pkg;
    this.version = version;
    this.upstreamSha = upstreamSha;
    this.configuredActions = cfg.actions().keySet().stream().filter(USED::contains).map(ActionName::yamlName).toList();
    if (!configuredActions.isEmpty() && !settings.enabled()) {
      throw new PackitClientException("the config has actions " + String.join(", ", configuredActions) + " for "
          + request.job().yamlName() + ", but this workflow does not run actions; enable them with "
          + "ReleaseWorkflow.Builder.actions(ActionSettings.on()) or remove them from the config");
    }
    // The sandbox is looked for only when actions will run: a job without actions needs no bwrap.
    this.runner = settings.enabled() && !configuredActions.isEmpty()
        ? new ActionRunner(settings.timeout(), settings.outputLimit(), settings.environment(),
            settings.sandboxed() ? ActionRunner.Sandbox.find(settings.bubblewrap(), settings.network()) : null, secrets)
        : null;
    if (runner != null && !settings.sandboxed()) {
      LOG.warn("actions {} run WITHOUT a sandbox: they can read this process's environment and files"
          + " (install bubblewrap to sandbox them)", configuredActions);
    }
  }

  /** Clones the upstream repository at the release tag, when its URL is known. */
  void checkoutUpstream() {
    Optional<Repository> known = Optional.empty();
    if (upstreamForge != null) {
      try {
        known = upstreamForge.repository(request.upstream());
      } catch (PackitException e) {
        LOG.info("cannot look up the clone URL of {}: {}", request.upstream().fullName(), e.getMessage());
      }
    }
    Optional<URI> url = known.map(Repository::cloneUrl).or(() -> cfg.upstreamProjectUrl().map(URI::create));
    if (url.isEmpty()) {
      if (!cfg.filesToSync().isEmpty()) {
        throw new PackitClientException("files_to_sync needs the upstream repository, but its clone URL is unknown: "
            + "set upstream_project_url or the workflow's upstream forge");
      }
      return;
    }
    root = workDir.resolve("plan").resolve(pkg + "-upstream-" + UUID.randomUUID());
    Path dir = root.resolve("upstream");
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + root, e);
    }
    // Only the release tag is fetched, whatever the default branch is.
    try (LocalRepository up = LocalRepository.init(dir, "packit-release", clock)) {
      up.setRemote("origin", url.get());
      up.transportTimeout(gitTimeout).progress(progress);
      up.fetch("origin", List.of("+refs/tags/" + request.tag() + ":refs/tags/" + request.tag()), null);
      up.checkout(request.tag());
    } catch (PackitException e) {
      if (!cfg.filesToSync().isEmpty() || !configuredActions.isEmpty()) {
        throw new PackitClientException("cannot fetch tag " + request.tag() + " of " + request.upstream().fullName()
            + ", needed for files_to_sync and actions: " + e.getMessage(), e);
      }
      // Nothing configured needs upstream's files: go on with dist-git's spec, as without a git upstream.
      LOG.warn("cannot fetch tag {} of {}; the dist-git spec is updated in place: {}", request.tag(),
          request.upstream().fullName(), e.getMessage());
      return;
    }
    upstreamDir = dir;
  }

  Branch branch(String branch, Path distGit) {
    return new Branch(branch, distGit);
  }

  @Override
  public void close() {
    if (root != null) {
      Workspace.deleteQuietly(root);
    }
  }

  /** One dist-git branch: its clone, and its own copy of upstream when actions may change it. */
  final class Branch implements AutoCloseable {
    private final Path distGit;
    private final Map<String, WorkTree.Entry> before;
    private final Path up;
    private final Path own;
    private final List<String> report = new ArrayList<>();

    Branch(String branch, Path distGit) {
      this.distGit = distGit;
      this.before = WorkTree.snapshot(distGit);
      if (!configuredActions.isEmpty()) {
        own = workDir.resolve("plan").resolve(pkg + "-" + branch + "-upstream-" + UUID.randomUUID());
        try {
          if (upstreamDir != null) {
            copyTree(upstreamDir, own);
          } else {
            Files.createDirectories(own); // a non-git upstream: actions run in an empty folder, as Packit's do
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot copy the upstream checkout", e);
        }
        up = own;
      } else {
        own = null;
        up = upstreamDir;
      }
    }

    private Map<String, String> env(Map<String, String> extra) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("PACKIT_CONFIG_PACKAGE_NAME", request.packageName().isEmpty() ? pkg : request.packageName());
      env.put("PACKIT_UPSTREAM_PACKAGE_NAME", cfg.upstreamPackageName().orElse(pkg));
      env.put("PACKIT_DOWNSTREAM_PACKAGE_NAME", pkg);
      env.put("PACKIT_SPECFILE_PATH", cfg.specfilePath().orElse(pkg + ".spec"));
      env.put("PACKIT_UPSTREAM_REPO", up == null ? "" : up.toString());
      env.put("PACKIT_DOWNSTREAM_REPO", distGit.toString());
      env.put("PACKIT_PWD", cwd().toString());
      env.put("PACKIT_PROJECT_VERSION", version);
      env.put("PACKIT_PROJECT_UPSTREAM_TAG", request.tag());
      env.putAll(extra);
      return env;
    }

    private Path cwd() {
      if (up == null) {
        return distGit;
      }
      List<String> paths = cfg.paths();
      String first = paths.isEmpty() ? "" : SafePaths.normalize(paths.get(0));
      return first == null || first.isEmpty() ? up : up.resolve(first);
    }

    private Optional<ActionRunner.Output> run(ActionName name, Map<String, String> extra) {
      Optional<List<ActionCommand>> commands = cfg.action(name);
      if (commands.isEmpty()) {
        return Optional.empty();
      }
      // Writable: this branch's upstream copy and its dist-git clone, nothing else.
      List<Path> writable = up == null ? List.of(distGit) : List.of(up, distGit);
      Map<String, String> upBefore = up == null ? Map.of() : stamps(up);
      Map<String, String> dgBefore = stamps(distGit);
      ActionRunner.Output out = runner.run(name.yamlName(), commands.get(), cwd(), env(extra), false, writable);
      String printed = switch (name) {
        case CHANGELOG_ENTRY -> out.joined().isBlank() ? "; printed nothing (Packit's entry is used)" : "; gave the changelog entry";
        case COMMIT_MESSAGE -> out.joined().isBlank() ? "; printed nothing (the default message is used)" : "; gave the commit message";
        default -> "";
      };
      report.add(name.yamlName() + " (" + commands.get().size() + (commands.get().size() == 1 ? " command" : " commands")
          + "): upstream: " + (up == null ? "none" : changed(upBefore, stamps(up))) + "; dist-git: " + changed(dgBefore, stamps(distGit))
          + printed);
      return Optional.of(out);
    }

    /** @return one line per action that ran on this branch: what it changed */
    List<String> report() {
      return List.copyOf(report);
    }

    void postUpstreamClone() {
      run(ActionName.POST_UPSTREAM_CLONE, Map.of());
    }

    void preSync(String previousVersion) {
      run(ActionName.PRE_SYNC, Map.of("PACKIT_PROJECT_PREVIOUS_VERSION", previousVersion));
    }

    /** The {@code commit-message} action's title and body, or empty for the default message. */
    Optional<String> commitMessage() {
      return run(ActionName.COMMIT_MESSAGE, Map.of("PACKIT_UPSTREAM_TAG", request.tag(), "PACKIT_UPSTREAM_COMMIT", upstreamSha,
          "PACKIT_DEBUG_DIVIDER", DIVIDER, "PACKIT_RESOLVED_BUGS", String.join(" ", request.resolvedBugs())))
          .flatMap(o -> parseCommitMessage(o.joined()));
    }

    /** The {@code changelog-entry} action's lines, or empty for the default entry. */
    Optional<List<String>> changelogEntry(String previousVersion) {
      return run(ActionName.CHANGELOG_ENTRY, Map.of("PACKIT_RESOLVED_BUGS", String.join(" ", request.resolvedBugs()), "PACKIT_PROJECT_PREVIOUS_VERSION", previousVersion))
          .flatMap(o -> {
            List<String> lines = new ArrayList<>();
            for (String l : o.joined().stripTrailing().split("\\R")) {
              if (!l.isBlank()) {
                // Literal text: the changelog entry escapes it for rpm (SpecFile.literal).
                lines.add(l.stripTrailing());
              }
            }
            return lines.isEmpty() ? Optional.empty() : Optional.of(lines);
          });
    }

    /**
     * Writes the spec and runs {@code files_to_sync} (or {@code prepare-files}) into the dist-git
     * clone, as Packit's update_dist_git does.
     *
     * @param distGitSpec the spec dist-git has
     * @param edit the version, release and changelog edit
     * @return the spec now in the dist-git clone
     */
    SpecFile updateFiles(SpecFile distGitSpec, UnaryOperator<SpecFile> edit) throws IOException {
      Path specPath = distGit.resolve(pkg + ".spec");
      String upSpecRaw = cfg.specfilePath().orElse(pkg + ".spec");
      String upSpec = SafePaths.normalize(upSpecRaw);
      List<FileSync.Entry> entries = entries(upSpecRaw);
      boolean upstreamSpec = up != null && request.job() != JobType.PULL_FROM_UPSTREAM && upSpec != null && !upSpec.isEmpty()
          && SafePaths.linkOnTheWay(up, upSpec) == null && Files.isRegularFile(up.resolve(upSpec), LinkOption.NOFOLLOW_LINKS);
      if (cfg.action(ActionName.PREPARE_FILES).isPresent()) {
        // prepare-files replaces Packit's spec update; files_to_sync still runs, spec included.
        run(ActionName.PREPARE_FILES, Map.of());
        sync(entries, Set.of());
      } else if (cfg.syncChangelog() && upstreamSpec) {
        sync(entries, Set.of()); // the upstream spec verbatim, changelog included
      } else {
        SpecFile base = upstreamSpec
            ? SpecMerge.upstreamWithDistGitChangelog(SpecFile.read(up.resolve(upSpec)), distGitSpec) : distGitSpec;
        SafePaths.requireNotALink(distGit, pkg + ".spec", "the dist-git spec");
        SafePaths.writeFile(distGit, pkg + ".spec", edit.apply(base).toBytes(), false);
        sync(entries, upstreamSpec ? Set.of(upSpec) : Set.of());
      }
      SafePaths.requireNotALink(distGit, pkg + ".spec", "the dist-git spec");
      if (!Files.isRegularFile(specPath, LinkOption.NOFOLLOW_LINKS)) {
        throw new PackitClientException("no " + pkg + ".spec in dist-git after files_to_sync");
      }
      return SpecFile.read(specPath);
    }

    private List<FileSync.Entry> entries(String upSpec) {
      if (up == null) {
        return List.of();
      }
      List<FilesToSyncItem> items = cfg.filesToSync();
      if (items.isEmpty()) {
        if (request.job() == JobType.PULL_FROM_UPSTREAM) {
          return List.of(); // Packit syncs no default files for pull_from_upstream (its config lives in dist-git)
        }
        return FileSync.defaults(upSpec, pkg + ".spec", up, PackitConfigLoader.CONFIG_FILE_NAMES);
      }
      List<FileSync.Entry> out = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        out.add(new FileSync.Entry(items.get(i), "the package config", "files_to_sync[" + i + "]"));
      }
      return out;
    }

    private void sync(List<FileSync.Entry> entries, Set<String> skipped) {
      if (up != null && !entries.isEmpty()) {
        // A file missing from Packit's default list (most upstreams keep no spec) is routine; one the
        // packager listed is worth seeing.
        boolean configured = !cfg.filesToSync().isEmpty();
        FileSync.sync(entries, up, distGit, skipped).forEach(n -> {
          if (configured) {
            LOG.info("{}", n);
          } else {
            LOG.debug("{}", n);
          }
        });
      }
    }

    void postModifications() {
      run(ActionName.POST_MODIFICATIONS, Map.of());
    }

    /** Everything that changed in the dist-git clone since it was cloned. */
    List<PlannedStep.FileChange> changes(List<String> first) {
      return WorkTree.diff(before, WorkTree.snapshot(distGit), first);
    }

    @Override
    public void close() {
      if (own != null) {
        Workspace.deleteQuietly(own);
      }
    }
  }

  /** Parses {@code commit-message} output: the last part after the divider, title, blank line, body. */
  static Optional<String> parseCommitMessage(String out) {
    String text = out.contains(DIVIDER) ? out.substring(out.lastIndexOf(DIVIDER) + DIVIDER.length()) : out;
    int split = text.indexOf("\n\n");
    String title = (split < 0 ? text : text.substring(0, split)).strip();
    String body = split < 0 ? "" : text.substring(split + 2).strip();
    if (title.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(title + "\n" + (body.isEmpty() ? "" : "\n" + body + "\n"));
  }

  /**
   * Path to kind, size and modification time of every file under {@code root} except its
   * {@code .git}: cheap enough to take around each action on a large upstream checkout.
   */
  static Map<String, String> stamps(Path root) {
    Map<String, String> out = new java.util.TreeMap<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return dir.equals(root.resolve(".git")) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          out.put(root.relativize(file).toString().replace(java.io.File.separatorChar, '/'),
              (attrs.isSymbolicLink() ? "l" : "f") + attrs.size() + "@" + attrs.lastModifiedTime().toMillis()
              + "." + attrs.lastModifiedTime().toInstant().getNano());
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root, e);
    }
    return out;
  }

  /** "added a, b; changed c; removed d", or "no change". */
  static String changed(Map<String, String> before, Map<String, String> after) {
    List<String> added = new ArrayList<>();
    List<String> modified = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    after.forEach((path, stamp) -> {
      String was = before.get(path);
      if (was == null) {
        added.add(path);
      } else if (!was.equals(stamp)) {
        modified.add(path);
      }
    });
    before.keySet().stream().filter(p -> !after.containsKey(p)).forEach(removed::add);
    List<String> parts = new ArrayList<>();
    if (!added.isEmpty()) {
      parts.add("added " + list(added));
    }
    if (!modified.isEmpty()) {
      parts.add("changed " + list(modified));
    }
    if (!removed.isEmpty()) {
      parts.add("removed " + list(removed));
    }
    return parts.isEmpty() ? "no change" : String.join(", ", parts);
  }

  /** At most 10 paths, then how many more: a build step may touch thousands. */
  private static String list(List<String> paths) {
    return paths.size() <= 10 ? String.join(" ", paths)
        : String.join(" ", paths.subList(0, 10)) + " and " + (paths.size() - 10) + " more";
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir)));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file)), LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
