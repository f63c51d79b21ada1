package dev.packit.bot.internal.config;

import dev.packit.bot.config.BotConfig;
import dev.packit.bot.config.BotConfig.BodhiLogin;
import dev.packit.bot.config.BotConfig.DistGitBackend;
import dev.packit.bot.config.BotConfig.HistoryKind;
import dev.packit.bot.config.BotConfig.KojiAuth;
import dev.packit.bot.config.BotConfig.QueueKind;
import dev.packit.bot.config.SecretFile;
import dev.packit.forge.ForgeKind;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads every setting of the bot's config file. Every key is read whatever the others say (so
 * unknown keys and environment variable names are complete); rules between keys are checked after.
 */
public final class BotConfigBinder {
  private static final List<String> WEB = List.of("https", "http");
  private static final List<String> AMQP = List.of("amqps", "amqp");
  private static final Map<ForgeKind, URI> FORGE_API = Map.of(
      ForgeKind.GITHUB, URI.create("https://api.github.com"),
      ForgeKind.GITLAB, URI.create("https://gitlab.com"),
      ForgeKind.PAGURE, URI.create("https://pagure.io"));

  private BotConfigBinder() {}

  /**
   * Binds the whole document.
   *
   * @param root the root section
   * @param env the environment (for {@code STATE_DIRECTORY})
   * @param baseDir the config file's folder
   * @return the config; only meaningful when no error was recorded
   */
  public static BotConfig bind(Section root, Map<String, String> env, Path baseDir) {
    String instance = root.string("instance", defaultInstance(env));
    String systemdState = env.get("STATE_DIRECTORY");
    // StateDirectory= may list several folders, separated by ':'; the first is the bot's
    Path defaultState = systemdState != null && !systemdState.isEmpty()
        ? Path.of(systemdState.split(":")[0]) : baseDir.toAbsolutePath().normalize();
    Path stateDir = root.path("state_dir").orElse(defaultState);
    Path workDir = root.path("work_dir").orElse(stateDir.resolve("work"));

    Section h = root.section("http");
    BotConfig.Http http = new BotConfig.Http(h.string("host", "127.0.0.1"), (int) h.integer("port", 8080, 0, 65535),
        (int) h.integer("max_connections", 256, 1, 100_000), h.integer("max_body_bytes", 25L << 20, 1024, 1L << 30),
        h.duration("read_timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10)),
        h.duration("idle_timeout", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)));
    h.finish();

    List<BotConfig.Forge> forges = new ArrayList<>();
    List<Section> forgeSections = root.sections("forges");
    for (Section f : forgeSections) {
      forges.add(forge(f));
      f.finish();
    }
    if (forgeSections.isEmpty()) {
      root.error("forges", "at least one upstream forge is needed (forges: - kind: github ...)");
    }

    Section d = root.section("dist_git");
    URI distGitUrl = d.uri("url", WEB, URI.create("https://src.fedoraproject.org"));
    DistGitBackend backend = d.choice("backend", DistGitBackend.class, DistGitBackend.PAGURE);
    String namespace = d.string("namespace", "rpms");
    Optional<SecretFile> distGitToken = d.secret("token_file");
    URI distGitGit = d.uri("git_url", WEB, distGitUrl);
    Section p = d.section("packager");
    BotConfig.Packager packager = new BotConfig.Packager(p.string("name", ""), p.string("email", ""));
    if (packager.name().isEmpty() || packager.email().isEmpty()) {
      p.error("", "the packager's name and email are needed: they sign the bot's commits and changelog entries");
    } else if (!packager.email().matches("[^@\\s<>]+@[^@\\s<>]+")) {
      p.error("email", "not an e-mail address: " + packager.email());
    }
    p.finish();
    if (distGitToken.isEmpty() && !d.has("token_file")) {
      d.error("token_file", "dist_git.token_file is needed: the bot opens pull requests with it");
    }
    d.finish();
    BotConfig.DistGit distGit = new BotConfig.DistGit(distGitUrl, backend, namespace, distGitToken, packager,
        distGitGit);

    Section l = root.section("lookaside");
    URI lookasideUrl = l.uri("url", WEB, URI.create(distGitUrl.toString().replaceAll("/$", "") + "/repo/pkgs"));
    BotConfig.Lookaside lookaside = new BotConfig.Lookaside(lookasideUrl,
        l.uri("upload_url", WEB, URI.create(lookasideUrl.toString().replaceAll("/$", "") + "/upload.cgi")));
    l.finish();

    Section k = root.section("koji");
    BotConfig.Koji koji = new BotConfig.Koji(k.uri("hub_url", WEB, URI.create("https://koji.fedoraproject.org/kojihub")),
        k.choice("auth", KojiAuth.class, KojiAuth.NONE), k.optString("principal"), k.secret("keytab_file"));
    if (koji.auth() == KojiAuth.KERBEROS) {
      if (koji.principal().isEmpty()) {
        k.missing("auth", "principal", "koji.auth kerberos needs koji.principal (packit-bot/bot.example.org@FEDORAPROJECT.ORG)");
      }
      if (koji.keytabFile().isEmpty() && !k.has("keytab_file")) {
        k.missing("auth", "keytab_file", "koji.auth kerberos needs koji.keytab_file");
      }
    }
    k.finish();

    Section b = root.section("bodhi");
    BotConfig.Bodhi bodhi = new BotConfig.Bodhi(b.uri("url", WEB, URI.create("https://bodhi.fedoraproject.org")),
        b.choice("login", BodhiLogin.class, BodhiLogin.NONE),
        b.uri("token_endpoint", WEB, URI.create("https://id.fedoraproject.org/openidc/Token")),
        b.secret("refresh_token_file"));
    if (bodhi.login() == BodhiLogin.KERBEROS && koji.auth() != KojiAuth.KERBEROS) {
      b.error("login", "bodhi.login kerberos uses Koji's principal and keytab: set koji.auth to kerberos");
    }
    if (bodhi.login() == BodhiLogin.REFRESH_TOKEN && bodhi.refreshTokenFile().isEmpty() && !b.has("refresh_token_file")) {
      b.missing("login", "refresh_token_file", "bodhi.login refresh_token needs bodhi.refresh_token_file");
    }
    b.finish();

    Section m = root.section("fedora_messaging");
    BotConfig.Messaging messaging = new BotConfig.Messaging(m.bool("enabled", false), m.uri("amqp_url", AMQP),
        m.path("ca_file"), m.path("cert_file"), m.secret("key_file"), m.string("queue", ""), m.stringList("topics"));
    if (messaging.enabled() && messaging.amqpUrl().isEmpty() && !m.has("amqp_url")) {
      m.missing("enabled", "amqp_url", "fedora_messaging.enabled needs fedora_messaging.amqp_url "
          + "(amqps://rabbitmq.fedoraproject.org/%2Fpublic_pubsub)");
    }
    if (messaging.certFile().isPresent() != (messaging.keyFile().isPresent() || m.has("key_file"))) {
      m.error(messaging.certFile().isPresent() ? "key_file" : "cert_file",
          "fedora_messaging.cert_file and key_file go together");
    }
    m.finish();

    Section q = root.section("queue");
    BotConfig.Queue queue = new BotConfig.Queue(q.choice("kind", QueueKind.class, QueueKind.IN_PROCESS),
        q.uri("amqp_url", AMQP), q.secret("password_file"), (int) q.integer("workers", 2, 1, 256));
    if (queue.kind() == QueueKind.RABBITMQ && queue.amqpUrl().isEmpty() && !q.has("amqp_url")) {
      q.missing("kind", "amqp_url", "queue.kind rabbitmq needs queue.amqp_url (amqp://packit-bot@127.0.0.1:5672/%2F)");
    }
    q.finish();

    Section hi = root.section("history");
    HistoryKind historyKind = hi.choice("kind", HistoryKind.class, HistoryKind.EMBEDDED);
    Path historyFolder = hi.path("folder").orElse(stateDir.resolve("history"));
    Optional<String> historyUrl = hi.optString("url");
    String historyUser = hi.string("user", "");
    Optional<SecretFile> historyPassword = hi.secret("password_file");
    if (historyUrl.isPresent()) {
      String u = historyUrl.get();
      if (u.toLowerCase(Locale.ROOT).contains("password=")) {
        // the message does not repeat the URL: it holds the password
        hi.error("url", "the JDBC URL holds a password; put it in history.password_file");
        historyUrl = Optional.empty();
      } else if (!u.startsWith("jdbc:postgresql://")) {
        hi.error("url", "expected a PostgreSQL JDBC URL, jdbc:postgresql://host[:port]/database");
        historyUrl = Optional.empty();
      }
    }
    if (historyKind == HistoryKind.POSTGRESQL) {
      if (historyUrl.isEmpty() && !hi.has("url")) {
        hi.missing("kind", "url", "history.kind postgresql needs history.url (jdbc:postgresql://db.example.org/packit)");
      }
      if (historyUser.isEmpty()) {
        hi.missing("kind", "user", "history.kind postgresql needs history.user");
      }
    } else if (hi.has("url")) {
      hi.warning("url", "ignored: history.kind is embedded (set kind: postgresql to use it)");
    }
    if (historyKind == HistoryKind.EMBEDDED && queue.kind() == QueueKind.RABBITMQ) {
      hi.warning("kind", "an embedded history is one bot instance's: with several instances on RabbitMQ, "
          + "each keeps its own history (kind: postgresql shares one)");
    }
    hi.finish();
    BotConfig.History history = new BotConfig.History(historyKind, historyFolder, historyUrl, historyUser, historyPassword);

    Section r = root.section("reconciliation");
    BotConfig.Reconciliation reconciliation = new BotConfig.Reconciliation(r.bool("enabled", true),
        r.duration("interval", Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofDays(7)), r.stringList("packages"));
    r.finish();

    Section s = root.section("status_page");
    BotConfig.StatusPage statusPage = new BotConfig.StatusPage(s.bool("enabled", true), s.uri("public_base_url", WEB));
    s.finish();

    Section dl = root.section("downloads");
    BotConfig.Downloads downloads = new BotConfig.Downloads(dl.stringList("insecure_hosts"));
    dl.finish();

    root.finish();
    return new BotConfig(instance, stateDir, workDir, http, forges, distGit, lookaside, koji, bodhi, messaging, queue,
        history, reconciliation, statusPage, downloads);
  }

