package dev.packit.cli;

import dev.packit.core.Secret;
import dev.packit.core.http.HttpClientOptions;
import dev.packit.core.http.HttpService;
import dev.packit.fedora.FedoraInstance;
import dev.packit.fedora.FedoraServices;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.bodhi.KerberosOidcAuthenticator;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiLogin;
import dev.packit.fedora.lookaside.LookasideAuth;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.workflow.PrPolicy;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.WorkflowListener;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.Forges;
import dev.packit.forge.spi.ForgeProvider;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.GitCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The clients of every service, built from the {@link UserConfig}: dist-git (Pagure), lookaside,
 * Koji, Bodhi, archive downloads and, when the upstream URL's forge is known, the upstream forge.
 *
 * <pre>{@code
 * Services s = new Services(userConfig, verboseLine -> {});
 * ReleaseWorkflow wf = s.workflow(upstreamForge, workDir, listener, PrPolicy.UPDATE);
 * }</pre>
 */
final class Services {
  private final UserConfig config;
  private final Consumer<String> verbose;
  /** Where download progress goes; set by the command once it has its printer. */
  volatile Progress progress;
  /** Who signs commits and changelog entries: the packager on a local run. */
  dev.packit.forge.git.GitIdentity identity = PackagerIdentity.PACKIT;
  /** How the config's actions run; off except for propose-downstream and pull-from-upstream. */
  dev.packit.fedora.workflow.ActionSettings actions = dev.packit.fedora.workflow.ActionSettings.off();
  final Forge distGit;
  final LookasideClient lookaside;
  final KojiClient koji;
  final BodhiClient bodhi;
  final HttpService downloads;
  final GitCredentials gitCredentials;
  /** Every client above, built from the user config's one {@link FedoraInstance}. */
  final FedoraServices fedora;

  Services(UserConfig config, Consumer<String> verbose) {
    this.config = config;
    this.verbose = verbose;
    FedoraInstance i = config.instances();
    FedoraServices.Builder fb = FedoraServices.builder(i);
    Optional<Secret> distGitToken = config.token(i.distGit(), "pagure");
    fb.distGitKind(ForgeKind.PAGURE)
        .distGitCredentials(distGitToken.map(t -> ForgeCredentials.token(t.reveal())).orElse(ForgeCredentials.anonymous()));
    String gitUser = config.fasUser().isEmpty() ? "packit" : config.fasUser();
    fb.gitCredentials(distGitToken.map(t -> GitCredentials.token(gitUser, t)).orElse(GitCredentials.none()));
    verbose.accept("dist-git " + i.distGit() + " (git " + i.gitBase() + i.namespace() + "/), token: "
        + config.tokenOrigin(i.distGit(), "pagure"));

    // Not config.token(): the dist-git token of the same host must not become the lookaside's.
    Optional<Secret> lookasideToken = config.lookasideToken(i.lookasideUpload(), i.distGit());
    String lookasideAuth;
    if (lookasideToken.isPresent()) {
      fb.lookasideAuth(LookasideAuth.header("Authorization", Secret.of("Bearer " + lookasideToken.get().reveal())));
      lookasideAuth = "token from " + config.tokenOrigin(i.lookasideUpload(), "lookaside");
    } else if (!config.keytabPath().isEmpty() && !config.fasUser().isEmpty()) {
      fb.lookasideAuth(LookasideAuth.negotiateFromKeytab(principal(), Path.of(config.keytabPath())));
      lookasideAuth = "Kerberos keytab " + config.keytabPath();
    } else if (i.lookasideUpload().equals(UserConfig.FEDORA.lookasideUpload())) {
      fb.lookasideAuth(LookasideAuth.negotiateFromTicketCache());
      lookasideAuth = "Kerberos ticket cache";
    } else {
      lookasideAuth = "none";
    }
    verbose.accept("lookaside " + i.lookaside() + " (upload " + i.lookasideUpload() + "), auth: " + lookasideAuth);

    Optional<Secret> kojiToken = config.token(i.kojiHub(), "koji");
    String kojiAuth;
    if (kojiToken.isPresent()) {
      Secret t = kojiToken.get();
      fb.kojiLogin(KojiLogin.negotiate(() -> t));
      kojiAuth = "Negotiate token from " + config.tokenOrigin(i.kojiHub(), "koji");
    } else if (!config.keytabPath().isEmpty() && !config.fasUser().isEmpty()) {
      fb.kojiLogin(KojiLogin.keytab(principal(), Path.of(config.keytabPath())));
      kojiAuth = "Kerberos keytab " + config.keytabPath();
    } else {
      fb.kojiLogin(KojiLogin.kerberos());
      kojiAuth = "Kerberos ticket cache";
    }
    verbose.accept("koji " + i.kojiHub() + ", login: " + kojiAuth);

    Optional<Secret> bodhiToken = config.token(i.bodhi(), "bodhi");
    if (bodhiToken.isPresent()) {
      Secret header = Secret.of("Bearer " + bodhiToken.get().reveal());
      fb.bodhiAuthenticator(target -> header);
    } else {
      fb.bodhiAuthenticator(KerberosOidcAuthenticator.builder().build());
    }
    verbose.accept("bodhi " + i.bodhi() + ", auth: " + (bodhiToken.isPresent()
        ? "token from " + config.tokenOrigin(i.bodhi(), "bodhi") : "Kerberos (OIDC)"));
    // Archive downloads report their bytes and rate (on a terminal) through the command's progress.
    fb.downloads(HttpService.builder().service("downloads").options(HttpClientOptions.defaults()).interceptor(chain -> {
      dev.packit.core.http.HttpResponse r = chain.proceed(chain.request());
      Progress p = progress;
      if (p == null || !p.enabled() || r.status() != 200 || !chain.request().method().equals("GET")) {
        return r;
      }
      String path = chain.request().uri().getPath() == null ? "" : chain.request().uri().getPath();
      String name = path.substring(path.lastIndexOf('/') + 1);
      long total = r.header("Content-Length").map(v -> {
        try {
          return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
          return -1L;
        }
      }).orElse(-1L);
      return dev.packit.core.http.HttpResponse.of(r.status(), r.headers(), p.counting(name.isEmpty() ? "archive" : name, total, r.body()));
    }).build());
    fedora = fb.build();
    distGit = fedora.distGit();
    lookaside = fedora.lookaside();
    koji = fedora.koji();
    bodhi = fedora.bodhi();
    downloads = fedora.downloads();
    gitCredentials = fedora.gitCredentials();
  }

