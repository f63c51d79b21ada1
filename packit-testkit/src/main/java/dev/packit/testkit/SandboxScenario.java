package dev.packit.testkit;

import dev.packit.core.Secret;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.core.http.HttpService;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiLogin;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import dev.packit.forge.github.GitHub;
import dev.packit.forge.github.GitHubForge;
import dev.packit.fedora.distgit.DistGitBackendProbe;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * A ready-made release scenario on a {@link FedoraSandbox}: an upstream project {@code upstream/hello}
 * with a {@code .packit.yaml} and a release, and a dist-git package {@code rpms/hello} with
 * branches rawhide, f43 and f42, plus clients of every sandbox service wired for the bot user
 * {@code packit}. The {@code packit demo} command and the workflow tests use it; so can your bot's
 * tests.
 *
 * <pre>{@code
 * try (FedoraSandbox sandbox = FedoraSandbox.start()) {
 *   SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
 *   ReleaseWorkflow wf = hello.workflow(Path.of("/tmp/work")).build();
 *   Plan plan = wf.planProposeDownstream(hello.releaseRequest());
 * }
 * }</pre>
 */
public final class SandboxScenario {
  /** The bot's user on every sandbox service. */
  public static final String BOT = "packit";
  /** The package name. */
  public static final String PACKAGE = "hello";
  /** The upstream repository on the fake GitHub. */
  public static final String UPSTREAM = "upstream/hello";
  /** The dist-git branches, newest first. */
  public static final List<String> BRANCHES = List.of("rawhide", "f43", "f42");

  private static final GitIdentity MAINTAINER = GitIdentity.of("Jane Maintainer", "jane@example.org");

  private final FedoraSandbox sandbox;
  private final String releasedVersion;
  private final String packitYaml;
  private final List<String> branches;
  private volatile boolean switchable;
  private volatile boolean upstreamOnForgejo;

  private SandboxScenario(FedoraSandbox sandbox, String releasedVersion, String packitYaml, List<String> branches) {
    this.sandbox = sandbox;
    this.releasedVersion = releasedVersion;
    this.packitYaml = packitYaml;
    this.branches = branches;
  }

  /**
   * Seeds the sandbox: dist-git {@code rpms/hello} at {@code packagedVersion} on every branch, and
   * upstream {@code upstream/hello} with tag and release {@code v<releasedVersion>}; archives for
   * any version are served at {@code /downloads/hello-<version>.tar.gz}.
   *
   * @param sandbox the sandbox
   * @param packagedVersion the version dist-git has now
   * @param releasedVersion the version upstream just released
   * @return the scenario
   */
  public static SandboxScenario hello(FedoraSandbox sandbox, String packagedVersion, String releasedVersion) {
    return hello(sandbox, packagedVersion, releasedVersion, BRANCHES);
  }

  /**
   * Like {@link #hello(FedoraSandbox, String, String)} with other dist-git branches, for example
   * {@link #branchNames(int) branchNames(10)} to measure a release to ten branches. Every job of the
   * {@code .packit.yaml} lists them (bodhi_update all but rawhide).
   *
   * @param sandbox the sandbox
   * @param packagedVersion the version dist-git has now
   * @param releasedVersion the version upstream just released
   * @param branches the dist-git branches, at least one
   * @return the scenario
   */
  public static SandboxScenario hello(FedoraSandbox sandbox, String packagedVersion, String releasedVersion,
      List<String> branches) {
    Objects.requireNonNull(sandbox, "sandbox");
    List<String> names = List.copyOf(branches);
    if (names.isEmpty() || names.stream().anyMatch(b -> !b.matches("[A-Za-z0-9][A-Za-z0-9._-]*"))) {
      throw new IllegalArgumentException("branches must be at least one plain branch name: " + names);
    }
    String list = String.join(", ", names);
    String stable = names.stream().filter(b -> !b.equals("rawhide")).collect(java.util.stream.Collectors.joining(", "));
    String yaml = "upstream_package_name: hello\n"
        + "downstream_package_name: hello\n"
        + "upstream_tag_template: v{version}\n"
        + "copy_upstream_release_description: true\n"
        + "jobs:\n"
        + "  - job: propose_downstream\n"
        + "    trigger: release\n"
        + "    dist_git_branches: [" + list + "]\n"
        + "  - job: koji_build\n"
        + "    trigger: commit\n"
        + "    dist_git_branches: [" + list + "]\n"
        + (stable.isEmpty() ? "" : "  - job: bodhi_update\n"
        + "    trigger: commit\n"
        + "    dist_git_branches: [" + stable + "]\n");
    SandboxScenario s = new SandboxScenario(sandbox, releasedVersion, yaml, names);
    s.mountDownloads();
    s.seedDistGit(packagedVersion);
    s.seedUpstream(releasedVersion);
    return s;
  }

