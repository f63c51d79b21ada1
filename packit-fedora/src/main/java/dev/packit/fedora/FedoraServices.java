package dev.packit.fedora;

import dev.packit.core.config.DistroAliases;
import dev.packit.core.http.HttpClientOptions;
import dev.packit.core.http.HttpService;
import dev.packit.core.http.Interceptor;
import dev.packit.fedora.bodhi.BodhiAuthenticator;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.bodhi.BodhiReleases;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiLogin;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.Forges;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.spi.ForgeProvider;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Every client of one {@link FedoraInstance}, built from it, the logins and one shared
 * {@link HttpClientOptions}: the dist-git forge, git credentials, lookaside, Koji, Bodhi, an archive
 * download service and the release list refreshed from Bodhi. Hand it to
 * {@code ReleaseWorkflow.builder().fedora(services)} and to a {@code JobDispatcher} so both read the
 * same, current release list.
 *
 * <pre>{@code
 * FedoraServices fedora = FedoraServices.builder(FedoraInstance.production())
 *     .options(HttpClientOptions.defaults().withUserAgent("my-bot/1.0"))
 *     .distGitCredentials(ForgeCredentials.token(token))
 *     .gitCredentials(GitCredentials.token("packit", Secret.of(token)))
 *     .kojiLogin(KojiLogin.kerberos())
 *     .build();
 * ReleaseWorkflow wf = ReleaseWorkflow.builder().fedora(fedora).workDir(dir).build();
 * JobDispatcher dispatcher = new JobDispatcher(fedora.releases(), ConfigResolver.of(fedora.instance()));
 * fedora.refreshReleases();              // on demand; otherwise every 12 hours by default
 * }</pre>
 *
 * <p>Immutable; the clients are thread-safe.
 *
 * @since 0.2.0
 */
public final class FedoraServices {
  private final FedoraInstance instance;
  private final HttpClientOptions options;
  private final Forge distGit;
  private final GitCredentials gitCredentials;
  private final LookasideClient lookaside;
  private final KojiClient koji;
  private final BodhiClient bodhi;
  private final BodhiReleases releaseList;
  private final HttpService downloads;

  private FedoraServices(Builder b) {
    this.instance = b.instance;
    this.options = b.options;
    this.distGit = b.distGit != null ? b.distGit : distGitForge(instance, b);
    this.gitCredentials = b.gitCredentials;
    if (b.lookaside != null) {
      this.lookaside = b.lookaside;
    } else {
      LookasideClient.Builder lb = LookasideClient.builder().instance(instance).options(options);
      if (b.lookasideAuth != null) {
        lb.authentication(b.lookasideAuth);
      }
      this.lookaside = lb.build();
    }
    if (b.koji != null) {
      this.koji = b.koji;
    } else {
      KojiClient.Builder kb = KojiClient.builder().hub(instance.kojiHub()).options(options);
      if (b.kojiLogin != null) {
        kb.login(b.kojiLogin);
      }
      this.koji = kb.build();
    }
    if (b.bodhi != null) {
      this.bodhi = b.bodhi;
    } else {
      BodhiClient.Builder bb = BodhiClient.builder().baseUri(instance.bodhi()).options(options);
      if (b.bodhiAuthenticator != null) {
        bb.authenticator(b.bodhiAuthenticator);
      }
      this.bodhi = bb.build();
    }
    BodhiReleases.Builder rb = BodhiReleases.builder(bodhi).ttl(b.releasesTtl).clock(options.clock());
    if (b.releasesCacheFile != null) {
      rb.cacheFile(b.releasesCacheFile);
    }
    this.releaseList = rb.build();
    this.downloads = b.downloads != null ? b.downloads : HttpService.builder().service("downloads").options(options).build();
  }

