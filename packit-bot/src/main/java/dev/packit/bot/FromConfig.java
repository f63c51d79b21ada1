package dev.packit.bot;

import dev.packit.bot.config.BotConfig;
import dev.packit.bot.config.SecretFile;
import dev.packit.bot.history.JdbcJobHistory;
import dev.packit.bot.history.JobHistory;
import dev.packit.bot.reconcile.ForgeObserver;
import dev.packit.bot.reconcile.Reconciler;
import dev.packit.bot.reconcile.WatchedPackage;
import dev.packit.bot.status.StatusPage;
import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import dev.packit.core.Secret;
import dev.packit.core.config.DistroAliases;
import dev.packit.core.config.FedoraRelease;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.http.HttpService;
import dev.packit.fedora.bodhi.BodhiAuthenticator;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.bodhi.BodhiReleases;
import dev.packit.fedora.bodhi.KerberosOidcAuthenticator;
import dev.packit.fedora.bodhi.OidcTokenAuthenticator;
import dev.packit.fedora.jobs.ConfigLocation;
import dev.packit.fedora.jobs.ConfigResolver;
import dev.packit.fedora.jobs.ConfigText;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiLogin;
import dev.packit.fedora.lookaside.LookasideAuth;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.messaging.AmqpMessageSource;
import dev.packit.fedora.messaging.AmqpTls;
import dev.packit.fedora.workflow.JobDispatcher;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.spi.ForgeProvider;
import dev.packit.forge.webhook.WebhookVerifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link PackitBot#fromConfig}: every setting of the config file onto the builder. */
final class FromConfig {
  private static final Logger LOG = LoggerFactory.getLogger(FromConfig.class);
  private static final String SOURCE = "the bot's config";

  private FromConfig() {}

