package dev.packit.bot.config;

import dev.packit.forge.ForgeKind;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bot's settings, as read from {@code packit-bot.yaml} by {@link BotConfigLoader}: every value
 * typed (durations as {@link Duration}, addresses as {@link URI}, secrets as {@link SecretFile}s that
 * are read when used). Immutable; {@code toString()} never shows a secret's value.
 *
 * <pre>{@code
 * BotConfig config = BotConfigLoader.builder().build().load(Path.of("/etc/packit-bot/packit-bot.yaml"));
 * int port = config.http().port();
 * Secret token = config.distGit().tokenFile().orElseThrow().read();
 * }</pre>
 *
 * @param instance this bot instance's name (history, logs, queue consumer tag)
 * @param stateDir the bot's own folder: the default parent of the work folder and the embedded history
 * @param workDir where jobs clone and build, emptied of a job's files when it ends
 * @param http the HTTP server (webhooks, status page, health, metrics)
 * @param forges the upstream forges whose webhooks and releases the bot follows, at least one
 * @param distGit the dist-git the bot opens pull requests on
 * @param lookaside the lookaside cache sources are uploaded to
 * @param koji the Koji hub builds go to
 * @param bodhi the Bodhi updates go to
 * @param messaging fedora-messaging intake
 * @param queue the job queue
 * @param history the job history database
 * @param reconciliation the periodic comparison of what should be with what is
 * @param statusPage the status page
 * @param downloads where release archives may be downloaded from
 */