  /**
   * Branch names for a scenario with {@code count} branches: {@code rawhide}, then Fedora releases
   * from f43 downwards ({@code branchNames(3)} is {@link #BRANCHES}).
   *
   * @param count how many, 1 to 40
   * @return the names, newest first
   */
  public static List<String> branchNames(int count) {
    if (count < 1 || count > 40) {
      throw new IllegalArgumentException("branch count must be 1 to 40: " + count);
    }
    List<String> names = new java.util.ArrayList<>();
    names.add("rawhide");
    for (int i = 1; i < count; i++) {
      names.add("f" + (44 - i));
    }
    return List.copyOf(names);
  }

  /** @return the dist-git branches of this scenario, newest first ({@link #BRANCHES} by default) */
  public List<String> branches() {
    return branches;
  }

  /** @return the sandbox */
  public FedoraSandbox sandbox() {
    return sandbox;
  }

  /** @return the upstream release tag, {@code v<version>} */
  public String tag() {
    return "v" + releasedVersion;
  }

  /** @return the released upstream version */
  public String releasedVersion() {
    return releasedVersion;
  }

  /** @return the {@code .packit.yaml} of the upstream project */
  public String packitYaml() {
    return packitYaml;
  }

  /** @return the parsed config of the upstream project */
  public PackitConfig config() {
    return PackitConfigLoader.defaults().load(packitYaml, UPSTREAM + "/.packit.yaml");
  }

  /** @return a GitHub client of the fake GitHub, as the bot */
  public GitHubForge github() {
    return GitHub.builder().baseUri(sandbox.github().apiUri())
        .credentials(ForgeCredentials.token(sandbox.github().token(BOT))).build();
  }

  /** @return a Pagure client of the fake dist-git, as the bot */
  public PagureForge distGit() {
    return Pagure.builder().instance(sandbox.pagure().instanceUri())
        .credentials(ForgeCredentials.token(sandbox.pagure().token(BOT))).build();
  }

  /**
   * The bot's client of dist-git as the workflow sees it: the Pagure fake by default, or, after
   * {@link #distGitOn(ForgeKind)}, whatever forge answers at {@link FedoraSandbox#distGit()}, as
   * {@link DistGitBackendProbe} tells it.
   *
   * @return a Pagure or Forgejo client, as the bot
   */
  public Forge distGitForge() {
    if (!switchable) {
      return distGit();
    }
    SandboxDistGit front = sandbox.distGit();
    return DistGitBackendProbe.builder().cacheFor(java.time.Duration.ZERO).build()
        .forge(front.instanceUri(), ForgeCredentials.token(front.token(BOT)));
  }

  /**
   * Serves this scenario's dist-git through {@link FedoraSandbox#distGit()}, on the given forge:
   * the workflow then finds the backend with {@link DistGitBackendProbe}, no configuration says it.
   *
   * <pre>{@code
   * SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0").distGitOn(ForgeKind.FORGEJO);
   * }</pre>
   *
   * @param kind {@link ForgeKind#PAGURE} or {@link ForgeKind#FORGEJO}
   * @return this scenario, its dist-git switched
   */
  public SandboxScenario distGitOn(ForgeKind kind) {
    sandbox.distGit().switchTo(kind);
    switchable = true;
    return this;
  }