  /** The instance's dist-git root is the forge's root as it is (no repository path to strip from it). */
  private static Forge distGitForge(FedoraInstance instance, Builder b) {
    ForgeProvider p = Forges.providers().stream().filter(x -> x.kind().equals(b.distGitKind)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no forge provider for the dist-git kind '" + b.distGitKind.id()
            + "' on the class or module path"));
    return p.builder().baseUri(instance.distGit()).options(b.options).credentials(b.distGitCredentials).build();
  }

  /**
   * A builder for an instance's services: anonymous everywhere, default client options.
   *
   * @param instance where Fedora lives, e.g. {@link FedoraInstance#production()}
   * @return a new builder
   */
  public static Builder builder(FedoraInstance instance) {
    return new Builder(instance);
  }

  /** @return where these services live */
  public FedoraInstance instance() {
    return instance;
  }

  /** @return the client settings every client here was built with */
  public HttpClientOptions options() {
    return options;
  }

  /** @return the dist-git forge (Pagure today, Forgejo after the move) */
  public Forge distGit() {
    return distGit;
  }

  /** @return the credentials dist-git repositories and forks are cloned and pushed with */
  public GitCredentials gitCredentials() {
    return gitCredentials;
  }

  /** @return the lookaside cache client, on this instance's namespace */
  public LookasideClient lookaside() {
    return lookaside;
  }

  /** @return the Koji hub client */
  public KojiClient koji() {
    return koji;
  }

  /** @return the Bodhi client */
  public BodhiClient bodhi() {
    return bodhi;
  }

  /** @return the HTTP service upstream archives are downloaded with */
  public HttpService downloads() {
    return downloads;
  }

  /** @return the active releases from Bodhi, cached for the TTL, with a last-known-good fallback */
  public BodhiReleases releaseList() {
    return releaseList;
  }

  /**
   * The release aliases as Bodhi says now: each call resolves them from {@link #releaseList()},
   * which asks Bodhi again once its TTL passed or after {@link #refreshReleases()}. The one
   * supplier a bot's dispatcher and workflow share, so neither freezes the list at start.
   *
   * @return the supplier
   */
  public Supplier<DistroAliases> releases() {
    return releaseList::aliases;
  }

  /**
   * Asks Bodhi for the releases now (e.g. on a Bodhi release message); on failure the last list stays.
   *
   * @return the aliases of the fresh list
   */
  public DistroAliases refreshReleases() {
    releaseList.refresh();
    return releaseList.aliases();
  }

  @Override
  public String toString() {
    return "FedoraServices[" + instance.distGit() + ", koji=" + instance.kojiHub() + ", bodhi=" + instance.bodhi() + "]";
  }

  /** Builds {@link FedoraServices}; a client given ready-made replaces the one built from the instance. */
  public static final class Builder {
    private final FedoraInstance instance;
    private HttpClientOptions options = HttpClientOptions.defaults();
    private ForgeKind distGitKind = ForgeKind.PAGURE;
    private ForgeCredentials distGitCredentials = ForgeCredentials.anonymous();
    private GitCredentials gitCredentials = GitCredentials.none();
    private @Nullable Interceptor lookasideAuth;
    private @Nullable KojiLogin kojiLogin;
    private @Nullable BodhiAuthenticator bodhiAuthenticator;
    private Duration releasesTtl = Duration.ofHours(12);
    private @Nullable Path releasesCacheFile;
    private @Nullable Forge distGit;
    private @Nullable LookasideClient lookaside;
    private @Nullable KojiClient koji;
    private @Nullable BodhiClient bodhi;
    private @Nullable HttpService downloads;

    private Builder(FedoraInstance instance) {
      this.instance = Objects.requireNonNull(instance, "instance == null");
    }

    /** @param options the client settings of every client built here @return this builder */
    public Builder options(HttpClientOptions options) {
      this.options = Objects.requireNonNull(options, "options == null");
      return this;
    }

    /** @param kind the dist-git forge's kind, {@link ForgeKind#PAGURE} by default @return this builder */
    public Builder distGitKind(ForgeKind kind) {
      this.distGitKind = Objects.requireNonNull(kind, "kind == null");
      return this;
    }

    /** @param credentials the dist-git API credentials (forks, pull requests) @return this builder */
    public Builder distGitCredentials(ForgeCredentials credentials) {
      this.distGitCredentials = Objects.requireNonNull(credentials, "credentials == null");
      return this;
    }

    /** @param credentials git clone/push credentials, {@link GitCredentials#none()} by default @return this builder */
    public Builder gitCredentials(GitCredentials credentials) {
      this.gitCredentials = Objects.requireNonNull(credentials, "credentials == null");
      return this;
    }

    /** @param auth the lookaside upload authentication, e.g. {@code LookasideAuth.negotiateFromTicketCache()} @return this builder */
    public Builder lookasideAuth(Interceptor auth) {
      this.lookasideAuth = Objects.requireNonNull(auth, "auth == null");
      return this;
    }

    /** @param login how to log in to Koji (anonymous without) @return this builder */
    public Builder kojiLogin(KojiLogin login) {
      this.kojiLogin = Objects.requireNonNull(login, "login == null");
      return this;
    }

    /** @param authenticator how to authenticate to Bodhi (anonymous reads without) @return this builder */
    public Builder bodhiAuthenticator(BodhiAuthenticator authenticator) {
      this.bodhiAuthenticator = Objects.requireNonNull(authenticator, "authenticator == null");
      return this;
    }

    /**
     * @param ttl how long a release list from Bodhi is used before Bodhi is asked again (12 hours by default)
     * @param cacheFile where the last-known-good list is kept, or null for none
     * @return this builder
     */
    public Builder releases(Duration ttl, @Nullable Path cacheFile) {
      this.releasesTtl = Objects.requireNonNull(ttl, "ttl == null");
      this.releasesCacheFile = cacheFile;
      return this;
    }

    /** @param forge a ready dist-git forge, instead of one built from the instance @return this builder */
    public Builder distGit(Forge forge) {
      this.distGit = Objects.requireNonNull(forge, "forge == null");
      return this;
    }

    /** @param client a ready lookaside client @return this builder */
    public Builder lookaside(LookasideClient client) {
      this.lookaside = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /** @param client a ready Koji client @return this builder */
    public Builder koji(KojiClient client) {
      this.koji = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /** @param client a ready Bodhi client @return this builder */
    public Builder bodhi(BodhiClient client) {
      this.bodhi = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /** @param http a ready archive download service @return this builder */
    public Builder downloads(HttpService http) {
      this.downloads = Objects.requireNonNull(http, "http == null");
      return this;
    }

    /** @return the services */
    public FedoraServices build() {
      return new FedoraServices(this);
    }
  }
}