  static PackitBot.Builder builder(BotConfig c) {
    PackitBot.Builder b = PackitBot.builder().instance(c.instance()).workDir(c.workDir());
    Clock clock = Clock.systemUTC();

    // http
    b.httpHost(c.http().host()).httpPort(c.http().port()).httpLimits(HttpLimits.defaults()
        .withReadDeadline(c.http().readTimeout()).withMaxConnections(c.http().maxConnections()));

    // upstream forges and their webhook secrets
    WebhookVerifier.Builder verifier = WebhookVerifier.builder().maxBodyBytes(c.http().maxBodyBytes());
    boolean anyWebhook = false;
    Map<String, Forge> upstreams = new HashMap<>();
    List<BotConfig.Forge> forgeConfigs = c.forges();
    for (int i = 0; i < forgeConfigs.size(); i++) {
      BotConfig.Forge f = forgeConfigs.get(i);
      String key = "forges[" + i + "]";
      if (upstreams.containsKey(f.kind().id())) {
        throw error(key + ".kind", "a second " + f.kind().id() + " forge: the bot takes one upstream forge per kind");
      }
      ForgeCredentials credentials;
      if (f.appId().isPresent()) {
        credentials = ForgeCredentials.gitHubApp(f.appId().get(), f.appKeyFile().orElseThrow().read().reveal());
      } else if (f.tokenFile().isPresent()) {
        credentials = ForgeCredentials.token(f.tokenFile().get().read().reveal());
      } else {
        credentials = ForgeCredentials.anonymous();
      }
      Forge forge = provider(f.kind(), key + ".kind").builder().baseUri(f.url()).credentials(credentials).build();
      upstreams.put(f.kind().id(), forge);
      b.upstream(f.kind(), forge);
      if (f.webhookSecretFile().isPresent()) {
        Secret secret = f.webhookSecretFile().get().read();
        if (f.kind().equals(ForgeKind.GITHUB)) {
          verifier.githubSecret(secret);
        } else if (f.kind().equals(ForgeKind.GITLAB)) {
          verifier.gitlabToken(secret);
        } else {
          throw error(key + ".webhook_secret_file", "the bot takes webhooks from github and gitlab only (at "
              + "/webhooks/github and /webhooks/gitlab); a " + f.kind().id() + " forge is followed by reconciliation");
        }
        anyWebhook = true;
      }
    }
    if (anyWebhook) {
      b.verifier(verifier.build());
    }

    // dist-git
    BotConfig.DistGit d = c.distGit();
    ForgeKind distGitKind = d.backend() == BotConfig.DistGitBackend.FORGEJO ? ForgeKind.FORGEJO : ForgeKind.PAGURE;
    SecretFile tokenFile = d.tokenFile().orElseThrow(() -> error("dist_git.token_file", "is required"));
    Secret distGitToken = tokenFile.read();
    Forge distGit = provider(distGitKind, "dist_git.backend").builder().baseUri(d.url())
        .credentials(ForgeCredentials.token(distGitToken.reveal())).build();
    b.distGit(distGit, d.gitUrl());
    String namespace = d.namespace();
    GitIdentity identity = GitIdentity.of(d.packager().name(), d.packager().email());
    // the bot's dist-git account (its forks, the author of its pull requests) is the token's owner:
    // asked once, when the bot starts
    AtomicReference<String> botUser = new AtomicReference<>();
    b.workflowSettings(w -> {
      w.namespace(namespace).identity(identity);
      w.botUser(botUser(botUser, distGit, d));
      w.gitCredentials(GitCredentials.token(botUser(botUser, distGit, d), distGitToken));
    });

    // Koji
    BotConfig.Koji k = c.koji();
    KojiClient.Builder koji = KojiClient.builder().hub(k.hubUrl()).clock(clock);
    KojiLogin kerberos = null;
    if (k.auth() == BotConfig.KojiAuth.KERBEROS) {
      String principal = k.principal().orElseThrow(() -> error("koji.principal", "is required for koji.auth kerberos"));
      SecretFile keytab = k.keytabFile().orElseThrow(() -> error("koji.keytab_file", "is required for koji.auth kerberos"));
      kerberos = KojiLogin.keytab(principal, keytab.path());
      koji.login(kerberos);
    }
    KojiClient kojiClient = koji.build();
    b.koji(kojiClient);

    // lookaside: Fedora's upload.cgi takes the same Kerberos identity as Koji
    LookasideClient.Builder lookaside = LookasideClient.builder().baseUri(c.lookaside().url())
        .uploadCgi(c.lookaside().uploadUrl()).namespace(namespace);
    if (k.auth() == BotConfig.KojiAuth.KERBEROS) {
      lookaside.authentication(LookasideAuth.negotiateFromKeytab(k.principal().orElseThrow(),
          k.keytabFile().orElseThrow().path()));
    }
    b.lookaside(lookaside.build());

    // Bodhi
    BotConfig.Bodhi bo = c.bodhi();
    BodhiClient.Builder bodhi = BodhiClient.builder().baseUri(bo.url()).clock(clock);
    switch (bo.login()) {
      case NONE -> { }
      case REFRESH_TOKEN -> bodhi.authenticator(OidcTokenAuthenticator.builder().tokenEndpoint(bo.tokenEndpoint())
          .refreshToken(bo.refreshTokenFile().orElseThrow(() -> error("bodhi.refresh_token_file",
              "is required for bodhi.login refresh_token")).read()).clock(clock).build());
      case KERBEROS -> {
        if (kerberos == null) {
          throw error("bodhi.login", "kerberos uses Koji's principal and keytab: set koji.auth to kerberos");
        }
        KojiLogin login = kerberos;
        // SPNEGO to the OIDC provider with Koji's keytab: the same Negotiate header Koji's login sends
        BodhiAuthenticator negotiate = new BodhiAuthenticator() {
          @Override
          public Secret authorization(URI target) {
            return Secret.of(login.loginHeaders(target).getOrDefault("Authorization", ""));
          }

          @Override
          public void checkResponse(URI target, List<String> wwwAuthenticate) {
            login.checkLoginResponse(target, wwwAuthenticate);
          }

          @Override
          public String toString() {
            return "KojiKeytabNegotiate";
          }
        };
        URI token = bo.tokenEndpoint();
        bodhi.authenticator(KerberosOidcAuthenticator.builder().endpoints(token.resolve("Authorization"), token)
            .negotiate(negotiate).clock(clock).build());
      }
      default -> throw error("bodhi.login", "unknown login " + bo.login());
    }
    BodhiClient bodhiClient = bodhi.build();
    b.bodhi(bodhiClient);
    String kojiHub = k.hubUrl().toString().replaceAll("/+$", "");
    URI kojiWeb = URI.create((kojiHub.endsWith("/kojihub") ? kojiHub.substring(0, kojiHub.length() - "hub".length())
        : kojiHub) + "/");
    b.webLinks(kojiWeb, bo.url());

    // releases, for fedora-all and friends: read from Bodhi while the bot runs (kept an hour, so a
    // branched or retired release needs no restart); a Bodhi that is down is a warning: the last
    // list stays, and configs naming branches work without one
    BodhiReleases live = BodhiReleases.builder(bodhiClient).ttl(java.time.Duration.ofHours(1)).clock(clock).build();
    java.util.function.Supplier<DistroAliases> aliases = () -> liveAliases(live);
    b.releases(aliases);
    if (!namespace.equals(ConfigResolver.FEDORA_NAMESPACE)) {
      b.dispatcher(new JobDispatcher(aliases, new ConfigResolver(namespace, ConfigResolver.FEDORA_DEFAULT_BRANCH)));
    }

    // archives
    b.downloads(HttpService.builder().service("downloads").build())
        .allowInsecureDownloadHosts(c.downloads().insecureHosts());

    // fedora-messaging
    BotConfig.Messaging m = c.messaging();
    if (m.enabled()) {
      AmqpMessageSource.Builder source = AmqpMessageSource.builder()
          .uri(m.amqpUrl().orElseThrow(() -> error("fedora_messaging.amqp_url", "is required when enabled")))
          .appName("packit-bot " + c.instance());
      if (m.certFile().isPresent()) {
        SecretFile key = m.keyFile().orElseThrow(() -> error("fedora_messaging.key_file", "goes with cert_file"));
        source.tls(AmqpTls.fromPem(m.certFile().get(), key.path(), m.caFile().orElseThrow(() ->
            error("fedora_messaging.ca_file", "is required with a client certificate (the broker's CA)")))).externalAuth();
      }
      if (!m.queue().isEmpty()) {
        source.queue(m.queue(), true);
      }
      AmqpMessageSource s = source.build();
      b.messages(s, m.topics().isEmpty() ? PackitBot.DEFAULT_TOPICS : m.topics());
      b.own(s);
    }

    // queue
    BotConfig.Queue q = c.queue();
    if (q.kind() == BotConfig.QueueKind.RABBITMQ) {
      URI amqp = q.amqpUrl().orElseThrow(() -> error("queue.amqp_url", "is required for queue.kind rabbitmq"));
      if (q.passwordFile().isPresent()) {
        amqp = withPassword(amqp, q.passwordFile().get());
      }
      b.queue(BotQueue.rabbitMq(amqp));
    } else {
      b.queue(BotQueue.inProcess(q.workers()));
    }

    // history
    JobHistory history;
    try {
      history = JdbcJobHistory.of(c.history());
    } catch (RuntimeException e) {
      throw error(c.history().kind() == BotConfig.HistoryKind.EMBEDDED ? "history.folder" : "history.url",
          "cannot open the job history: " + e.getMessage(), e);
    }
    b.history(history);

    // status page
    if (c.statusPage().enabled()) {
      b.mount("/", StatusPage.handler(history, clock, StatusPage.Options.defaults().withTitle(c.instance())));
    }

    // reconciliation
    BotConfig.Reconciliation r = c.reconciliation();
    if (r.enabled() && !r.packages().isEmpty()) {
      b.attach(bot -> {
        List<WatchedPackage> watched = watched(r.packages(), namespace, distGit, upstreams);
        Map<String, ForgeObserver> observers = new HashMap<>();
        for (Map.Entry<String, Forge> u : upstreams.entrySet()) {
          observers.put(u.getKey(), ForgeObserver.builder().upstream(u.getValue()).distGit(distGit, d.gitUrl())
              .namespace(namespace).gitCredentials(GitCredentials.token(botUser(botUser, distGit, d), distGitToken))
              .koji(kojiClient).bodhi(bodhiClient).botUser(botUser(botUser, distGit, d))
              .workDir(c.workDir().resolve("reconcile")).build());
        }
        Reconciler reconciler = Reconciler.builder()
            .observer((w, road) -> observers.get(w.upstreamForge()).observe(w, road))
            .sink(bot.jobSink()).history(bot.history()).aliases(aliases)
            .botUser(botUser(botUser, distGit, d)).clock(clock).watch(watched).build();
        reconciler.start(r.interval());
        return reconciler;
      });
    }
    return b;
  }