  /**
   * Moves the upstream project to the sandbox's Forgejo (a Codeberg-like host): the same
   * repository, its release {@link #tag()} published there with the same notes; the workflow's
   * upstream becomes {@link #upstreamForge()}.
   *
   * @return this scenario
   */
  public SandboxScenario upstreamOnForgejo() {
    dev.packit.forge.forgejo.ForgejoForge fj = forgejoUpstream();
    if (fj.release(RepoId.of(UPSTREAM), tag()).isEmpty()) {
      fj.createRelease(RepoId.of(UPSTREAM), new dev.packit.forge.ReleaseSpec(tag(), releasedVersion,
          releaseNotes(releasedVersion), "main"));
    }
    upstreamOnForgejo = true;
    return this;
  }

  private dev.packit.forge.forgejo.ForgejoForge forgejoUpstream() {
    return dev.packit.forge.forgejo.Forgejo.builder().instance(sandbox.forgejo().instanceUri())
        .credentials(ForgeCredentials.token(sandbox.forgejo().token(BOT))).build();
  }

  /** @return the bot's client of the upstream forge: the fake GitHub, or Forgejo after {@link #upstreamOnForgejo()} */
  public Forge upstreamForge() {
    return upstreamOnForgejo ? forgejoUpstream() : github();
  }

  /** @return a lookaside client of the sandbox lookaside cache */
  public LookasideClient lookaside() {
    return LookasideClient.builder().baseUri(sandbox.lookaside().baseUri())
        .uploadCgi(sandbox.lookaside().uploadCgi()).build();
  }

  /** @return a Koji client of the fake hub, logged in as the bot */
  public KojiClient koji() {
    String token = Base64.getEncoder().encodeToString((BOT + "@FEDORAPROJECT.ORG").getBytes(StandardCharsets.UTF_8));
    sandbox.koji(); // mounts the fake hub
    return KojiClient.builder().hub(sandbox.baseUri().resolve("kojihub"))
        .login(KojiLogin.negotiate(() -> Secret.of(token))).build();
  }

  /** @return a Bodhi client of the fake Bodhi, as the bot */
  public BodhiClient bodhi() {
    return BodhiClient.builder().baseUri(sandbox.bodhi().baseUri())
        .authenticator(target -> Secret.of("Bearer sandbox")).build();
  }

  /** @return an HTTP service for archive downloads from the sandbox */
  public HttpService downloads() {
    return HttpService.builder().service("downloads").baseUri(sandbox.baseUri()).build();
  }

  /**
   * The sandbox's services as the bot has them: built from {@link FedoraSandbox#instance()}, dist-git
   * as {@link #distGitForge()}, logged in to Koji and Bodhi as the bot, git pushes with its token.
   *
   * <pre>{@code
   * ReleaseWorkflow wf = ReleaseWorkflow.builder().fedora(hello.services()).workDir(dir).build();
   * }</pre>
   *
   * @return the services
   * @since 0.2.0
   */
  public dev.packit.fedora.FedoraServices services() {
    String token = Base64.getEncoder().encodeToString((BOT + "@FEDORAPROJECT.ORG").getBytes(StandardCharsets.UTF_8));
    return dev.packit.fedora.FedoraServices.builder(sandbox.instance())
        .distGit(distGitForge())
        .gitCredentials(GitCredentials.token(BOT, Secret.of(sandbox.pagure().token(BOT))))
        .kojiLogin(KojiLogin.negotiate(() -> Secret.of(token)))
        .bodhiAuthenticator(target -> Secret.of("Bearer sandbox"))
        .downloads(downloads())
        .build();
  }

  /**
   * Returns a workflow builder wired to every sandbox service; add a listener or policy and build.
   *
   * @param workDir a folder for clones and archives
   * @return the builder
   */
  public ReleaseWorkflow.Builder workflow(Path workDir) {
    return ReleaseWorkflow.builder()
        .fedora(services())
        .upstream(upstreamForge())
        .botUser(BOT)
        // The sandbox serves archives over plain HTTP on loopback: allowed for its host only.
        .allowInsecureDownloadHosts(List.of(sandbox.baseUri().getHost()))
        .workDir(workDir);
  }

  /**
   * The release request for {@link #tag()} on every branch of the scenario.
   *
   * @return the request
   */
  public dev.packit.fedora.workflow.ProposeDownstreamRequest releaseRequest() {
    return dev.packit.fedora.workflow.ProposeDownstreamRequest.builder(config(), RepoId.of(UPSTREAM), tag())
        .releaseNotes(releaseNotes(releasedVersion)).branches(branches).build();
  }

