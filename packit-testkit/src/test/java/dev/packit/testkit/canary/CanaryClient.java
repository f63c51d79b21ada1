package dev.packit.testkit.canary;

import dev.packit.core.Secret;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpService;
import dev.packit.core.http.Interceptor;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.http.Sleeper;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.bodhi.OidcTokenAuthenticator;
import dev.packit.fedora.bodhi.UpdateRequest;
import dev.packit.fedora.koji.KojiBuildRequest;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiLogin;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.HashedFile;
import dev.packit.fedora.lookaside.LookasideAuth;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.messaging.AmqpMessageSource;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeBuilder;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.CloneRequest;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.github.GitHub;
import dev.packit.forge.gitlab.GitLab;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.webhook.WebhookDelivery;
import dev.packit.forge.webhook.WebhookVerifier;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The client process of {@link CanarySecretTest}: every client configured with the canary secret,
 * driven into every failure the parent's hostile server can produce; prints every exception (message,
 * {@code toString()}, causes, stack) and the {@code toString()} of every client, with every logger at
 * TRACE. The parent searches all of it for the canary.
 *
 * <p>Arguments: the hostile server's base URI, a port that resets connections, the sandbox git URI
 * of a repository that refuses the canary for pushes, the canary.
 */
public final class CanaryClient {
  private static final RetryPolicy FAST_RETRY = RetryPolicy.defaults().withMaxAttempts(2)
      .withBackoff(Duration.ofMillis(5), 1.0, Duration.ofMillis(5)).withMaxTotalTime(Duration.ofSeconds(5));
  private static final Sleeper NO_SLEEP = d -> { };
  static final List<String> MODES = List.of("401", "403", "404", "409", "429", "500", "503", "badbody", "redirect", "reset", "slow");

  private static int cases;

  private CanaryClient() {}

