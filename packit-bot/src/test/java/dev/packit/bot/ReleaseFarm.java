package dev.packit.bot;

import dev.packit.core.Secret;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import dev.packit.forge.webhook.WebhookVerifier;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Seeds a {@link FedoraSandbox} with many packages, each with several upstream releases: dist-git
 * {@code rpms/<pkg>} at 1.0.0 and upstream {@code upstream/<pkg>} tagged {@code v1.1.0},
 * {@code v1.2.0}... Archives are served at {@code /bot-downloads/<pkg>-<version>.tar.gz}.
 */
final class ReleaseFarm {
  static final GitIdentity MAINTAINER = GitIdentity.of("Jane Maintainer", "jane@example.org");

  final FedoraSandbox sandbox;
  final List<String> packages = new ArrayList<>();
  final Map<String, List<String>> branches = new java.util.concurrent.ConcurrentHashMap<>();
  final int releases;

  /**
   * Seeds the packages.
   *
   * @param multiBranch how many packages (the first ones) have branches rawhide and f43; the others only rawhide
   */
  ReleaseFarm(FedoraSandbox sandbox, int packageCount, int releases, int multiBranch) {
    this.sandbox = sandbox;
    this.releases = releases;
    sandbox.mount("/bot-downloads", "release archives of the bot test packages", ex -> {
      try (ex) {
        String name = ex.getRequestURI().getPath().substring("/bot-downloads/".length());
        if (!name.matches("[a-z0-9]+-[0-9.]+\\.tar\\.gz")) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        byte[] body = SandboxScenario.archive(name.substring(0, name.length() - ".tar.gz".length()));
        ex.getResponseHeaders().set("Content-Type", "application/gzip");
        if ("HEAD".equals(ex.getRequestMethod())) {
          ex.sendResponseHeaders(200, -1);
          return;
        }
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    });
    for (int i = 0; i < packageCount; i++) {
      String p = "pkg" + i;
      packages.add(p);
      branches.put(p, i < multiBranch ? List.of("rawhide", "f43") : List.of("rawhide"));
    }
    // Seeding is mostly waiting on git round trips: a few packages at a time.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> seeded = new ArrayList<>();
      for (String p : packages) {
        seeded.add(pool.submit(() -> {
          seedDistGit(p, branches.get(p));
          seedUpstream(p, branches.get(p));
        }));
      }
      for (Future<?> f : seeded) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot seed the sandbox: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  static String version(int release) {
    return "1." + release + ".0";
  }

  String spec(String pkg, String version) {
    return "Name:           " + pkg + "\n"
        + "Version:        " + version + "\n"
        + "Release:        1%{?dist}\n"
        + "Summary:        A bot test package\n"
        + "License:        MIT\n"
        + "URL:            " + sandbox.baseUri() + "upstream/" + pkg + "\n"
        + "Source0:        " + sandbox.baseUri() + "bot-downloads/" + pkg + "-%{version}.tar.gz\n"
        + "BuildArch:      noarch\n\n"
        + "%description\nA bot test package.\n\n"
        + "%prep\n%autosetup\n\n"
        + "%files\n\n"
        + "%changelog\n"
        + "* Mon Nov 02 2026 Jane Maintainer <jane@example.org> - " + version + "-1\n"
        + "- Initial package\n";
  }

  static String packitYaml(String pkg, List<String> branches) {
    return "upstream_package_name: " + pkg + "\n"
        + "downstream_package_name: " + pkg + "\n"
        + "upstream_tag_template: v{version}\n"
        + "jobs:\n"
        + "  - job: propose_downstream\n"
        + "    trigger: release\n"
        + "    dist_git_branches: [" + String.join(", ", branches) + "]\n";
  }

  private void seedDistGit(String pkg, List<String> branches) {
    sandbox.createBareRepository("rpms/" + pkg);
    Path dir = tempDir();
    try (LocalRepository repo = LocalRepository.init(dir, branches.get(0), Clock.systemUTC())) {
      Files.writeString(dir.resolve(pkg + ".spec"), spec(pkg, "1.0.0"));
      Files.writeString(dir.resolve("sources"), "");
      Files.writeString(dir.resolve(".gitignore"), "");
      repo.addAll();
      repo.commit("Initial import of " + pkg + " 1.0.0", MAINTAINER);
      repo.setRemote("origin", sandbox.gitUri("rpms/" + pkg));
      PushRequest.Builder push = PushRequest.builder("origin");
      for (String b : branches) {
        push.refSpec("refs/heads/" + branches.get(0) + ":refs/heads/" + b);
      }
      repo.push(push.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void seedUpstream(String pkg, List<String> branches) {
    String name = "upstream/" + pkg;
    sandbox.createBareRepository(name);
    Path dir = tempDir();
    try (LocalRepository repo = LocalRepository.init(dir, "main", Clock.systemUTC())) {
      Files.writeString(dir.resolve(".packit.yaml"), packitYaml(pkg, branches));
      repo.addAll();
      repo.commit("Add packit config", MAINTAINER);
      for (int r = 1; r <= releases; r++) {
        Files.writeString(dir.resolve("VERSION"), version(r) + "\n");
        repo.addAll();
        repo.commit("Release " + version(r), MAINTAINER);
        repo.tag("v" + version(r), pkg + " " + version(r), MAINTAINER);
      }
      repo.setRemote("origin", sandbox.gitUri(name));
      repo.push(PushRequest.builder("origin").pushTags(true).refSpec("refs/heads/main:refs/heads/main").build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int r = 1; r <= releases; r++) {
      sandbox.github().addRelease(name, "v" + version(r), version(r), notes(pkg, r), false);
    }
  }

  static String notes(String pkg, int release) {
    return pkg + " " + version(release) + "\n\n- Change number " + release + "\n";
  }

  private Path tempDir() {
    try {
      return Files.createTempDirectory(sandbox.root(), "seed-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GitHub {@code release} webhook body, as GitHub sends it (the fields the parser reads). */
  String releasePayload(String pkg, int release) {
    String repo = "upstream/" + pkg;
    String tag = "v" + version(release);
    return "{\"action\":\"published\",\"release\":{\"tag_name\":\"" + tag + "\",\"name\":\"" + version(release)
        + "\",\"body\":" + json(notes(pkg, release)) + ",\"prerelease\":false,\"draft\":false,"
        + "\"author\":{\"login\":\"jane\"},\"html_url\":\"" + sandbox.baseUri() + repo + "/releases/tag/" + tag + "\"},"
        + "\"repository\":{\"full_name\":\"" + repo + "\",\"name\":\"" + pkg + "\",\"owner\":{\"login\":\"upstream\"},"
        + "\"html_url\":\"" + sandbox.baseUri() + repo + "\",\"clone_url\":\"" + sandbox.gitUri(repo) + "\"},"
        + "\"sender\":{\"login\":\"jane\"}}";
  }

  static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /**
   * Sends a signed GitHub webhook.
   *
   * @return the response
   */
  /** GETs a page of the bot and asserts 200. */
  static String get(URI uri) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString());
    org.junit.jupiter.api.Assertions.assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  static HttpResponse<String> sendGitHub(HttpClient http, URI bot, String event, String deliveryId, String body,
      Secret secret) throws IOException, InterruptedException {
    return sendGitHubTo(http, bot.resolve("webhooks/github"), event, deliveryId, body, secret);
  }

  /**
   * Sends a signed GitHub webhook to any endpoint.
   *
   * @return the response
   */
  static HttpResponse<String> sendGitHubTo(HttpClient http, URI endpoint, String event, String deliveryId, String body,
      Secret secret) throws IOException, InterruptedException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder req = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", deliveryId)
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (secret != null) {
      req.header("X-Hub-Signature-256", WebhookVerifier.githubSignature(secret, bytes));
    }
    return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The environment of a bot instance wired to this sandbox. */
  Map<String, String> botEnvironment(String id, Path workDir, String webhookSecret) {
    Map<String, String> env = new HashMap<>();
    env.put("PACKIT_BOT_ID", id);
    env.put("PACKIT_BOT_HTTP_PORT", "0");
    env.put("PACKIT_BOT_GITHUB_WEBHOOK_SECRET", webhookSecret);
    env.put("PACKIT_BOT_GITHUB_API", sandbox.github().apiUri().toString());
    env.put("PACKIT_BOT_GITHUB_TOKEN", sandbox.github().token(SandboxScenario.BOT));
    env.put("PACKIT_BOT_DISTGIT_URL", sandbox.pagure().instanceUri().toString());
    env.put("PACKIT_BOT_DISTGIT_GIT", sandbox.baseUri().resolve("git/").toString());
    env.put("PACKIT_BOT_DISTGIT_TOKEN", sandbox.pagure().token(SandboxScenario.BOT));
    env.put("PACKIT_BOT_USER", SandboxScenario.BOT);
    env.put("PACKIT_BOT_LOOKASIDE_URL", sandbox.lookaside().baseUri().toString());
    env.put("PACKIT_BOT_LOOKASIDE_CGI", sandbox.lookaside().uploadCgi().toString());
    env.put("PACKIT_BOT_INSECURE_DOWNLOAD_HOSTS", sandbox.baseUri().getHost());
    env.put("PACKIT_BOT_WORK_DIR", workDir.toString());
    return env;
  }
}