  /**
   * The spec file dist-git has for a version.
   *
   * @param version the version
   * @return the spec text
   */
  public String spec(String version) {
    return "Name:           hello\n"
        + "Version:        " + version + "\n"
        + "Release:        1%{?dist}\n"
        + "Summary:        The packit-java sandbox demo package\n"
        + "License:        MIT\n"
        + "URL:            " + sandbox.baseUri() + "upstream/hello\n"
        + "Source0:        " + sandbox.baseUri() + "downloads/hello-%{version}.tar.gz\n"
        + "BuildArch:      noarch\n"
        + "\n"
        + "%description\n"
        + "A tiny package that the packit-java sandbox releases.\n"
        + "\n"
        + "%prep\n"
        + "%autosetup\n"
        + "\n"
        + "%install\n"
        + "install -Dm0644 README %{buildroot}%{_datadir}/hello/README\n"
        + "\n"
        + "%files\n"
        + "%{_datadir}/hello/README\n"
        + "\n"
        + "%changelog\n"
        + "* Mon Nov 02 2026 Jane Maintainer <jane@example.org> - " + version + "-1\n"
        + "- Initial package\n";
  }

  /**
   * Commits a Packit config to dist-git's rawhide, where pull_from_upstream reads it.
   *
   * <pre>{@code
   * hello.putDistGitConfig("jobs:\n  - job: pull_from_upstream\n    trigger: release\n", work.resolve("cfg"));
   * }</pre>
   *
   * @param yaml the {@code .packit.yaml} text
   * @param scratch an empty folder for the clone
   */
  public void putDistGitConfig(String yaml, Path scratch) {
    putDistGitFile(".packit.yaml", yaml, "Add packit config", scratch);
  }