  public static void main(String[] args) throws Exception {
    URI evil = URI.create(args[0]);
    int resetPort = Integer.parseInt(args[1]);
    URI sandboxGit = URI.create(args[2]);
    String canary = args[3];
    Secret secret = Secret.of(canary);
    Path tmp = Files.createTempDirectory("canary-");

    for (String mode : MODES) {
      URI base = mode.equals("reset") ? URI.create("http://127.0.0.1:" + resetPort + "/") : evil.resolve("m/" + mode + "/");

      boolean slow = mode.equals("slow");
      if (!slow) {
      var github = forge(GitHub.builder(), base, canary).build();
      run("github " + mode, github, () -> github.currentUser());
      run("github repository " + mode, github, () -> github.repository(RepoId.of("a/b")));
      var gitlab = forge(GitLab.builder(), base, canary).build();
      run("gitlab " + mode, gitlab, () -> gitlab.currentUser());
      var pagure = forge(Pagure.builder().instance(base), base, canary).build();
      run("pagure " + mode, pagure, () -> pagure.currentUser());
      run("pagure fork " + mode, pagure, () -> pagure.forkOrCreate(RepoId.of("rpms/hello")));

      }

      HttpService http = HttpService.builder().service("canary").baseUri(base).retryPolicy(FAST_RETRY).sleeper(NO_SLEEP)
          .timeout(Duration.ofMillis(700))
          .interceptor(LookasideAuth.header("Authorization", Secret.of("Bearer " + canary))).build();
      run("http " + mode, http, () -> {
        try (HttpResponse r = http.execute(HttpRequest.get(base.resolve("thing?access_token=" + canary)))) {
          return r.status();
        }
      });

      Path archive = tmp.resolve("hello-1.0.tar.gz");
      Files.writeString(archive, "archive");
      for (Interceptor auth : slow ? List.<Interceptor>of() : List.of(LookasideAuth.header("Authorization", Secret.of("Bearer " + canary)),
          LookasideAuth.cookie("session", secret))) {
        LookasideClient lookaside = LookasideClient.builder().baseUri(base.resolve("repo/pkgs/"))
            .uploadCgi(base.resolve("repo/pkgs/upload.cgi")).authentication(auth).build();
        HashedFile file = HashedFile.of(archive, HashType.SHA512);
        run("lookaside check " + mode, lookaside, () -> lookaside.check("hello", file));
        run("lookaside upload " + mode, lookaside, () -> {
          lookaside.upload("hello", file);
          return "uploaded";
        });
      }

      KojiClient koji = KojiClient.builder().hub(base.resolve("kojihub")).login(KojiLogin.negotiate(() -> secret))
          .retryPolicy(FAST_RETRY).sleeper(NO_SLEEP).timeout(Duration.ofMillis(700)).build();
      run("koji getBuild " + mode, koji, () -> koji.getBuild("hello-1-1.fc43"));
      run("koji build " + mode, koji, () -> koji.build(KojiBuildRequest.of("git+https://src/rpms/hello.git#abc", "f43")));

      if (slow) {
        continue;
      }
      BodhiClient bodhi = BodhiClient.builder().baseUri(base.resolve("bodhi/")).retryPolicy(FAST_RETRY).sleeper(NO_SLEEP)
          .authenticator(target -> Secret.of("Bearer " + canary)).build();
      run("bodhi releases " + mode, bodhi, () -> bodhi.releases(BodhiClient.ACTIVE_STATES));
      run("bodhi createUpdate " + mode, bodhi, () -> bodhi.createUpdate(UpdateRequest.builder()
          .builds(List.of("hello-1-1.fc43")).notes("notes").type("enhancement").build()));
      OidcTokenAuthenticator oidc = OidcTokenAuthenticator.builder().tokenEndpoint(base.resolve("oidc/token"))
          .clientId("packit").refreshToken(secret).build();
      run("oidc refresh " + mode, oidc, () -> oidc.authorization(base));
      BodhiClient bodhiOidc = BodhiClient.builder().baseUri(base.resolve("bodhi/")).retryPolicy(FAST_RETRY).sleeper(NO_SLEEP)
          .authenticator(oidc).build();
      run("bodhi oidc " + mode, bodhiOidc, () -> bodhiOidc.csrfToken());

      {
        GitCredentials git = GitCredentials.token("packit", secret);
        run("git clone " + mode, git, () -> {
          try (LocalRepository r = LocalRepository.cloneFrom(CloneRequest.builder(base.resolve("git/rpms/hello.git"),
              tmp.resolve("clone-" + mode + "-" + cases)).credentials(git).build())) {
            return r.head();
          }
        });
      }
    }

    // The Koji session key is a secret the client learns: calls after login carry it in the URL.
    for (String mode : List.of("kojisession500", "kojisessionfault")) {
      KojiClient koji = KojiClient.builder().hub(evil.resolve("m/" + mode + "/kojihub")).login(KojiLogin.negotiate(() -> secret))
          .retryPolicy(FAST_RETRY).sleeper(NO_SLEEP).build();
      run("koji session " + mode, koji, () -> koji.build(KojiBuildRequest.of("git+https://src/rpms/hello.git#abc", "f43")));
      run("koji session again " + mode, koji, () -> koji.getBuild("hello-1-1.fc43"));
    }

    // Git: credentials in the URL itself, and a push the server refuses.
    String encoded = URLEncoder.encode(canary, StandardCharsets.UTF_8);
    URI withUserInfo = URI.create(sandboxGit.toString().replace("://", "://packit:" + encoded + "@"));
    run("git clone userinfo", withUserInfo, () -> {
      try (LocalRepository r = LocalRepository.cloneFrom(CloneRequest.builder(withUserInfo, tmp.resolve("userinfo")).build())) {
        r.setRemote("other", URI.create(evil.resolve("m/401/git/x.git").toString().replace("://", "://packit:" + encoded + "@")));
        r.push(dev.packit.forge.git.PushRequest.builder("origin").refSpec("HEAD:refs/heads/canary").build());
        return r.head();
      }
    });
    run("git push refused", sandboxGit, () -> {
      try (LocalRepository r = LocalRepository.cloneFrom(CloneRequest.builder(sandboxGit, tmp.resolve("refused")).build())) {
        r.push(dev.packit.forge.git.PushRequest.builder("origin").refSpec("HEAD:refs/heads/canary")
            .credentials(GitCredentials.token("packit", secret)).build());
        return r.head();
      }
    });

    // AMQP: a password the broker refuses, and a broker that is not there.
    for (String host : List.of("127.0.0.1:5672", "127.0.0.1:" + resetPort, "127.0.0.1:1")) {
      URI amqp = URI.create("amqp://guest:" + encoded + "@" + host + "/%2F");
      run("amqp " + host, amqp, () -> {
        try (AmqpMessageSource source = AmqpMessageSource.builder().uri(amqp).connectTimeout(Duration.ofSeconds(2)).build()) {
          return source.toString();
        }
      });
      run("amqp builder " + host, amqp, () -> AmqpMessageSource.builder().uri(amqp).toString());
    }

    // Webhooks: wrong signature and wrong token.
    WebhookVerifier verifier = WebhookVerifier.builder().githubSecret(secret).gitlabToken(secret).build();
    byte[] body = "{\"zen\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
    run("webhook github", verifier, () -> verifier.verifyOrThrow(WebhookDelivery.ofSingleValues(Map.of(
        "X-GitHub-Event", "ping", "X-Hub-Signature-256", "sha256=" + "0".repeat(64)), body)));
    run("webhook gitlab", verifier, () -> verifier.verifyOrThrow(WebhookDelivery.ofSingleValues(Map.of(
        "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "wrong"), body)));
    run("webhook ok", verifier, () -> verifier.verify(WebhookDelivery.ofSingleValues(Map.of(
        "X-GitHub-Event", "ping", "X-Hub-Signature-256", WebhookVerifier.githubSignature(secret, body)), body)));
    run("credentials", ForgeCredentials.token(canary), () -> List.of(ForgeCredentials.token(canary), secret,
        GitCredentials.token("packit", secret), KojiLogin.negotiate(() -> secret), LookasideAuth.cookie("s", secret)));

    System.out.println("CANARY CASES " + cases);
    System.out.flush();
    System.exit(0);
  }

  private static <B extends ForgeBuilder<B, ?>> B forge(B builder, URI base, String canary) {
    return builder.baseUri(base).credentials(ForgeCredentials.token(canary)).retryPolicy(FAST_RETRY).sleeper(NO_SLEEP)
        .forkTimeout(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(50)).rateLimitBudget(Duration.ofSeconds(3));
  }

  /** Runs one case and prints everything a bot might print or log about it. */
  private static void run(String name, Object client, Callable<?> call) {
    cases++;
    System.out.println("CASE " + name + " client=" + (client instanceof URI ? "(a URI)" : client));
    try {
      Object result = call.call();
      System.out.println("  result: " + result);
    } catch (Throwable e) {
      System.out.println("  failed: " + e);
      System.out.println("  message: " + e.getMessage());
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        System.out.println("  cause: " + c + " / " + c.getMessage());
      }
      e.printStackTrace(System.out);
      org.slf4j.LoggerFactory.getLogger(CanaryClient.class).warn("case {} failed", name, e);
    }
  }
}
