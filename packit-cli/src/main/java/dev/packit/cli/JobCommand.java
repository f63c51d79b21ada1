package dev.packit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.packit.core.AuthenticationException;
import dev.packit.core.PackitClientException;
import dev.packit.core.PackitException;
import dev.packit.core.config.JobType;
import dev.packit.core.config.JobView;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.PlannedStep;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.fedora.workflow.WorkflowListener;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.LocalRepository;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What {@code propose-downstream}, {@code pull-from-upstream}, {@code build-in-koji} and
 * {@code create-update} share: the user config, the clients, the plan (printed for
 * {@code --dry-run}), applying it with progress, the result table and the exit code
 * (0 done or skipped, 1 a branch failed, 2 usage or config error).
 *
 * <pre>{@code
 * int exit = PackitCommand.execute("propose-downstream", "--dry-run", "https://github.com/o/hello", "1.2.0");
 * }</pre>
 */
abstract class JobCommand implements Callable<Integer> {
  /** Exit code: every branch done or skipped. */
  static final int OK = 0;
  /** Exit code: at least one branch failed. */
  static final int FAILED = 1;
  /** Exit code: usage or configuration error. */
  static final int USAGE = 2;

  private static final Pattern PLAIN_BRANCH = Pattern.compile("rawhide|main|f\\d+|epel\\d+(\\.\\d+)?(-next)?|c\\d+s|el\\d+");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE",
      description = "User config file (default: $PACKIT_CONFIG, else ~/.config/packit.yaml).")
  Path configFile;

  @Option(names = "--dry-run", description = "Print the plan and change nothing.")
  boolean dryRun;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (default) or json.")
  Output output = Output.text;

  @Option(names = {"-v", "--verbose"}, description = "Say which config, services and credentials (never their values) are used.")
  boolean verbose;

  @Option(names = {"-d", "--debug"}, description = "Like --verbose, plus the library's debug log and the stack trace of an error.")
  boolean debug;

  @Option(names = "--fas-user", paramLabel = "USER",
      description = "The Fedora account (overrides fas_user of the user config): Kerberos principal and dist-git user.")
  String fasUser;

  @Option(names = {"-k", "--keytab"}, paramLabel = "FILE",
      description = "Kerberos keytab for the Fedora account (overrides keytab_path of the user config).")
  Path keytab;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Folder for clones and archives (default: a temporary folder, deleted afterwards).")
  Path workDir;

  /** Output formats. */
  enum Output { text, json }

  /** The redacting printer of the running command. */
  Redactor io;
  /** The user config of the running command. */
  UserConfig user;
  /** The clients of the running command. */
  Services services;
  /** The work folder of the running command. */
  Path work;
  /** Progress of long steps (terminal only, JSON lines with -o json). */
  Progress progressOut;
  /** Koji tasks submitted while applying, by branch (from the steps' notes). */
  final Map<String, Long> kojiTasks = new java.util.concurrent.ConcurrentHashMap<>();

  private static final Pattern KOJI_TASK_NOTE = Pattern.compile("^submitted Koji task (\\d+) for ");

  /**
   * After the plan was applied (not for --dry-run): e.g. wait for Koji. The default does nothing.
   *
   * @param result what applying did
   * @param exit the exit code so far
   * @return the exit code
   */
  int afterApply(RunResult result, int exit) {
    return exit;
  }

  /**
   * A command that reports instead of planning ({@code status}) returns its exit code here; null
   * (the default) plans and applies.
   *
   * @return the exit code, or null
   */
  Integer runInstead() {
    return null;
  }

  /**
   * Computes the plan.
   *
   * @param listener the progress listener to build the workflow with
   * @return the workflow and its plan
   */
  abstract Planned plan(WorkflowListener listener);

  /**
   * A workflow and the plan it made.
   *
   * @param workflow the workflow that applies the plan
   * @param plan the plan
   */
  record Planned(ReleaseWorkflow workflow, Plan plan) {}

  @Override
  public Integer call() {
    io = new Redactor(spec.commandLine().getOut(), spec.commandLine().getErr());
    String name = "packit " + spec.name();
    PrintStream realErr = System.err;
    System.setErr(io.lineFilter(realErr));
    boolean tempWork = workDir == null;
    if (debug) {
      verbose = true;
      // slf4j-simple reads this when the first logger is made: early enough for a CLI process.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    try {
      Map<String, String> env = PackitCommand.environment(spec);
      Map.Entry<Path, Boolean> where = UserConfig.locate(configFile, env);
      user = UserConfig.load(where.getKey(), where.getValue(), env);
      user = user.withAccount(fasUser, keytab);
      io.addSecrets(user.secrets());
      verbose("user config: " + user.source() + (user.fasUser().isEmpty() ? "" : ", fas_user " + user.fasUser()));
      work = tempWork ? Files.createTempDirectory("packit-") : Files.createDirectories(workDir);
      services = new Services(user, this::verbose);
      progressOut = Progress.of(io, env, output == Output.json);
      services.progress = progressOut;
      PackagerIdentity.Found who = PackagerIdentity.resolve(env, user.fasUser());
      services.identity = who.identity();
      verbose("commits and changelog entries by " + who.identity() + " (from " + who.source() + ")");
      Integer instead = runInstead();
      if (instead != null) {
        return instead;
      }
      progressOut.phase("planning", spec.name() + " (clone, fetch and archive download may take a while)");
      Planned p = plan(progress());
      return output == Output.json ? json(p) : text(p);
    } catch (AuthenticationException e) {
      io.err(name + ": " + e.getMessage() + " (check the token for this service in " + (user == null ? "the user config" : user.source())
          + " or its environment variable)");
      return USAGE;
    } catch (PackitClientException | IllegalArgumentException e) {
      io.err(name + ": " + Preflight.cause(e));
      debugTrace(e);
      return USAGE;
    } catch (PackitException | UncheckedIOException e) {
      io.err(name + ": " + Preflight.cause(e));
      debugTrace(e);
      return FAILED;
    } catch (IOException e) {
      io.err(name + ": " + Preflight.cause(e));
      debugTrace(e);
      return FAILED;
    } finally {
      System.err.flush();
      System.setErr(realErr);
      if (tempWork && work != null) {
        deleteTree(work);
      }
    }
  }

  private int text(Planned p) {
    Plan plan = p.plan();
    Set<String> present = inLookaside(plan);
    String rendered = plan.render();
    for (BranchPlan b : plan.branches()) {
      for (PlannedStep step : b.steps()) {
        if (step instanceof PlannedStep.Upload u && present.contains(u.sha512())) {
          rendered = rendered.replace("    - " + u.describe() + "\n", "    - " + u.describe() + ": already there, will be skipped\n");
        }
      }
    }
    io.outRaw(rendered);
    if (dryRun) {
      io.out("Dry run: nothing was changed.");
      return cannotPlan(plan) ? FAILED : OK;
    }
    if (plan.isEmpty()) {
      io.out("Nothing to do.");
    } else {
      io.out("Applying the plan:");
    }
    RunResult result = p.workflow().apply(plan);
    io.out("");
    io.out(String.format("%-10s  %-9s  %s", "BRANCH", "RESULT", "DETAIL"));
    for (BranchResult r : result.branches()) {
      io.out(String.format("%-10s  %-9s  %s", r.branch(), outcome(r), detail(r)));
    }
    if (!plan.isEmpty() && result.branches().stream().noneMatch(r -> outcome(r).equals("done") || outcome(r).equals("failed"))) {
      io.out("Nothing to do: everything was already in place.");
    }
    return afterApply(result, exit(result));
  }

  /**
   * The archives of the plan's uploads that the lookaside cache already has (by SHA-512), so that
   * a plan says which uploads will be skipped. A failing check leaves the upload unmarked.
   */
  private Set<String> inLookaside(Plan plan) {
    Set<String> present = new java.util.HashSet<>();
    Set<String> asked = new java.util.HashSet<>();
    for (BranchPlan b : plan.branches()) {
      for (PlannedStep step : b.steps()) {
        if (step instanceof PlannedStep.Upload u && asked.add(u.sha512())) {
          try {
            if (services.lookaside.check(plan.packageName(), u.fileName(), dev.packit.fedora.lookaside.HashType.SHA512, u.sha512())
                == dev.packit.fedora.lookaside.Presence.AVAILABLE) {
              present.add(u.sha512());
            }
          } catch (PackitException e) {
            verbose("cannot ask the lookaside cache for " + u.fileName() + ": " + e.getMessage());
          }
        }
      }
    }
    return present;
  }

  /** The plan as JSON, each Upload step with {@code already_in_lookaside}. */
  private ObjectNode planJson(Plan plan, ObjectMapper mapper) throws IOException {
    Set<String> present = inLookaside(plan);
    ObjectNode tree = (ObjectNode) mapper.readTree(plan.toJson());
    for (com.fasterxml.jackson.databind.JsonNode b : tree.path("branches")) {
      for (com.fasterxml.jackson.databind.JsonNode step : b.path("steps")) {
        if (step instanceof ObjectNode o && "Upload".equals(o.path("kind").asText())) {
          o.put("already_in_lookaside", present.contains(o.path("sha512").asText()));
        }
      }
    }
    return tree;
  }

  private int json(Planned p) {
    Plan plan = p.plan();
    ObjectMapper mapper = new ObjectMapper();
    if (dryRun) {
      try {
        io.outRaw(new String(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(planJson(plan, mapper)), StandardCharsets.UTF_8) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return cannotPlan(plan) ? FAILED : OK;
    }
    ObjectNode planNode;
    try {
      planNode = planJson(plan, mapper);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RunResult result = p.workflow().apply(plan);
    ObjectNode root = mapper.createObjectNode();
    try {
      root.set("plan", planNode);
      ArrayNode arr = root.putArray("results");
      for (BranchResult r : result.branches()) {
        arr.addObject().put("branch", r.branch()).put("result", outcome(r)).put("detail", r.detail())
            .put("pull_request", r.pullRequest()).put("build", r.build()).put("update", r.update());
      }
      int code = afterApply(result, exit(result));
      root.put("exit", code);
      io.outRaw(new String(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), StandardCharsets.UTF_8) + "\n");
      return code;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A branch that could not be planned is a failure, not a skip rule. */
  private static boolean cannotPlan(Plan plan) {
    return plan.branches().stream().anyMatch(BranchPlan::planningFailed);
  }

  /** Branches where a step changed something (fed by the progress listener while applying). */
  private final Set<String> changed = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** What a step's note says when it changed something remote; anything else ("already ...") did not. */
  private static final Pattern CHANGED_NOTE = Pattern.compile(
      "^(uploaded |committed |pushed|submitted |created )|(opened|updated) pull request");

  private String outcome(BranchResult r) {
    // A branch that could not be planned (a service down, a missing branch) failed, typed as such.
    if (r.failure().filter(f -> f.kind() == dev.packit.fedora.workflow.Failure.Kind.PLANNING).isPresent()) {
      return "failed";
    }
    if (r.outcome() == BranchOutcome.DONE && !changed.contains(r.branch())) {
      // A rerun that found everything in place: say so rather than "done".
      return "unchanged";
    }
    return r.outcome().name().toLowerCase(java.util.Locale.ROOT);
  }

  private String detail(BranchResult r) {
    List<String> parts = new ArrayList<>();
    r.pullRequestUrl().ifPresent(parts::add);
    r.buildNvr().ifPresent(parts::add);
    r.updateAlias().ifPresent(parts::add);
    if (r.outcome() != BranchOutcome.DONE || parts.isEmpty() || !changed.contains(r.branch())) {
      parts.add(r.detail());
    }
    return String.join("  ", parts);
  }

  private int exit(RunResult result) {
    boolean failed = result.branches().stream().anyMatch(r -> outcome(r).equals("failed"));
    return failed ? FAILED : OK;
  }

  private WorkflowListener progress() {
    boolean toErr = output == Output.json;
    return new WorkflowListener() {
      private final Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

      @Override
      public void stepStarted(String branch, PlannedStep step) {
        if (step instanceof PlannedStep.Upload u) {
          started.put(u.fileName(), System.nanoTime());
        }
        say("  [" + branch + "] " + step.describe() + " ...");
      }

      @Override
      public void stepFinished(String branch, PlannedStep step, String note) {
        if (CHANGED_NOTE.matcher(note).find()) {
          changed.add(branch);
        }
        java.util.regex.Matcher task = KOJI_TASK_NOTE.matcher(note);
        if (task.find()) {
          kojiTasks.put(branch, Long.parseLong(task.group(1)));
        }
        say("  [" + branch + "] " + note);
      }

      @Override
      public void gitProgress(String location, String task, long done, long total) {
        progressOut.git(location, task, done, total);
      }

      @Override
      public void bytesUploaded(String fileName, long bytes, long total) {
        say("  uploaded " + fileName + ": " + bytes + " of " + total + " bytes");
        Long t0 = started.get(fileName);
        if (t0 != null && bytes == total) {
          progressOut.transferred("uploaded", fileName, bytes, System.nanoTime() - t0);
        }
      }

      private void say(String line) {
        if (toErr) {
          io.err(line);
        } else {
          io.out(line);
        }
      }
    };
  }

  /**
   * The exception whose message says most: JGit's wrappers ("Invalid remote: origin") hide the
   * transport error below them.
   */
  static Throwable rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t
        && (t.getMessage() == null || t.getMessage().startsWith("Invalid remote") || t.getMessage().contains("git-upload-pack")
            || t.getCause().getClass().getName().startsWith("org.eclipse.jgit"))) {
      t = t.getCause();
    }
    return t;
  }

  private void debugTrace(Throwable e) {
    if (debug) {
      java.io.StringWriter w = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(w));
      io.err(w.toString().stripTrailing());
    }
  }

  void verbose(String line) {
    if (verbose) {
      io.err("packit: " + line);
    }
  }

  // ---------------------------------------------------------------- shared helpers

  /**
   * A checkout of PATH_OR_URL: the local folder itself, or a clone of the URL in the work folder.
   *
   * @param pathOrUrl a folder or a git URL
   * @return the folder and the URL it came from (the {@code origin} remote for a local folder, if any)
   */
  Checkout checkout(String pathOrUrl) {
    if (pathOrUrl.contains("://")) {
      URI url = URI.create(pathOrUrl);
      Path dir = work.resolve("checkout");
      verbose("fetching " + Redactor.url(url));
      progressOut.phase("fetching", Redactor.url(url));
      // init + fetch rather than clone: a remote HEAD that names a missing branch must not matter.
      try (LocalRepository repo = LocalRepository.init(dir, "packit-checkout", Clock.systemUTC())) {
        repo.setRemote("origin", url);
        if (progressOut.enabled()) {
          repo.progress(progressOut::git);
        }
        try {
          repo.fetch("origin", List.of("+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"), GitCredentials.none());
        } catch (PackitException e) {
          // JGit says "Invalid remote: origin" for a wrong URL: name the URL and the cause instead.
          String why = Preflight.network(e);
          throw new PackitClientException("cannot fetch " + Redactor.url(url) + ": "
              + (why != null ? why : Preflight.cause(rootMessage(e))), e);
        }
        Optional<String> head = Optional.empty();
        for (String b : List.of("main", "master", "rawhide")) {
          head = repo.plumbing().resolve("refs/remotes/origin/" + b);
          if (head.isPresent()) {
            break;
          }
        }
        if (head.isEmpty()) {
          throw new PackitClientException(Redactor.url(url) + " has no main, master or rawhide branch");
        }
        repo.checkout(head.get());
        return new Checkout(dir, Optional.of(url), repo.tags());
      }
    }
    Path dir = Path.of(pathOrUrl).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new PackitClientException(pathOrUrl + ": no such directory");
    }
    if (Files.isDirectory(dir.resolve(".git"))) {
      try (LocalRepository repo = LocalRepository.open(dir)) {
        return new Checkout(dir, repo.remoteUri("origin"), repo.tags());
      }
    }
    return new Checkout(dir, Optional.empty(), List.of());
  }

  /**
   * A local copy of the repository the command works on.
   *
   * @param dir the folder
   * @param url where it came from, if known
   * @param tags its git tags
   */
  record Checkout(Path dir, Optional<URI> url, List<String> tags) {}

  /** A repository's config and the dist-git package it names. */
  record PackageTarget(PackitConfig config, String packageName) {}

  /**
   * The package a koji_build or bodhi_update command works on: the config of the repository at
   * {@code pathOrUrl} (upstream or dist-git, named after its URL or folder) and its downstream name.
   */
  PackageTarget packageTarget(String pathOrUrl, String monorepoPackage) {
    Checkout co = checkout(pathOrUrl);
    String name = co.url().map(Services::lastSegment)
        .orElse(co.dir().getFileName() == null ? "package" : co.dir().getFileName().toString());
    PackitConfig config = packageConfig(co.dir(), name);
    return new PackageTarget(config, downstreamName(config, monorepoPackage, name));
  }

  /**
   * Loads the package config ({@code .packit.yaml} and friends) from a folder.
   *
   * @param dir the folder
   * @param repositoryName the repository name for defaults
   * @return the config
   */
  PackitConfig packageConfig(Path dir, String repositoryName) {
    Path file = PackitConfigLoader.find(dir).orElseThrow(() -> new PackitClientException("no Packit config ("
        + String.join(", ", PackitConfigLoader.CONFIG_FILE_NAMES) + ") in " + dir));
    verbose("package config: " + file);
    try {
      // From the bytes: the upstream repository need not hold the spec file; dist-git's is edited.
      return PackitConfigLoader.builder().repositoryName(repositoryName).build().load(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new PackitClientException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The dist-git branches: {@code --dist-git-branch}, else the job's {@code dist_git_branches},
   * else rawhide; aliases such as {@code fedora-all} resolved with Bodhi's releases.
   *
   * @param requested the {@code --dist-git-branch} values
   * @param config the package config
   * @param type the job whose branches to take
   * @param packageName the monorepo package, or empty
   * @return the branches, in order
   */
  List<String> branches(List<String> requested, PackitConfig config, JobType type, String packageName) {
    List<String> names = new ArrayList<>();
    requested.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(names::add);
    if (names.isEmpty()) {
      for (JobView v : config.jobViews(type)) {
        if (packageName.isEmpty() || v.packageName().equals(packageName)) {
          names.addAll(v.config().distGitBranches().names());
          break;
        }
      }
    }
    String defaultBranch = services.fedora.instance().defaultBranch();
    if (names.isEmpty()) {
      names.add(defaultBranch);
    }
    if (names.stream().allMatch(n -> PLAIN_BRANCH.matcher(n).matches())) {
      return List.copyOf(new LinkedHashSet<>(names));
    }
    Set<String> resolved = services.fedora.releases().get().branches(names, defaultBranch);
    verbose("branches " + names + " resolve to " + resolved);
    return List.copyOf(resolved);
  }

  /**
   * The package name: {@code downstream_package_name}, else the repository name.
   *
   * @param config the package config
   * @param packageName the monorepo package, or empty
   * @param fallback the repository name
   * @return the dist-git package
   */
  static String downstreamName(PackitConfig config, String packageName, String fallback) {
    var layer = packageName.isEmpty() ? config.singlePackage()
        : config.packageConfig(packageName).orElseThrow(() -> new PackitClientException("no package '" + packageName + "' in the config"));
    return layer.downstreamPackageName().orElse(config.repositoryName().orElse(fallback));
  }

  /**
   * Applies {@code --pr}/{@code --no-pr} to every job of a type and the top level.
   *
   * @param config the config
   * @param type the job type
   * @param createPr the value
   * @return the config with {@code create_pr} set
   */
  static PackitConfig withCreatePr(PackitConfig config, JobType type, boolean createPr) {
    PackitConfig.Builder b = config.toBuilder();
    b.topLevel(config.topLevel().toBuilder().set("create_pr", createPr).build());
    List<dev.packit.core.config.JobConfig> jobs = new ArrayList<>();
    for (dev.packit.core.config.JobConfig j : config.jobs()) {
      jobs.add(j.type() == type ? j.toBuilder().overrides(j.overrides().toBuilder().set("create_pr", createPr).build()).build() : j);
    }
    b.jobs(jobs);
    return b.build();
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary folder is harmless
    }
  }

  /** @return whether any branch of the plan has work */
  static boolean hasWork(Plan plan) {
    return plan.branches().stream().anyMatch(b -> !b.steps().isEmpty());
  }

  static List<BranchPlan> skipped(Plan plan) {
    return plan.branches().stream().filter(b -> b.skipReason().isPresent()).toList();
  }
}