  private static BotConfig.Forge forge(Section f) {
    boolean hasKind = f.has("kind");
    ForgeKind kind = f.choice("kind", List.of(ForgeKind.values()), ForgeKind::id, ForgeKind.GITHUB);
    if (!hasKind) {
      f.error("kind", "each forge needs a kind: github, gitlab, pagure or forgejo");
    }
    Optional<URI> url = f.uri("url", WEB);
    if (url.isEmpty() && !f.has("url") && !FORGE_API.containsKey(kind)) {
      f.error("url", "a " + kind.name().toLowerCase(Locale.ROOT) + " forge needs its url");
    }
    Optional<SecretFile> token = f.secret("token_file");
    long appId = f.integer("app_id", 0, 0, Long.MAX_VALUE);
    Optional<SecretFile> appKey = f.secret("app_key_file");
    Optional<SecretFile> webhookSecret = f.secret("webhook_secret_file");
    if ((f.has("app_id") || f.has("app_key_file")) && kind != ForgeKind.GITHUB) {
      f.error(f.has("app_id") ? "app_id" : "app_key_file", "GitHub App login is for kind github only");
    } else if (f.has("app_id") != f.has("app_key_file")) {
      f.error(f.has("app_id") ? "app_key_file" : "app_id", "a GitHub App needs both app_id and app_key_file");
    }
    if (!f.has("token_file") && !f.has("app_key_file")) {
      f.error("token_file", "the forge needs a token_file (or, on GitHub, app_id and app_key_file)");
    }
    if (!f.has("webhook_secret_file")) {
      f.warning("webhook_secret_file", "no webhook_secret_file: webhook deliveries from this forge are refused "
          + "(the bot still sees its releases through reconciliation)");
    }
    return new BotConfig.Forge(kind, url.orElse(FORGE_API.getOrDefault(kind, URI.create("https://invalid.invalid"))),
        token, appId == 0 ? Optional.empty() : Optional.of(appId), appKey, webhookSecret);
  }

  private static String defaultInstance(Map<String, String> env) {
    String host = env.get("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        host = "";
      }
    }
    return host.isBlank() ? "packit-bot" : "packit-bot@" + host;
  }
}
