package dev.packit.bot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.config.ConfigProblem;
import dev.packit.core.config.InvalidConfigException;
import dev.packit.core.testing.Fixtures;
import dev.packit.forge.ForgeKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotConfigLoaderTest {
  static final String TOKEN = "ghp_CanaryTokenValue0123456789abcdef";
  static final List<String> CREDENTIALS = List.of("github-app-key", "github-webhook-secret", "gitlab-token",
      "gitlab-webhook-token", "distgit-token", "packit-bot.keytab", "fedora-messaging-key", "db-password");

  @TempDir
  Path dir;
  Path creds;
  Map<String, String> env;

  /** A minimal valid config: one forge, dist-git's token and packager; secrets in {@code dir}. */
  static final String MINIMAL = """
      forges:
        - kind: github
          token_file: token
          webhook_secret_file: token
      dist_git:
        token_file: token
        packager:
          name: Packit Bot
          email: bot@example.org
      """;

  @BeforeEach
  void secrets() throws IOException {
    secretFile(dir.resolve("token"), TOKEN + "\n");
    creds = Files.createDirectories(dir.resolve("credentials"));
    for (String c : CREDENTIALS) {
      secretFile(creds.resolve(c), "secret-of-" + c + "\n");
    }
    env = new HashMap<>(Map.of("CREDENTIALS_DIRECTORY", creds.toString(), "STATE_DIRECTORY", dir.resolve("state").toString()));
  }

  static void secretFile(Path p, String content) throws IOException {
    Files.writeString(p, content);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
  }

  BotConfig load(String yaml) {
    return BotConfigLoader.builder().environment(env).build().load(yaml, "packit-bot.yaml", dir);
  }

  List<String> errors(String yaml) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> load(yaml));
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    return e.errors().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void theExampleFileNextToTheUnitLoads() {
    Path example = Fixtures.repoRoot().resolve("packit-bot/src/main/dist/packit-bot.yaml");
    BotConfig c = BotConfigLoader.builder().environment(env).build().load(example);
    assertEquals("packit-bot-1", c.instance());
    assertEquals(dir.resolve("state"), c.stateDir());
    assertEquals(dir.resolve("state/work"), c.workDir());
    assertEquals(new BotConfig.Http("127.0.0.1", 8080, 256, 26_214_400L, Duration.ofSeconds(10), Duration.ofSeconds(30)), c.http());
    assertEquals(2, c.forges().size());
    BotConfig.Forge gh = c.forges().get(0);
    assertEquals(ForgeKind.GITHUB, gh.kind());
    assertEquals(Optional.of(123456L), gh.appId());
    assertEquals("secret-of-github-app-key", gh.appKeyFile().orElseThrow().read().reveal());
    assertEquals(creds.resolve("github-webhook-secret"), gh.webhookSecretFile().orElseThrow().path());
    assertEquals(ForgeKind.GITLAB, c.forges().get(1).kind());
    assertEquals(URI.create("https://src.fedoraproject.org"), c.distGit().url());
    assertEquals(BotConfig.DistGitBackend.PAGURE, c.distGit().backend());
    assertEquals(new BotConfig.Packager("Packit Bot", "packit-bot@example.org"), c.distGit().packager());
    assertEquals(BotConfig.KojiAuth.KERBEROS, c.koji().auth());
    assertEquals(Optional.of("packit-bot/bot.example.org@FEDORAPROJECT.ORG"), c.koji().principal());
    assertEquals(BotConfig.BodhiLogin.KERBEROS, c.bodhi().login());
    assertTrue(c.messaging().enabled());
    assertEquals(3, c.messaging().topics().size());
    assertEquals(BotConfig.QueueKind.IN_PROCESS, c.queue().kind());
    assertEquals(BotConfig.HistoryKind.EMBEDDED, c.history().kind());
    assertEquals(dir.resolve("state/history"), c.history().folder());
    assertEquals(Duration.ofMinutes(30), c.reconciliation().interval());
    assertEquals(List.of("hello", "python-requests"), c.reconciliation().packages());
    assertEquals(Optional.of(URI.create("https://packit-bot.example.org/")), c.statusPage().publicBaseUrl());
    // no secret's value in the printed config
    for (String cred : CREDENTIALS) {
      assertFalse(c.toString().contains("secret-of-" + cred), c.toString());
    }
  }

  @Test
  void aMinimalConfigGetsTheFedoraDefaults() {
    BotConfig c = load(MINIMAL);
    assertEquals(URI.create("https://api.github.com"), c.forges().get(0).url());
    assertEquals(URI.create("https://src.fedoraproject.org/repo/pkgs"), c.lookaside().url());
    assertEquals(URI.create("https://src.fedoraproject.org/repo/pkgs/upload.cgi"), c.lookaside().uploadUrl());
    assertEquals(URI.create("https://koji.fedoraproject.org/kojihub"), c.koji().hubUrl());
    assertEquals(BotConfig.KojiAuth.NONE, c.koji().auth());
    assertEquals(URI.create("https://bodhi.fedoraproject.org"), c.bodhi().url());
    assertEquals("rpms", c.distGit().namespace());
    assertFalse(c.messaging().enabled());
    assertEquals(2, c.queue().workers());
    assertEquals(Duration.ofSeconds(10), c.http().readTimeout());
    assertTrue(c.statusPage().enabled());
    assertEquals(dir.resolve("token"), c.distGit().tokenFile().orElseThrow().path());
    assertEquals(TOKEN, c.distGit().tokenFile().orElseThrow().read().reveal());
  }

  @Test
  void invalidYamlIsReportedAtItsPosition() {
    assertEquals(List.of("packit-bot.yaml:3:1: invalid YAML: while parsing a flow sequence: expected ',' or ']', but got <stream end>"),
        errors("http:\n  port: [8080\n"));
    assertEquals(List.of("packit-bot.yaml:1:1: the bot's config must be a mapping of settings, not a list"), errors("- a\n- b\n"));
  }

  @Test
  void unknownKeysAreErrorsWithADidYouMean() {
    List<String> e = errors(MINIMAL + "htp:\n  port: 1\nhistory:\n  knd: postgresql\nstatus_page:\n  zzz: 1\n");
    assertEquals(List.of(
        "packit-bot.yaml:10:1: htp: unknown key; did you mean 'http'?",
        "packit-bot.yaml:13:3: history.knd: unknown key; did you mean 'kind'?",
        "packit-bot.yaml:15:3: status_page.zzz: unknown key; known keys: enabled, public_base_url"), e);
    assertEquals(List.of("packit-bot.yaml:3:5: forges[0].tokn_file: unknown key; did you mean 'token_file'?"),
        errors(MINIMAL.replace("    token_file: token\n    webhook", "    tokn_file: token\n    token_file: token\n    webhook")
            .replace("  - kind: github\n", "  - kind: github\n")).stream().filter(s -> s.contains("tokn")).toList());
  }

  @Test
  void wrongTypesRangesChoicesUrlsAndDurations() {
    List<String> e = errors(MINIMAL + """
        http:
          port: eighty
          max_connections: 0
          read_timeout: 10x
        queue:
          kind: rabitmq
        lookaside:
          url: src.fedoraproject.org/repo/pkgs
          upload_url: ftp://example.org/upload
        reconciliation:
          interval: 10s
          packages: hello
        """);
    assertEquals(List.of(
        "packit-bot.yaml:11:9: http.port: expected a whole number, got a string ('eighty')",
        "packit-bot.yaml:12:20: http.max_connections: must be 1..100000, got 0",
        "packit-bot.yaml:13:17: http.read_timeout: expected a duration such as 30s, 15m, 1h30m or PT15M",
        "packit-bot.yaml:15:9: queue.kind: must be one of in_process, rabbitmq; did you mean 'rabbitmq'?",
        "packit-bot.yaml:17:8: lookaside.url: expected an absolute URL with a host, such as https://example.org/",
        "packit-bot.yaml:18:15: lookaside.upload_url: the scheme must be https or http, got ftp",
        "packit-bot.yaml:20:13: reconciliation.interval: must be between 1m and 7d, got 10s",
        "packit-bot.yaml:21:13: reconciliation.packages: expected a list, got a string ('hello')"), e);
  }

  @Test
  void durationsInEveryForm() {
    env.put("PACKIT_BOT_RECONCILIATION_INTERVAL", "1h30m");
    assertEquals(Duration.ofMinutes(90), load(MINIMAL).reconciliation().interval());
    env.put("PACKIT_BOT_RECONCILIATION_INTERVAL", "PT2H");
    assertEquals(Duration.ofHours(2), load(MINIMAL).reconciliation().interval());
    env.put("PACKIT_BOT_HTTP_READ_TIMEOUT", "1500ms");
    assertEquals(Duration.ofMillis(1500), load(MINIMAL).http().readTimeout());
  }

  @Test
  void settingsThatNeedOthers() {
    List<String> e = errors("""
        dist_git:
          packager:
            name: Packit Bot
        koji:
          auth: kerberos
        bodhi:
          login: refresh_token
        queue:
          kind: rabbitmq
        history:
          kind: postgresql
        fedora_messaging:
          enabled: true
        """);
    assertEquals(List.of(
        "packit-bot.yaml:1:1: forges: at least one upstream forge is needed (forges: - kind: github ...)",
        "packit-bot.yaml:1:1: dist_git.token_file: dist_git.token_file is needed: the bot opens pull requests with it",
        "packit-bot.yaml:2:3: dist_git.packager: the packager's name and email are needed: they sign the bot's commits and changelog entries",
        "packit-bot.yaml:5:3: koji.principal: koji.auth kerberos needs koji.principal (packit-bot/bot.example.org@FEDORAPROJECT.ORG)",
        "packit-bot.yaml:5:3: koji.keytab_file: koji.auth kerberos needs koji.keytab_file",
        "packit-bot.yaml:7:3: bodhi.refresh_token_file: bodhi.login refresh_token needs bodhi.refresh_token_file",
        "packit-bot.yaml:9:3: queue.amqp_url: queue.kind rabbitmq needs queue.amqp_url (amqp://packit-bot@127.0.0.1:5672/%2F)",
        "packit-bot.yaml:11:3: history.url: history.kind postgresql needs history.url (jdbc:postgresql://db.example.org/packit)",
        "packit-bot.yaml:11:3: history.user: history.kind postgresql needs history.user",
        "packit-bot.yaml:13:3: fedora_messaging.amqp_url: fedora_messaging.enabled needs fedora_messaging.amqp_url (amqps://rabbitmq.fedoraproject.org/%2Fpublic_pubsub)"),
        e);
    assertEquals(List.of("packit-bot.yaml:11:3: bodhi.login: bodhi.login kerberos uses Koji's principal and keytab: set koji.auth to kerberos"),
        errors(MINIMAL + "bodhi:\n  login: kerberos\n"));
    assertEquals(List.of("packit-bot.yaml:3:5: forges[0].app_id: GitHub App login is for kind github only"),
        errors(MINIMAL.replace("kind: github", "kind: gitlab\n    app_id: 7")).stream().filter(s -> s.contains("forges")).toList());
  }

  @Test
  void aPostgresHistoryWithItsPasswordInAFile() {
    BotConfig c = load(MINIMAL + """
        history:
          kind: postgresql
          url: jdbc:postgresql://db.example.org:5432/packit
          user: packit
          password_file: "%d/db-password"
        """);
    assertEquals(BotConfig.HistoryKind.POSTGRESQL, c.history().kind());
    assertEquals(Optional.of("jdbc:postgresql://db.example.org:5432/packit"), c.history().url());
    assertEquals("secret-of-db-password", c.history().passwordFile().orElseThrow().read().reveal());
  }

  @Test
  void passwordsInUrlsAreRefusedWithoutRepeatingThem() {
    List<String> e = errors(MINIMAL + """
        queue:
          kind: rabbitmq
          amqp_url: amqp://bot:hunter2@127.0.0.1:5672/%2F
        history:
          kind: postgresql
          url: jdbc:postgresql://db/packit?user=packit&password=hunter2
          user: packit
        """);
    assertEquals(List.of(
        "packit-bot.yaml:12:13: queue.amqp_url: the URL holds a password; put the password in a file (the section's password_file)",
        "packit-bot.yaml:15:3: history.url: the JDBC URL holds a password; put it in history.password_file"), e);
    e.forEach(s -> assertFalse(s.contains("hunter2"), s));
  }

  @Test
  void secretFilesMustExistAndNotBeReadableByOthers() throws IOException {
    Path open = dir.resolve("open-token");
    Files.writeString(open, TOKEN);
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> e = errors(MINIMAL.replace("  token_file: token\n  packager", "  token_file: open-token\n  packager")
        + "koji:\n  keytab_file: missing.keytab\n");
    assertEquals(List.of(
        "packit-bot.yaml:6:15: dist_git.token_file: secret file " + open + " is readable or writable by every user on the "
            + "machine; chmod o-rw " + open + " (or use systemd's LoadCredential=)",
        "packit-bot.yaml:11:16: koji.keytab_file: secret file " + dir.resolve("missing.keytab")
            + " does not exist or is not a regular file"), e);
    // a checker on another machine may skip the files
    BotConfig c = BotConfigLoader.builder().environment(env).checkSecretFiles(false).build()
        .load(MINIMAL + "koji:\n  keytab_file: missing.keytab\n", "packit-bot.yaml", dir);
    assertEquals(dir.resolve("missing.keytab"), c.koji().keytabFile().orElseThrow().path());
    // reading it then names the key and the file, not more
    String msg = assertThrows(RuntimeException.class, () -> c.koji().keytabFile().orElseThrow().read()).getMessage();
    assertEquals(dir.resolve("missing.keytab") + ": koji.keytab_file: cannot read the secret file: NoSuchFileException", msg);
  }

  @Test
  void credentialsFolderPathsNeedSystemd() {
    env.remove("CREDENTIALS_DIRECTORY");
    assertEquals(List.of("packit-bot.yaml:6:15: dist_git.token_file: %d/ is systemd's credentials folder, but "
        + "CREDENTIALS_DIRECTORY is not set (LoadCredential= in the unit sets it)"),
        errors(MINIMAL.replace("  token_file: token\n  packager", "  token_file: \"%d/distgit-token\"\n  packager")));
  }

  @Test
  void environmentVariablesOverrideTheFile() {
    env.put("PACKIT_BOT_HTTP_PORT", "9090");
    env.put("PACKIT_BOT_HISTORY_KIND", "postgresql");
    env.put("PACKIT_BOT_HISTORY_URL", "jdbc:postgresql://127.0.0.1/packit");
    env.put("PACKIT_BOT_HISTORY_USER", "packit");
    env.put("PACKIT_BOT_RECONCILIATION_PACKAGES", "hello, world");
    env.put("PACKIT_BOT_STATUS_PAGE_ENABLED", "false");
    env.put("PACKIT_BOT_DIST_GIT_PACKAGER_NAME", "Other Bot");
    BotConfig c = load(MINIMAL + "http:\n  port: 8080\n");
    assertEquals(9090, c.http().port());
    assertEquals(BotConfig.HistoryKind.POSTGRESQL, c.history().kind());
    assertEquals(Optional.of("jdbc:postgresql://127.0.0.1/packit"), c.history().url());
    assertEquals(List.of("hello", "world"), c.reconciliation().packages());
    assertFalse(c.statusPage().enabled());
    assertEquals("Other Bot", c.distGit().packager().name());
  }

  @Test
  void aBadEnvironmentVariableIsNamed() {
    env.put("PACKIT_BOT_HTTP_PORT", "80a");
    env.put("PACKIT_BOT_QUEUE_KIND", "kafka");
    assertEquals(List.of(
        "environment: http.port: PACKIT_BOT_HTTP_PORT='80a': expected a whole number",
        "environment: queue.kind: PACKIT_BOT_QUEUE_KIND='kafka': must be one of in_process, rabbitmq"), errors(MINIMAL));
  }

  @Test
  void anEnvironmentVariableThatSetsNothingIsAWarning() {
    env.put("PACKIT_BOT_HTTP_PROT", "9090");
    env.put("PACKIT_BOT_CONFIG", "/etc/packit-bot/packit-bot.yaml");
    Path f = dir.resolve("packit-bot.yaml");
    try {
      Files.writeString(f, MINIMAL);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    List<String> problems = BotConfigLoader.builder().environment(env).build().problems(f).stream()
        .map(ConfigProblem::toString).toList();
    assertEquals(List.of("environment: warning: PACKIT_BOT_HTTP_PROT sets no setting and is ignored; did you mean PACKIT_BOT_HTTP_PORT?"),
        problems);
  }

  @Test
  void anEmbeddedHistoryBehindASharedQueueIsAWarning() throws IOException {
    Path f = dir.resolve("packit-bot.yaml");
    Files.writeString(f, MINIMAL + "queue:\n  kind: rabbitmq\n  amqp_url: amqp://bot@127.0.0.1/%2F\nhistory:\n  kind: embedded\n");
    assertEquals(List.of(f + ":14:3: history.kind: warning: an embedded history is one bot instance's: with several "
        + "instances on RabbitMQ, each keeps its own history (kind: postgresql shares one)"),
        BotConfigLoader.builder().environment(env).build().problems(f).stream().map(ConfigProblem::toString).toList());
    // a warning does not stop the bot
    assertEquals(BotConfig.QueueKind.RABBITMQ, BotConfigLoader.builder().environment(env).build().load(f).queue().kind());
  }

  @Test
  void everyErrorIsReportedAtOnceInTheMessage() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> load(MINIMAL + "http:\n  port: -1\n  host: [a]\n"));
    assertEquals(2, e.errors().size());
    assertTrue(e.getMessage().contains("(2 errors)"), e.getMessage());
  }

  @Test
  void theEnvironmentVariableListCoversEveryScalarSetting() {
    List<String> names = BotConfigLoader.environmentVariables();
    assertTrue(names.contains("PACKIT_BOT_HTTP_PORT"), names.toString());
    assertTrue(names.contains("PACKIT_BOT_HISTORY_PASSWORD_FILE"), names.toString());
    assertTrue(names.contains("PACKIT_BOT_DIST_GIT_PACKAGER_EMAIL"), names.toString());
    // lists of mappings (forges) have no variables: their items have no names
    assertFalse(names.stream().anyMatch(n -> n.startsWith("PACKIT_BOT_FORGES")), names.toString());
    assertEquals(names.size(), names.stream().collect(Collectors.toSet()).size());
  }

  @Test
  void aSecretFileNeverPrintsItsContent() {
    SecretFile f = load(MINIMAL).distGit().tokenFile().orElseThrow();
    assertEquals("SecretFile[" + dir.resolve("token") + "]", f.toString());
    assertEquals("Secret[***]", f.read().toString());
  }
}