  private static ForgeProvider provider(ForgeKind kind, String key) {
    return kind.provider().orElseThrow(() -> error(key, "no forge provider for '" + kind.id()
        + "' on the class path"));
  }

  private static String botUser(AtomicReference<String> cache, Forge distGit, BotConfig.DistGit d) {
    String user = cache.get();
    if (user == null) {
      try {
        user = distGit.currentUser().login();
      } catch (RuntimeException e) {
        throw error("dist_git.token_file", d.url() + " did not say whom the token belongs to: " + e.getMessage(), e);
      }
      cache.set(user);
    }
    return user;
  }

  static DistroAliases liveAliases(BodhiReleases live) {
    try {
      return live.aliases();
    } catch (RuntimeException e) {
      LOG.warn("bodhi.url: cannot read the active releases ({}); aliases such as fedora-all are not expanded",
          e.getMessage());
      return DistroAliases.from(List.<FedoraRelease>of());
    }
  }


  /**
   * Each watched package's config as the bot reads it for events: dist-git's {@code .packit.yaml}
   * on the default branch names the upstream project; the upstream's own config, when it has one,
   * says what should happen.
   */
  private static List<WatchedPackage> watched(List<String> names, String namespace, Forge distGit,
      Map<String, Forge> upstreams) {
    ConfigResolver resolver = new ConfigResolver(namespace, ConfigResolver.FEDORA_DEFAULT_BRANCH);
    List<WatchedPackage> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String key = "reconciliation.packages[" + i + "]";
      ConfigLocation where = resolver.forPackage(name);
      Optional<ConfigText> text;
      try {
        text = where.read(distGit);
      } catch (RuntimeException e) {
        throw error(key, name + ": cannot read " + where.repository() + "'s config: " + e.getMessage(), e);
      }
      PackitConfig config = text.orElseThrow(() -> error(key, name + ": " + where.repository() + " has no .packit.yaml on "
          + where.ref() + " (its upstream_project_url tells the bot where releases come from)")).load();
      String url = config.topLevel().upstreamProjectUrl().orElseThrow(() -> error(key, name + ": "
          + where.repository() + "'s .packit.yaml has no upstream_project_url"));
      URI upstreamUrl = URI.create(url);
      Map.Entry<String, Forge> forge = upstreams.entrySet().stream()
          .filter(u -> ForgeKind.guess(upstreamUrl).map(g -> g.id().equals(u.getKey())).orElse(upstreams.size() == 1))
          .findFirst().orElseThrow(() -> error(key, name + ": no configured forge serves " + upstreamUrl.getHost()));
      RepoId repo = RepoId.fromUrl(upstreamUrl);
      PackitConfig upstreamConfig = config;
      try {
        String branch = forge.getValue().repository(repo).map(x -> x.defaultBranch()).orElse("main");
        Optional<ConfigText> up = new ConfigLocation(repo.path(), false, branch, "").read(forge.getValue());
        if (up.isPresent()) {
          upstreamConfig = up.get().load();
        }
      } catch (RuntimeException e) {
        LOG.warn("{}: {}: the upstream config of {} cannot be read ({}); using dist-git's", key, name, repo.path(),
            e.getMessage());
      }
      out.add(new WatchedPackage(name, forge.getKey().toLowerCase(Locale.ROOT), repo, upstreamConfig));
    }
    return out;
  }

  private static URI withPassword(URI amqp, SecretFile password) {
    String user = amqp.getUserInfo() == null ? "guest" : amqp.getUserInfo().split(":", 2)[0];
    try {
      return new URI(amqp.getScheme(), user + ":" + password.read().reveal(), amqp.getHost(), amqp.getPort(),
          amqp.getPath(), amqp.getQuery(), amqp.getFragment());
    } catch (URISyntaxException e) {
      // the message would hold the password: name the key only
      throw error("queue.password_file", "the password does not fit in an AMQP URI");
    }
  }

  private static InvalidInputException error(String key, String message) {
    return error(key, message, null);
  }

  private static InvalidInputException error(String key, String message, Throwable cause) {
    return new InvalidInputException(new InputLocation(SOURCE, 0, 0, key), message, cause);
  }
}