  /** The last path segment of a URL without {@code .git}: the repository name. */
  static String lastSegment(URI url) {
    String path = url.getPath() == null ? "" : url.getPath().replaceFirst("/+$", "").replaceFirst("\\.git$", "");
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private String principal() {
    return config.fasUser() + "@" + config.kerberosRealm();
  }

  /**
   * The forge of an upstream git URL and the repository's id on it: an {@code authentication}
   * entry names the type and API root, else the host tells (github.com, gitlab.com...).
   *
   * @param url the upstream git or web URL
   * @return the forge (empty when unknown) and the repository id
   */
  Upstream upstream(URI url) {
    Optional<UserConfig.Auth> entry = config.entryFor(url);
    String path = url.getPath() == null ? "" : url.getPath();
    if (entry.isPresent() && entry.get().key().contains("://")) {
      path = url.toString().substring(entry.get().key().length());
    }
    path = path.replaceFirst("^/+", "").replaceFirst("/+$", "").replaceFirst("\\.git$", "");
    RepoId repo = path.contains("/") ? RepoId.of(path) : RepoId.of("upstream/" + (path.isEmpty() ? "project" : path));
    String type = entry.map(UserConfig.Auth::type).filter(t -> !t.isEmpty())
        .or(() -> ForgeKind.guess(url).map(k -> k.name().toLowerCase(Locale.ROOT))).orElse("");
    if (type.isEmpty()) {
      verbose.accept("upstream " + Redactor.url(url) + ": forge unknown (add an authentication entry with 'type'); using git only");
      return new Upstream(repo, Optional.empty());
    }
    String instance = entry.map(UserConfig.Auth::instanceUrl).orElse("");
    Optional<Secret> token = config.token(url, type);
    ForgeCredentials creds = token.map(t -> ForgeCredentials.token(t.reveal())).orElse(ForgeCredentials.anonymous());
    // Any forge kind a provider on the class path knows (GitHub, GitLab, Pagure, Forgejo, a plug-in).
    Optional<ForgeProvider> provider = Forges.providers().stream()
        .filter(p -> p.kind().id().equals(type.strip().toLowerCase(Locale.ROOT))).findFirst();
    if (provider.isEmpty()) {
      verbose.accept("upstream " + Redactor.url(url) + ": type " + type + " is not a forge; using git only");
      return new Upstream(repo, Optional.empty());
    }
    // instance_url is the API root as the user wrote it; else the provider derives it from the URL.
    Forge forge = (instance.isEmpty() ? Forges.builder(url, provider.get().kind()) : provider.get().builder().baseUri(URI.create(instance)))
        .credentials(creds).build();
    verbose.accept("upstream " + repo.fullName() + " on " + type + (instance.isEmpty() ? "" : " " + instance)
        + ", token: " + config.tokenOrigin(url, type));
    return new Upstream(repo, Optional.of(forge));
  }

  /**
   * The upstream repository and its forge.
   *
   * @param repo the repository id
   * @param forge the forge client, empty when the URL's forge is unknown
   */
  record Upstream(RepoId repo, Optional<Forge> forge) {}

  ReleaseWorkflow workflow(Optional<Forge> upstream, Path workDir, WorkflowListener listener, PrPolicy policy) {
    ReleaseWorkflow.Builder b = ReleaseWorkflow.builder()
        .distGit(distGit, config.instances().gitBase())
        .namespace(config.instances().namespace())
        .gitCredentials(gitCredentials)
        .lookaside(lookaside).koji(koji).bodhi(bodhi).downloads(downloads)
        .workDir(workDir).listener(listener).prPolicy(policy).identity(identity).actions(actions);
    upstream.ifPresent(b::upstream);
    // Archives over plain HTTP only from hosts the user config itself names with http:// (the sandbox).
    FedoraInstance in = config.instances();
    b.allowInsecureDownloadHosts(java.util.stream.Stream.of(in.distGit(), in.gitBase(), in.lookaside(), in.lookasideUpload(),
        in.kojiHub(), in.bodhi()).filter(u -> "http".equalsIgnoreCase(u.getScheme()) && u.getHost() != null)
        .map(java.net.URI::getHost).toList());
    if (!config.fasUser().isEmpty()) {
      b.botUser(config.fasUser());
    }
    return b.build();
  }
}