  /**
   * Commits a file to dist-git's rawhide as the maintainer, e.g. {@code monitoring.toml}.
   *
   * <pre>{@code
   * hello.putDistGitFile("monitoring.toml", "monitoring = true\n", "Enable monitoring", work.resolve("m"));
   * }</pre>
   *
   * @param name the file name at the top of the repository
   * @param text its content
   * @param message the commit message
   * @param scratch an empty folder for the clone
   */
  public void putDistGitFile(String name, String text, String message, Path scratch) {
    if (name.contains("/") || name.contains("\\") || name.startsWith(".git")) {
      throw new IllegalArgumentException("a top-level file name, not " + name);
    }
    try (LocalRepository r = LocalRepository.cloneFrom(dev.packit.forge.git.CloneRequest.builder(
        sandbox.gitUri("rpms/" + PACKAGE), scratch).branch("rawhide").build())) {
      Files.writeString(scratch.resolve(name), text, StandardCharsets.UTF_8);
      r.addAll();
      r.commit(message, GitIdentity.of("Jane Maintainer", "jane@example.org"));
      r.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide:refs/heads/rawhide").build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The body of the-new-hotness's "new version" bug message ({@code hotness.update.bug.file}) for
   * {@code hello}, as the-new-hotness sends it with the Anitya message that triggered it; publish
   * it on {@code sandbox.messages()} to start pull_from_upstream in a bot under test.
   *
   * <pre>{@code
   * sandbox.messages().publish(MessageEnvelope.of("org.fedoraproject.prod.hotness.update.bug.file",
   *     "sandbox.test", SandboxScenario.newVersionBug("1.1.0", 2106196)));
   * }</pre>
   *
   * @param version the new upstream version
   * @param bug the Bugzilla bug number
   * @return the message body
   */
  public static java.util.Map<String, Object> newVersionBug(String version, long bug) {
    java.util.Map<String, Object> project = java.util.Map.of("id", 4181, "name", PACKAGE, "version", version);
    java.util.Map<String, Object> message = java.util.Map.of("upstream_versions", List.of(version), "project", project,
        "packages", List.of(java.util.Map.of("distro", "Fedora", "package_name", PACKAGE)));
    return java.util.Map.of("bug", java.util.Map.of("bug_id", bug), "package", PACKAGE,
        "trigger", java.util.Map.of("msg", java.util.Map.of("message", message, "project", project),
            "topic", "org.release-monitoring.prod.anitya.project.version.update.v2"));
  }

  /** @return the description of the upstream release */
  public String releaseNotesText() {
    return releaseNotes(releasedVersion);
  }

  private static String releaseNotes(String version) {
    return "hello " + version + "\n\n- Greets in more languages\n- Fixes the exit code on --help\n";
  }

  private void mountDownloads() {
    sandbox.mount("/downloads", "upstream release archives (hello-<version>.tar.gz)", ex -> {
      try (ex) {
        String name = ex.getRequestURI().getPath().substring("/downloads/".length());
        if (!name.matches("hello-[0-9][0-9A-Za-z.~^_+-]*\\.tar\\.gz")) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        String version = name.substring("hello-".length(), name.length() - ".tar.gz".length());
        byte[] body = archive(version);
        ex.getResponseHeaders().set("Content-Type", "application/gzip");
        if ("HEAD".equals(ex.getRequestMethod())) {
          ex.sendResponseHeaders(200, -1);
          return;
        }
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    });
  }

  /**
   * A deterministic {@code hello-<version>.tar.gz}: one {@code hello-<version>/README} in a ustar
   * archive. Written by hand because the JDK has no tar writer and this is all the demo needs.
   *
   * @param version the version
   * @return the gzip bytes
   */
  public static byte[] archive(String version) {
    byte[] content = ("hello " + version + "\n").getBytes(StandardCharsets.UTF_8);
    String path = "hello-" + version + "/README";
    byte[] header = new byte[512];
    put(header, 0, path, 100);
    put(header, 100, "0000644", 8);
    put(header, 108, "0000000", 8);
    put(header, 116, "0000000", 8);
    put(header, 124, String.format("%011o", content.length), 12);
    put(header, 136, String.format("%011o", 1_793_577_600L), 12);
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    header[156] = '0';
    put(header, 257, "ustar", 6);
    put(header, 263, "00", 2);
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum), 7);
    header[155] = ' ';
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(header);
      gz.write(content);
      gz.write(new byte[(512 - content.length % 512) % 512]);
      gz.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void put(byte[] header, int offset, String value, int max) {
    byte[] b = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, offset, Math.min(b.length, max));
  }

  private void seedDistGit(String version) {
    sandbox.createBareRepository("rpms/" + PACKAGE);
    push("rpms/" + PACKAGE, "rawhide", repo -> {
      write(repo, PACKAGE + ".spec", spec(version));
      write(repo, "sources", "");
      write(repo, ".gitignore", "");
    }, "Initial import of hello " + version, branches);
  }

  private void seedUpstream(String version) {
    sandbox.createBareRepository(UPSTREAM);
    push(UPSTREAM, "main", repo -> {
      write(repo, ".packit.yaml", packitYaml);
      write(repo, "README", "hello " + version + "\n");
    }, "Release " + version, List.of("main"));
    sandbox.github().addRelease(UPSTREAM, tag(), version, releaseNotes(version), false);
  }

  private interface Content {
    void write(Path repo) throws IOException;
  }

  private void push(String name, String firstBranch, Content content, String message, List<String> branches) {
    Path dir;
    try {
      dir = Files.createTempDirectory(sandbox.root(), "seed-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (LocalRepository repo = LocalRepository.init(dir, firstBranch, Clock.systemUTC())) {
      content.write(dir);
      repo.addAll();
      repo.commit(message, MAINTAINER);
      if (name.equals(UPSTREAM)) {
        repo.tag(tag(), "hello " + releasedVersion, MAINTAINER);
      }
      repo.setRemote("origin", sandbox.gitUri(name));
      PushRequest.Builder push = PushRequest.builder("origin").pushTags(true);
      for (String b : branches) {
        push.refSpec("refs/heads/" + firstBranch + ":refs/heads/" + b);
      }
      repo.push(push.build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot seed " + name, e);
    }
  }

  private static void write(Path repo, String path, String text) throws IOException {
    Files.writeString(repo.resolve(path), text, StandardCharsets.UTF_8);
  }
}