public record BotConfig(String instance, Path stateDir, Path workDir, Http http, List<Forge> forges, DistGit distGit,
    Lookaside lookaside, Koji koji, Bodhi bodhi, Messaging messaging, Queue queue, History history,
    Reconciliation reconciliation, StatusPage statusPage, Downloads downloads) {

  /** Validates the components. */
  public BotConfig {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(http, "http");
    forges = List.copyOf(forges);
    Objects.requireNonNull(distGit, "distGit");
    Objects.requireNonNull(lookaside, "lookaside");
    Objects.requireNonNull(koji, "koji");
    Objects.requireNonNull(bodhi, "bodhi");
    Objects.requireNonNull(messaging, "messaging");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(reconciliation, "reconciliation");
    Objects.requireNonNull(statusPage, "statusPage");
    Objects.requireNonNull(downloads, "downloads");
  }

  /**
   * A config with the default {@link Downloads} (HTTPS only), as before {@code downloads} existed.
   *
   * @param instance this bot instance's name
   * @param stateDir the bot's own folder
   * @param workDir where jobs clone and build
   * @param http the HTTP server
   * @param forges the upstream forges
   * @param distGit the dist-git
   * @param lookaside the lookaside cache
   * @param koji the Koji hub
   * @param bodhi Bodhi
   * @param messaging fedora-messaging intake
   * @param queue the job queue
   * @param history the job history
   * @param reconciliation reconciliation
   * @param statusPage the status page
   */
  public BotConfig(String instance, Path stateDir, Path workDir, Http http, List<Forge> forges, DistGit distGit,
      Lookaside lookaside, Koji koji, Bodhi bodhi, Messaging messaging, Queue queue, History history,
      Reconciliation reconciliation, StatusPage statusPage) {
    this(instance, stateDir, workDir, http, forges, distGit, lookaside, koji, bodhi, messaging, queue, history,
        reconciliation, statusPage, new Downloads(List.of()));
  }

  /**
   * Release archive downloads.
   *
   * <pre>{@code
   * new BotConfig.Downloads(List.of("127.0.0.1"));   // a sandbox serving archives over plain HTTP
   * }</pre>
   *
   * @param insecureHosts hosts archives may come from over plain HTTP; HTTPS only for every other host
   */
  public record Downloads(List<String> insecureHosts) {
    /** Validates the components. */
    public Downloads {
      insecureHosts = List.copyOf(insecureHosts);
    }
  }

  /**
   * The HTTP server.
   *
   * <pre>{@code
   * new BotConfig.Http("127.0.0.1", 8080, 256, 1 << 20, Duration.ofSeconds(10), Duration.ofSeconds(30));
   * }</pre>
   *
   * @param host the address to listen on ({@code 127.0.0.1}; {@code 0.0.0.0} for every interface)
   * @param port the port, 1..65535 (0: any free port, for tests)
   * @param maxConnections connections served at once; more wait in the accept queue
   * @param maxBodyBytes the largest request body (a webhook delivery) accepted
   * @param readTimeout how long a client may take to send its request
   * @param idleTimeout how long an idle keep-alive connection stays open
   */
  public record Http(String host, int port, int maxConnections, long maxBodyBytes, Duration readTimeout,
      Duration idleTimeout) {
    /** Validates the components. */
    public Http {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(readTimeout, "readTimeout");
      Objects.requireNonNull(idleTimeout, "idleTimeout");
    }
  }

  /**
   * An upstream forge.
   *
   * <pre>{@code
   * new BotConfig.Forge(ForgeKind.GITHUB, URI.create("https://api.github.com"), Optional.of(tokenFile),
   *     Optional.empty(), Optional.empty(), Optional.of(webhookSecretFile));
   * }</pre>
   *
   * @param kind github, gitlab, pagure or forgejo
   * @param url the forge's API address
   * @param tokenFile a personal or bot access token
   * @param appId the GitHub App id, when the bot logs in as an App
   * @param appKeyFile the GitHub App's private key (PEM)
   * @param webhookSecretFile the secret webhook deliveries are signed with; without it the forge's
   *     webhooks are refused
   */
  public record Forge(ForgeKind kind, URI url, Optional<SecretFile> tokenFile, Optional<Long> appId,
      Optional<SecretFile> appKeyFile, Optional<SecretFile> webhookSecretFile) {
    /** Validates the components. */
    public Forge {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(tokenFile, "tokenFile");
      Objects.requireNonNull(appId, "appId");
      Objects.requireNonNull(appKeyFile, "appKeyFile");
      Objects.requireNonNull(webhookSecretFile, "webhookSecretFile");
    }
  }

  /**
   * Which dist-git server software ({@code dist_git.backend}).
   *
   * <pre>{@code
   * boolean forgejo = config.distGit().backend() == BotConfig.DistGitBackend.FORGEJO;
   * }</pre>
   */
  public enum DistGitBackend {
    /** Pagure (src.fedoraproject.org today). */
    PAGURE,
    /** Forgejo (Fedora's next dist-git). */
    FORGEJO
  }

  /**
   * Dist-git.
   *
   * <pre>{@code
   * config.distGit().url();   // https://src.fedoraproject.org
   * }</pre>
   *
   * @param url the dist-git web and API address
   * @param backend pagure or forgejo
   * @param namespace the package namespace ({@code rpms})
   * @param tokenFile the API token the bot opens pull requests with
   * @param packager who the bot's commits are by
   * @param gitUrl where {@code <namespace>/<package>.git} is cloned from and pushed to (default {@code url})
   */
  public record DistGit(URI url, DistGitBackend backend, String namespace, Optional<SecretFile> tokenFile,
      Packager packager, URI gitUrl) {
    /** Validates the components. */
    public DistGit {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(tokenFile, "tokenFile");
      Objects.requireNonNull(packager, "packager");
      Objects.requireNonNull(gitUrl, "gitUrl");
    }

    /**
     * Dist-git whose git repositories are under its web address (Pagure, Forgejo).
     *
     * @param url the dist-git web and API address, also the git base
     * @param backend pagure or forgejo
     * @param namespace the package namespace
     * @param tokenFile the API token
     * @param packager who the bot's commits are by
     */
    public DistGit(URI url, DistGitBackend backend, String namespace, Optional<SecretFile> tokenFile,
        Packager packager) {
      this(url, backend, namespace, tokenFile, packager, url);
    }
  }

  /**
   * The identity on the bot's dist-git commits and changelog entries.
   *
   * <pre>{@code
   * new BotConfig.Packager("Packit Bot", "packit-bot@example.org");
   * }</pre>
   *
   * @param name the name
   * @param email the e-mail address
   */
  public record Packager(String name, String email) {
    /** Validates the components. */
    public Packager {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(email, "email");
    }
  }

  /**
   * The lookaside cache.
   *
   * <pre>{@code
   * config.lookaside().url();   // https://src.fedoraproject.org/repo/pkgs
   * }</pre>
   *
   * @param url where sources are downloaded from
   * @param uploadUrl the upload CGI
   */
  public record Lookaside(URI url, URI uploadUrl) {
    /** Validates the components. */
    public Lookaside {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(uploadUrl, "uploadUrl");
    }
  }

  /**
   * How the bot logs in to Koji ({@code koji.auth}).
   *
   * <pre>{@code
   * if (config.koji().auth() == BotConfig.KojiAuth.KERBEROS) { ... }
   * }</pre>
   */
  public enum KojiAuth {
    /** No login: Koji is only read (builds are not submitted). */
    NONE,
    /** Kerberos with a keytab. */
    KERBEROS
  }

  /**
   * Koji.
   *
   * <pre>{@code
   * if (config.koji().auth() == BotConfig.KojiAuth.KERBEROS) { ... config.koji().keytabFile() ... }
   * }</pre>
   *
   * @param hubUrl the hub's XML-RPC address
   * @param auth none or kerberos
   * @param principal the Kerberos principal, for kerberos
   * @param keytabFile the keytab, for kerberos
   */
  public record Koji(URI hubUrl, KojiAuth auth, Optional<String> principal, Optional<SecretFile> keytabFile) {
    /** Validates the components. */
    public Koji {
      Objects.requireNonNull(hubUrl, "hubUrl");
      Objects.requireNonNull(auth, "auth");
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(keytabFile, "keytabFile");
    }
  }

  /**
   * How the bot logs in to Bodhi ({@code bodhi.login}).
   *
   * <pre>{@code
   * boolean oidc = config.bodhi().login() != BotConfig.BodhiLogin.NONE;
   * }</pre>
   */
  public enum BodhiLogin {
    /** No login: updates are not created. */
    NONE,
    /** Kerberos to the OIDC provider with Koji's principal and keytab (what Fedora's bots use). */
    KERBEROS,
    /** An OAuth 2 refresh token. */
    REFRESH_TOKEN
  }

  /**
   * Bodhi.
   *
   * <pre>{@code
   * config.bodhi().login();   // KERBEROS
   * }</pre>
   *
   * @param url Bodhi's address
   * @param login none, kerberos or refresh_token
   * @param tokenEndpoint the OIDC token endpoint
   * @param refreshTokenFile the refresh token, for refresh_token
   */
  public record Bodhi(URI url, BodhiLogin login, URI tokenEndpoint, Optional<SecretFile> refreshTokenFile) {
    /** Validates the components. */
    public Bodhi {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(login, "login");
      Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
      Objects.requireNonNull(refreshTokenFile, "refreshTokenFile");
    }
  }

  /**
   * fedora-messaging intake (dist-git pushes, Koji build states, Bodhi updates).
   *
   * <pre>{@code
   * if (config.messaging().enabled()) { ... config.messaging().amqpUrl() ... }
   * }</pre>
   *
   * @param enabled whether the bot listens
   * @param amqpUrl the broker ({@code amqps://rabbitmq.fedoraproject.org/%2Fpublic_pubsub})
   * @param caFile the broker's CA certificate
   * @param certFile the client certificate
   * @param keyFile the client certificate's private key
   * @param queue the queue name; durable when set, a server-named temporary queue when empty
   * @param topics the topics to bind
   */
  public record Messaging(boolean enabled, Optional<URI> amqpUrl, Optional<Path> caFile, Optional<Path> certFile,
      Optional<SecretFile> keyFile, String queue, List<String> topics) {
    /** Validates the components. */
    public Messaging {
      Objects.requireNonNull(amqpUrl, "amqpUrl");
      Objects.requireNonNull(caFile, "caFile");
      Objects.requireNonNull(certFile, "certFile");
      Objects.requireNonNull(keyFile, "keyFile");
      Objects.requireNonNull(queue, "queue");
      topics = List.copyOf(topics);
    }
  }

  /**
   * Where queued jobs wait ({@code queue.kind}).
   *
   * <pre>{@code
   * boolean shared = config.queue().kind() == BotConfig.QueueKind.RABBITMQ;
   * }</pre>
   */
  public enum QueueKind {
    /** In this process: one bot instance; queued jobs are lost when it stops (reconciliation finds them again). */
    IN_PROCESS,
    /** RabbitMQ: several bot instances share the work, jobs survive a restart. */
    RABBITMQ
  }

  /**
   * The job queue.
   *
   * <pre>{@code
   * if (config.queue().kind() == BotConfig.QueueKind.RABBITMQ) { ... config.queue().amqpUrl() ... }
   * }</pre>
   *
   * @param kind in_process or rabbitmq
   * @param amqpUrl the broker, for rabbitmq (without a password: see {@code passwordFile})
   * @param passwordFile the broker password, for rabbitmq
   * @param workers jobs run at once by this instance
   */
  public record Queue(QueueKind kind, Optional<URI> amqpUrl, Optional<SecretFile> passwordFile, int workers) {
    /** Validates the components. */
    public Queue {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(amqpUrl, "amqpUrl");
      Objects.requireNonNull(passwordFile, "passwordFile");
    }
  }

  /**
   * Where the job history is kept ({@code history.kind}).
   *
   * <pre>{@code
   * boolean embedded = config.history().kind() == BotConfig.HistoryKind.EMBEDDED;
   * }</pre>
   */
  public enum HistoryKind {
    /** An H2 database in a file under the bot's folder: one bot instance. */
    EMBEDDED,
    /** PostgreSQL: several bot instances share it. */
    POSTGRESQL
  }

  /**
   * The job history.
   *
   * <pre>{@code
   * JobHistory h = config.history().kind() == BotConfig.HistoryKind.EMBEDDED
   *     ? JdbcJobHistory.embedded(config.history().folder())
   *     : JdbcJobHistory.connect(config.history().url().orElseThrow(), config.history().user(),
   *         config.history().passwordFile().orElseThrow().read());
   * }</pre>
   *
   * @param kind embedded or postgresql
   * @param folder the H2 database's folder, for embedded
   * @param url the JDBC URL, for postgresql ({@code jdbc:postgresql://db.example.org/packit})
   * @param user the database user, for postgresql
   * @param passwordFile the database password, for postgresql
   */
  public record History(HistoryKind kind, Path folder, Optional<String> url, String user,
      Optional<SecretFile> passwordFile) {
    /** Validates the components. */
    public History {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(passwordFile, "passwordFile");
    }
  }

  /**
   * Reconciliation.
   *
   * <pre>{@code
   * scheduler.scheduleAtFixedRate(reconciler, 0, config.reconciliation().interval().toSeconds(), TimeUnit.SECONDS);
   * }</pre>
   *
   * @param enabled whether it runs
   * @param interval how often
   * @param packages the watched packages
   */
  public record Reconciliation(boolean enabled, Duration interval, List<String> packages) {
    /** Validates the components. */
    public Reconciliation {
      Objects.requireNonNull(interval, "interval");
      packages = List.copyOf(packages);
    }
  }

  /**
   * The status page.
   *
   * <pre>{@code
   * config.statusPage().publicBaseUrl().map(u -> u.resolve("packages/hello"));
   * }</pre>
   *
   * @param enabled whether {@code GET /} serves it
   * @param publicBaseUrl the address people reach it at, for links in pull requests; empty when not public
   */
  public record StatusPage(boolean enabled, Optional<URI> publicBaseUrl) {
    /** Validates the components. */
    public StatusPage {
      Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    }
  }
}
