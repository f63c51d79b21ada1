package dev.packit.testkit.internal.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A fake Forgejo (API v1) over the sandbox's bare repositories: a repository {@code <owner>/<name>}
 * is {@code <root>/git/<owner>/<name>.git}, so dist-git's {@code rpms/hello} is the same bare
 * repository the Pagure fake serves. Version, user, repositories, contents (base64) and raw files,
 * branches, tags, releases, forks ({@code <user>/<name>}, a real clone, answered 202), pull requests
 * (head {@code <owner>:<branch>}, {@code allow_maintainer_edit} by PATCH, lists paged with
 * {@code Link} and {@code X-Total-Count}, a real merge), issue comments, commit statuses and
 * collaborator permissions, with the payload shapes of Forgejo's swagger. Thread-safe: one lock.
 */
public final class ForgejoService implements HttpHandler {
  /** What {@code GET /api/v1/version} answers: Forgejo's own version form. */
  public static final String VERSION = "15.0.3+gitea-1.22.0";

  private final String prefix;
  private final dev.packit.fedora.messaging.MessagePublisher bus;
  private final URI publicBase;
  private final URI gitBase;
  private final GitStore git;
  private final Clock clock;
  private final Map<String, String> usersByToken = new ConcurrentHashMap<>();
  private final Map<String, String> parents = new LinkedHashMap<>();
  private final Map<String, Integer> ids = new LinkedHashMap<>();
  // repo -> pull requests and issue comments (pull requests are issues: one number space)
  private final Map<String, List<ObjectNode>> prs = new LinkedHashMap<>();
  private final Map<String, Map<Long, List<ObjectNode>>> comments = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> releases = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> statuses = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> permissions = new ConcurrentHashMap<>();
  private long nextId = 1;

  /**
   * @param prefix the mount prefix, e.g. {@code /forgejo}
   * @param publicBase the instance root clients use, ending in {@code /}
   * @param gitBase where the sandbox serves git over HTTP, for clone URLs
   * @param gitRoot the folder of the bare repositories
   * @param clock dates
   */
  public ForgejoService(String prefix, URI publicBase, URI gitBase, Path gitRoot, Clock clock) {
    this(prefix, publicBase, gitBase, gitRoot, clock, null);
  }

  /**
   * @param prefix the mount prefix, e.g. {@code /forgejo}
   * @param publicBase the instance root clients use, ending in {@code /}
   * @param gitBase where the sandbox serves git over HTTP, for clone URLs
   * @param gitRoot the folder of the bare repositories
   * @param clock dates
   * @param bus where a merge's {@code org.fedoraproject.prod.forgejo.push} goes (as Fedora's
   *     webhook relay sends it: {@code {body, headers, agent: null}}), or null
   */
  public ForgejoService(String prefix, URI publicBase, URI gitBase, Path gitRoot, Clock clock,
      dev.packit.fedora.messaging.MessagePublisher bus) {
    this.bus = bus;
    this.prefix = prefix;
    this.publicBase = publicBase;
    this.gitBase = gitBase;
    this.git = new GitStore(gitRoot);
    this.clock = clock;
  }

  /** Registers an access token for a user. */
  public void addToken(String token, String user) {
    usersByToken.put(token, user);
  }

  /** Gives a user a permission ({@code read}, {@code write}, {@code admin}) on a repository. */
  public void permission(String repo, String user, String permission) {
    permissions.computeIfAbsent(repo, k -> new ConcurrentHashMap<>()).put(user, permission);
  }

  /** Returns copies of the pull requests of a repository, as Forgejo's JSON, oldest first. */
  public synchronized List<JsonNode> pullRequests(String repo) {
    List<JsonNode> out = new ArrayList<>();
    prs.getOrDefault(repo, List.of()).forEach(p -> out.add(visible(p)));
    return out;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String raw = ex.getRequestURI().getRawPath().substring(prefix.length());
      while (raw.startsWith("/")) {
        raw = raw.substring(1);
      }
      try {
        if (!raw.startsWith("api/v1/")) {
          Http.send(ex, 404, "Not found.\n".getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
          return;
        }
        route(ex, ex.getRequestMethod(), raw.substring(7));
      } catch (IllegalArgumentException | IllegalStateException e) {
        Http.send(ex, 422, error(e.getMessage()));
      }
    }
  }

  private ObjectNode error(String message) {
    return Http.JSON.createObjectNode().put("message", message).put("url", publicBase.resolve("api/swagger").toString());
  }

  private String user(HttpExchange ex) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.toLowerCase(Locale.ROOT).startsWith("token ")) {
      return null;
    }
    return usersByToken.get(auth.substring(6).trim());
  }

  private boolean denied(HttpExchange ex) throws IOException {
    if (user(ex) == null) {
      Http.send(ex, 401, error("token is required"));
      return true;
    }
    return false;
  }

  private static String dec(String s) {
    return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private synchronized void route(HttpExchange ex, String method, String path) throws IOException {
    if (path.equals("version") && method.equals("GET")) {
      Http.send(ex, 200, Http.JSON.createObjectNode().put("version", VERSION));
      return;
    }
    if (path.equals("user") && method.equals("GET")) {
      if (!denied(ex)) {
        Http.send(ex, 200, userJson(user(ex)));
      }
      return;
    }
    String[] seg = path.split("/", 4);
    if (seg.length < 3 || !seg[0].equals("repos")) {
      Http.send(ex, 404, error("not found"));
      return;
    }
    String repo = dec(seg[1]) + "/" + dec(seg[2]);
    if (repo.contains("..") || !git.exists(repo)) {
      Http.send(ex, 404, error("The target couldn't be found."));
      return;
    }
    String rest = seg.length > 3 ? seg[3] : "";
    if (rest.isEmpty() && method.equals("GET")) {
      Http.send(ex, 200, repository(repo, true));
    } else if (rest.equals("forks")) {
      if (method.equals("POST")) {
        fork(ex, repo);
      } else {
        List<ObjectNode> out = new ArrayList<>();
        parents.forEach((f, p) -> {
          if (p.equals(repo) && git.exists(f)) {
            out.add(repository(f, true));
          }
        });
        page(ex, out);
      }
    } else if (rest.equals("branches") && method.equals("GET")) {
      List<ObjectNode> out = new ArrayList<>();
      git.branches(repo).forEach((n, sha) -> out.add(branch(n, sha)));
      page(ex, out);
    } else if (rest.startsWith("branches/") && method.equals("GET")) {
      String name = dec(rest.substring(9));
      String sha = git.branches(repo).get(name);
      if (sha == null) {
        Http.send(ex, 404, error("branch does not exist [name: " + name + "]"));
      } else {
        Http.send(ex, 200, branch(name, sha));
      }
    } else if (rest.equals("tags") && method.equals("GET")) {
      List<ObjectNode> out = new ArrayList<>();
      git.tags(repo).forEach((n, sha) -> out.add(tag(repo, n, sha)));
      page(ex, out);
    } else if (rest.startsWith("tags/") && method.equals("GET")) {
      String name = dec(rest.substring(5));
      String sha = git.tags(repo).get(name);
      if (sha == null) {
        Http.send(ex, 404, error("The target couldn't be found."));
      } else {
        Http.send(ex, 200, tag(repo, name, sha));
      }
    } else if (rest.startsWith("contents/") && method.equals("GET")) {
      contents(ex, repo, dec(rest.substring(9)));
    } else if (rest.startsWith("raw/") && method.equals("GET")) {
      String ref = Http.query(ex).getOrDefault("ref", git.defaultBranch(repo));
      var content = git.file(repo, ref, dec(rest.substring(4)));
      if (content.isPresent()) {
        Http.send(ex, 200, content.get(), "application/octet-stream");
      } else {
        Http.send(ex, 404, error("The target couldn't be found."));
      }
    } else if (rest.equals("releases") || rest.startsWith("releases/")) {
      releases(ex, method, repo, rest);
    } else if (rest.equals("pulls") || rest.startsWith("pulls/")) {
      pulls(ex, method, repo, rest);
    } else if (rest.startsWith("issues/") && rest.endsWith("/comments")) {
      issueComments(ex, method, repo, rest.substring(7, rest.length() - 9));
    } else if (rest.startsWith("statuses/")) {
      statuses(ex, method, repo, dec(rest.substring(9)));
    } else if (rest.startsWith("collaborators/") && rest.endsWith("/permission") && method.equals("GET")) {
      String who = dec(rest.substring(14, rest.length() - 11));
      String owner = repo.substring(0, repo.indexOf('/'));
      String perm = who.equals(owner) ? "owner" : permissions.getOrDefault(repo, Map.of()).getOrDefault(who, "read");
      ObjectNode out = Http.JSON.createObjectNode().put("permission", perm).put("role_name", perm);
      out.set("user", userJson(who));
      Http.send(ex, 200, out);
    } else {
      Http.send(ex, 404, error("not found"));
    }
  }

  /** Answers one page ({@code page}, {@code limit}) with {@code X-Total-Count} and, past one page, {@code Link}. */
  private void page(HttpExchange ex, List<? extends JsonNode> items) throws IOException {
    Map<String, String> q = Http.query(ex);
    int limit = Math.max(1, Math.min(50, Integer.parseInt(q.getOrDefault("limit", "30"))));
    int page = Math.max(1, Integer.parseInt(q.getOrDefault("page", "1")));
    int pages = Math.max(1, (items.size() + limit - 1) / limit);
    ArrayNode out = Http.JSON.createArrayNode();
    items.stream().skip((long) (page - 1) * limit).limit(limit).forEach(out::add);
    ex.getResponseHeaders().set("X-Total-Count", String.valueOf(items.size()));
    if (pages > 1) {
      String base = publicBase.resolve(ex.getRequestURI().getRawPath().substring(prefix.length() + 1)).toString();
      Map<String, String> other = new LinkedHashMap<>(q);
      other.remove("page");
      other.put("limit", String.valueOf(limit));
      StringBuilder qs = new StringBuilder();
      other.forEach((k, v) -> qs.append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
      List<String> links = new ArrayList<>();
      if (page < pages) {
        links.add("<" + base + "?" + qs + "page=" + (page + 1) + ">; rel=\"next\"");
        links.add("<" + base + "?" + qs + "page=" + pages + ">; rel=\"last\"");
      }
      if (page > 1) {
        links.add("<" + base + "?" + qs + "page=1>; rel=\"first\"");
        links.add("<" + base + "?" + qs + "page=" + (page - 1) + ">; rel=\"prev\"");
      }
      ex.getResponseHeaders().set("Link", String.join(",", links));
    }
    Http.send(ex, 200, out);
  }

  private String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toString();
  }

  private int idOf(String repo) {
    return ids.computeIfAbsent(repo, k -> (int) nextId++);
  }

  private ObjectNode userJson(String login) {
    ObjectNode u = Http.JSON.createObjectNode();
    u.put("id", Math.abs(login.hashCode() % 100000) + 1).put("login", login).put("login_name", "").put("full_name", "")
        .put("email", login + "@noreply.sandbox.invalid").put("avatar_url", publicBase.resolve("avatars/" + login).toString())
        .put("html_url", publicBase.resolve(login).toString()).put("language", "").put("is_admin", false)
        .put("restricted", false).put("active", true).put("prohibit_login", false).put("location", "").put("website", "")
        .put("description", "").put("visibility", "public").put("followers_count", 0).put("following_count", 0)
        .put("starred_repos_count", 0).put("username", login).put("created", "2024-01-01T00:00:00Z")
        .put("last_login", "2024-01-01T00:00:00Z");
    return u;
  }

  private ObjectNode repository(String repo, boolean withParent) {
    int slash = repo.indexOf('/');
    String owner = repo.substring(0, slash);
    String name = repo.substring(slash + 1);
    String parent = parents.get(repo);
    boolean empty = git.branches(repo).isEmpty();
    ObjectNode r = Http.JSON.createObjectNode();
    r.put("id", idOf(repo));
    r.set("owner", userJson(owner));
    r.put("name", name).put("full_name", repo).put("description", "").put("empty", empty).put("private", false)
        .put("fork", parent != null).put("template", false).put("mirror", false).put("size", 0).put("language", "")
        .put("languages_url", publicBase.resolve("api/v1/repos/" + repo + "/languages").toString())
        .put("html_url", publicBase.resolve(repo).toString()).put("url", publicBase.resolve("api/v1/repos/" + repo).toString())
        .put("link", "").put("ssh_url", "ssh://git@" + gitBase.getHost() + "/" + repo + ".git")
        .put("clone_url", gitBase.resolve(repo + ".git").toString()).put("original_url", "").put("website", "")
        .put("stars_count", 0).put("forks_count", (int) parents.values().stream().filter(repo::equals).count())
        .put("watchers_count", 0).put("open_issues_count", 0)
        .put("open_pr_counter", (int) prs.getOrDefault(repo, List.of()).stream()
            .filter(p -> "open".equals(p.path("state").asText())).count())
        .put("release_counter", releases.getOrDefault(repo, List.of()).size())
        .put("default_branch", git.defaultBranch(repo)).put("archived", false)
        .put("created_at", "2024-01-01T00:00:00Z").put("updated_at", now()).put("archived_at", "1970-01-01T00:00:00Z")
        .put("has_issues", true).put("has_wiki", false).put("has_pull_requests", true).put("has_projects", false)
        .put("has_releases", true).put("has_packages", false).put("has_actions", false)
        .put("ignore_whitespace_conflicts", false).put("allow_merge_commits", true).put("allow_rebase", true)
        .put("allow_rebase_explicit", true).put("allow_squash_merge", true).put("allow_fast_forward_only_merge", true)
        .put("allow_rebase_update", true).put("default_delete_branch_after_merge", false)
        .put("default_merge_style", "merge").put("default_allow_maintainer_edit", false).put("avatar_url", "")
        .put("internal", false).put("mirror_interval", "").put("object_format_name", "sha1");
    r.putObject("permissions").put("admin", false).put("push", false).put("pull", true);
    if (parent != null && withParent && git.exists(parent)) {
      r.set("parent", repository(parent, false));
    }
    return r;
  }

  private static ObjectNode branch(String name, String sha) {
    ObjectNode b = Http.JSON.createObjectNode().put("name", name);
    ObjectNode c = b.putObject("commit");
    c.put("id", sha).put("message", "").put("url", "");
    b.put("protected", false).put("required_approvals", 0).put("enable_status_check", false)
        .put("user_can_push", true).put("user_can_merge", true).put("effective_branch_protection_name", "");
    b.putArray("status_check_contexts");
    return b;
  }

  private ObjectNode tag(String repo, String name, String sha) {
    ObjectNode t = Http.JSON.createObjectNode().put("name", name).put("message", "").put("id", sha);
    t.putObject("commit").put("sha", sha).put("url", publicBase.resolve("api/v1/repos/" + repo + "/git/commits/" + sha).toString())
        .put("created", "2024-01-01T00:00:00Z");
    t.put("zipball_url", publicBase.resolve(repo + "/archive/" + name + ".zip").toString())
        .put("tarball_url", publicBase.resolve(repo + "/archive/" + name + ".tar.gz").toString());
    return t;
  }

  private void contents(HttpExchange ex, String repo, String file) throws IOException {
    String ref = Http.query(ex).getOrDefault("ref", git.defaultBranch(repo));
    var content = git.file(repo, ref, file);
    if (content.isEmpty()) {
      Http.send(ex, 404, error("object does not exist [id: , rel_path: " + file + "]"));
      return;
    }
    byte[] bytes = content.get();
    String name = file.contains("/") ? file.substring(file.lastIndexOf('/') + 1) : file;
    ObjectNode c = Http.JSON.createObjectNode().put("name", name).put("path", file)
        .put("sha", org.eclipse.jgit.lib.ObjectId.zeroId().name()).put("last_commit_sha", git.branches(repo).getOrDefault(ref, ref))
        .put("type", "file").put("size", bytes.length).put("encoding", "base64")
        .put("content", Base64.getEncoder().encodeToString(bytes))
        .put("url", publicBase.resolve("api/v1/repos/" + repo + "/contents/" + file + "?ref=" + ref).toString())
        .put("html_url", publicBase.resolve(repo + "/src/branch/" + ref + "/" + file).toString())
        .put("download_url", publicBase.resolve(repo + "/raw/branch/" + ref + "/" + file).toString());
    Http.send(ex, 200, c);
  }

  private void fork(HttpExchange ex, String repo) throws IOException {
    if (denied(ex)) {
      return;
    }
    JsonNode body = Http.json(ex);
    String me = user(ex);
    String name = body.path("name").asText("");
    String target = me + "/" + (name.isEmpty() ? repo.substring(repo.indexOf('/') + 1) : name);
    for (Map.Entry<String, String> e : parents.entrySet()) {
      if (e.getValue().equals(repo) && e.getKey().startsWith(me + "/")) {
        Http.send(ex, 409, error("repository is already forked by user [uname: " + me + ", repo path: " + repo + "]"));
        return;
      }
    }
    if (git.exists(target)) {
      Http.send(ex, 409, error("repository already exists [uname: " + me + ", name: " + target.substring(me.length() + 1) + "]"));
      return;
    }
    git.fork(repo, target);
    parents.put(target, repo);
    Http.send(ex, 202, repository(target, true));
  }

  private void releases(HttpExchange ex, String method, String repo, String rest) throws IOException {
    List<ObjectNode> list = releases.computeIfAbsent(repo, k -> new ArrayList<>());
    if (rest.equals("releases") && method.equals("GET")) {
      Map<String, String> q = Http.query(ex);
      List<ObjectNode> out = new ArrayList<>();
      for (int i = list.size() - 1; i >= 0; i--) { // newest first
        ObjectNode r = list.get(i);
        if ("false".equals(q.get("pre-release")) && r.path("prerelease").asBoolean()) {
          continue;
        }
        out.add(r);
      }
      page(ex, out);
    } else if (rest.equals("releases") && method.equals("POST")) {
      if (denied(ex)) {
        return;
      }
      JsonNode b = Http.json(ex);
      String tag = b.path("tag_name").asText("");
      if (tag.isEmpty()) {
        Http.send(ex, 422, error("[TagName]: Required"));
        return;
      }
      if (list.stream().anyMatch(r -> r.path("tag_name").asText().equals(tag))) {
        Http.send(ex, 409, error("Release is has no Tag"));
        return;
      }
      String sha = git.tags(repo).get(tag);
      if (sha == null) {
        // as Forgejo does: a new tag at target_commitish (default: the default branch)
        sha = git.createTag(repo, tag, b.path("target_commitish").asText(git.defaultBranch(repo)));
        if (sha == null) {
          Http.send(ex, 404, error("target_commitish " + b.path("target_commitish").asText() + " does not exist"));
          return;
        }
      }
      ObjectNode r = Http.JSON.createObjectNode();
      r.put("id", nextId++).put("tag_name", tag).put("target_commitish", b.path("target_commitish").asText(sha))
          .put("name", b.path("name").asText(tag)).put("body", b.path("body").asText(""))
          .put("url", publicBase.resolve("api/v1/repos/" + repo + "/releases/" + (nextId - 1)).toString())
          .put("html_url", publicBase.resolve(repo + "/releases/tag/" + tag).toString())
          .put("tarball_url", publicBase.resolve(repo + "/archive/" + tag + ".tar.gz").toString())
          .put("zipball_url", publicBase.resolve(repo + "/archive/" + tag + ".zip").toString())
          .put("upload_url", "").put("draft", b.path("draft").asBoolean(false))
          .put("prerelease", b.path("prerelease").asBoolean(false)).put("hide_archive_links", false)
          .put("created_at", now()).put("published_at", now());
      r.set("author", userJson(user(ex)));
      r.putArray("assets");
      list.add(r);
      Http.send(ex, 201, r);
    } else if (rest.startsWith("releases/tags/") && method.equals("GET")) {
      String tag = dec(rest.substring(14));
      var found = list.stream().filter(r -> r.path("tag_name").asText().equals(tag)).findFirst();
      if (found.isPresent()) {
        Http.send(ex, 200, found.get());
      } else {
        Http.send(ex, 404, error("The target couldn't be found."));
      }
    } else {
      Http.send(ex, 404, error("not found"));
    }
  }

  private List<ObjectNode> prList(String repo) {
    return prs.computeIfAbsent(repo, k -> new ArrayList<>());
  }

  private static ObjectNode visible(ObjectNode pr) {
    ObjectNode copy = pr.deepCopy();
    copy.remove("_head_repo");
    return copy;
  }

  private ObjectNode side(String repo, String branch, String sha) {
    ObjectNode s = Http.JSON.createObjectNode().put("label", branch).put("ref", branch).put("sha", sha)
        .put("repo_id", idOf(repo));
    s.set("repo", repository(repo, false));
    return s;
  }

  private void pulls(HttpExchange ex, String method, String repo, String rest) throws IOException {
    List<ObjectNode> list = prList(repo);
    if (rest.equals("pulls") && method.equals("GET")) {
      Map<String, String> q = Http.query(ex);
      String state = q.getOrDefault("state", "open");
      String poster = q.get("poster");
      List<ObjectNode> out = new ArrayList<>();
      for (int i = list.size() - 1; i >= 0; i--) { // newest first, as Forgejo sorts by default
        ObjectNode p = list.get(i);
        refresh(p);
        boolean stateOk = state.equals("all") || p.path("state").asText().equals(state);
        boolean posterOk = poster == null || poster.equalsIgnoreCase(p.path("user").path("login").asText());
        if (stateOk && posterOk) {
          out.add(visible(p));
        }
      }
      page(ex, out);
      return;
    }
    if (rest.equals("pulls") && method.equals("POST")) {
      createPull(ex, repo, list);
      return;
    }
    String[] parts = rest.substring(6).split("/", 2);
    long number;
    try {
      number = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      Http.send(ex, 404, error("not found"));
      return;
    }
    ObjectNode pr = list.stream().filter(p -> p.path("number").asLong() == number).findFirst().orElse(null);
    if (pr == null) {
      Http.send(ex, 404, error("The target couldn't be found."));
      return;
    }
    refresh(pr);
    String action = parts.length > 1 ? parts[1] : "";
    if (action.isEmpty() && method.equals("GET")) {
      Http.send(ex, 200, visible(pr));
    } else if (action.isEmpty() && method.equals("PATCH")) {
      if (denied(ex)) {
        return;
      }
      JsonNode b = Http.json(ex);
      if (b.has("title")) {
        pr.put("title", b.get("title").asText());
      }
      if (b.has("body")) {
        pr.put("body", b.get("body").asText());
      }
      if (b.has("allow_maintainer_edit")) {
        pr.put("allow_maintainer_edit", b.get("allow_maintainer_edit").asBoolean());
      }
      if (b.has("state") && !pr.path("merged").asBoolean()) {
        String s = b.get("state").asText();
        pr.put("state", s);
        if (s.equals("closed")) {
          pr.put("closed_at", now());
        } else {
          pr.putNull("closed_at");
        }
      }
      pr.put("updated_at", now());
      Http.send(ex, 201, visible(pr));
    } else if (action.equals("merge") && method.equals("POST")) {
      if (denied(ex)) {
        return;
      }
      if (!"open".equals(pr.path("state").asText())) {
        Http.send(ex, 405, error("The PR is already closed"));
        return;
      }
      String me = user(ex);
      PersonIdent who = new PersonIdent(me, me + "@noreply.sandbox.invalid", Instant.now(clock), ZoneOffset.UTC);
      String base = pr.path("base").path("ref").asText();
      String old = git.branches(repo).get(base);
      // Forgejo's default merge message and style: always a merge commit
      String message = "Merge pull request '" + pr.path("title").asText() + "' (#" + number + ") from "
          + pr.path("_head_repo").asText().split("/")[0] + ":" + pr.path("head").path("ref").asText() + " into " + base;
      String head = git.merge(repo, base, pr.path("_head_repo").asText(), pr.path("head").path("ref").asText(), message, who, true);
      publishPush(repo, base, old, head, message, me);
      pr.put("state", "closed").put("merged", true).put("merged_at", now()).put("closed_at", now())
          .put("merge_commit_sha", head).put("mergeable", false);
      pr.set("merged_by", userJson(me));
      Http.send(ex, 200, new byte[0], "text/plain; charset=utf-8"); // Forgejo's "empty" response
    } else {
      Http.send(ex, 404, error("not found"));
    }
  }

  /** A merge is a push: published as Fedora's webhook relay publishes Forgejo's push webhook. */
  private void publishPush(String repo, String branch, String before, String after, String message, String pusher) {
    if (bus == null) {
      return;
    }
    Map<String, String> changed = git.changedFiles(repo, before, after);
    Map<String, Object> commit = new LinkedHashMap<>();
    commit.put("id", after);
    commit.put("message", message + "\n");
    commit.put("url", publicBase.resolve(repo + "/commit/" + after).toString());
    commit.put("author", Map.of("name", pusher, "email", pusher + "@noreply.sandbox.invalid", "username", pusher));
    commit.put("committer", Map.of("name", pusher, "email", pusher + "@noreply.sandbox.invalid", "username", pusher));
    commit.put("timestamp", now());
    List<String> added = new ArrayList<>();
    List<String> modified = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    changed.forEach((f, c) -> (c.equals("A") ? added : c.equals("D") ? removed : modified).add(f));
    commit.put("added", added);
    commit.put("removed", removed);
    commit.put("modified", modified);
    Map<String, Object> user = Map.of("id", 1, "login", pusher, "username", pusher);
    Map<String, Object> repository = new LinkedHashMap<>();
    repository.put("id", idOf(repo));
    repository.put("name", repo.substring(repo.indexOf('/') + 1));
    repository.put("full_name", repo);
    repository.put("owner", Map.of("id", 2, "login", repo.substring(0, repo.indexOf('/'))));
    repository.put("html_url", publicBase.resolve(repo).toString());
    repository.put("clone_url", gitBase.resolve(repo + ".git").toString());
    repository.put("default_branch", git.defaultBranch(repo));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("ref", "refs/heads/" + branch);
    payload.put("before", before == null ? "0000000000000000000000000000000000000000" : before);
    payload.put("after", after);
    payload.put("compare_url", publicBase.resolve(repo + "/compare/" + before + "..." + after).toString());
    payload.put("commits", List.of(commit));
    payload.put("total_commits", 1);
    payload.put("head_commit", commit);
    payload.put("repository", repository);
    payload.put("pusher", user);
    payload.put("sender", user);
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("x-forgejo-event", "push");
    headers.put("x-forgejo-event-type", "push");
    headers.put("x-gitea-event", "push");
    headers.put("x-forgejo-delivery", java.util.UUID.randomUUID().toString());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("body", payload);
    body.put("headers", headers);
    body.put("agent", null); // "FAS does not support Forgejo Auth yet"
    bus.publish(dev.packit.fedora.messaging.MessageEnvelope.of("org.fedoraproject.prod.forgejo.push", "forgejo.push", body));
  }

  /** Keeps the head sha current: a push to the fork's branch moves an open pull request's head. */
  private void refresh(ObjectNode pr) {
    if ("open".equals(pr.path("state").asText())) {
      String sha = git.branches(pr.path("_head_repo").asText()).get(pr.path("head").path("ref").asText());
      if (sha != null) {
        ((ObjectNode) pr.get("head")).put("sha", sha);
      }
    }
  }

  private void createPull(HttpExchange ex, String repo, List<ObjectNode> list) throws IOException {
    if (denied(ex)) {
      return;
    }
    JsonNode b = Http.json(ex);
    String head = b.path("head").asText("");
    String base = b.path("base").asText("");
    String title = b.path("title").asText("");
    if (head.isEmpty() || base.isEmpty() || title.isEmpty()) {
      Http.send(ex, 422, error("[Head Base Title]: Required"));
      return;
    }
    if (b.has("allow_maintainer_edit")) {
      // CreatePullRequestOption has no such field on Forgejo: a client relying on it would be wrong
      Http.send(ex, 422, error("allow_maintainer_edit is not a field of CreatePullRequestOption; PATCH it"));
      return;
    }
    String headRepo = repo;
    String headBranch = head;
    int colon = head.indexOf(':');
    if (colon >= 0) {
      String owner = head.substring(0, colon);
      headBranch = head.substring(colon + 1);
      String name = repo.substring(repo.indexOf('/') + 1);
      headRepo = owner + "/" + name;
      if (!repo.equals(parents.get(headRepo))) {
        // a renamed fork: the owner's fork of this repository, whatever its name
        headRepo = parents.entrySet().stream().filter(e -> e.getValue().equals(repo) && e.getKey().startsWith(owner + "/"))
            .map(Map.Entry::getKey).findFirst().orElse(owner.equals(repo.substring(0, repo.indexOf('/'))) ? repo : null);
      }
      if (headRepo == null) {
        Http.send(ex, 404, error("user " + owner + " has no fork of " + repo));
        return;
      }
    }
    String headSha = git.branches(headRepo).get(headBranch);
    String baseSha = git.branches(repo).get(base);
    if (headSha == null || baseSha == null) {
      Http.send(ex, 404, error("branch does not exist [name: " + (headSha == null ? headBranch : base) + "]"));
      return;
    }
    if (headRepo.equals(repo) && headBranch.equals(base)) {
      Http.send(ex, 422, error("Invalid PullRequest: There are no changes between the head and the base"));
      return;
    }
    for (ObjectNode p : list) {
      if ("open".equals(p.path("state").asText()) && p.path("_head_repo").asText().equals(headRepo)
          && p.path("head").path("ref").asText().equals(headBranch) && p.path("base").path("ref").asText().equals(base)) {
        Http.send(ex, 409, error("pull request already exists for these targets [id: " + p.path("id").asLong()
            + ", issue_id: " + p.path("id").asLong() + ", head_repo_id: " + idOf(headRepo) + ", base_repo_id: " + idOf(repo)
            + ", head_branch: " + headBranch + ", base_branch: " + base + "]"));
        return;
      }
    }
    long number = list.size() + 1; // the fake has no issues: pull requests are the only numbers
    ObjectNode pr = Http.JSON.createObjectNode();
    long id = nextId++;
    pr.put("id", id).put("url", publicBase.resolve(repo + "/pulls/" + number).toString()).put("number", number);
    pr.set("user", userJson(user(ex)));
    pr.put("title", title).put("body", b.path("body").asText(""));
    pr.putArray("labels");
    pr.putNull("milestone");
    pr.putNull("assignee");
    pr.putNull("assignees");
    pr.putNull("requested_reviewers");
    pr.putNull("requested_reviewers_teams");
    pr.put("state", "open").put("draft", false).put("is_locked", false).put("comments", 0).put("review_comments", 0)
        .put("additions", 0).put("deletions", 0).put("changed_files", 0)
        .put("html_url", publicBase.resolve(repo + "/pulls/" + number).toString())
        .put("diff_url", publicBase.resolve(repo + "/pulls/" + number + ".diff").toString())
        .put("patch_url", publicBase.resolve(repo + "/pulls/" + number + ".patch").toString())
        .put("mergeable", true).put("merged", false).putNull("merged_at");
    pr.putNull("merge_commit_sha");
    pr.putNull("merged_by");
    pr.put("allow_maintainer_edit", false);
    pr.set("base", side(repo, base, baseSha));
    pr.set("head", side(headRepo, headBranch, headSha));
    pr.put("merge_base", baseSha).putNull("due_date");
    pr.put("created_at", now()).put("updated_at", now()).putNull("closed_at");
    pr.put("pin_order", 0);
    pr.put("_head_repo", headRepo);
    list.add(pr);
    Http.send(ex, 201, visible(pr));
  }

  private void issueComments(HttpExchange ex, String method, String repo, String num) throws IOException {
    long number;
    try {
      number = Long.parseLong(num);
    } catch (NumberFormatException e) {
      Http.send(ex, 404, error("not found"));
      return;
    }
    List<ObjectNode> pullList = prList(repo);
    ObjectNode pr = pullList.stream().filter(p -> p.path("number").asLong() == number).findFirst().orElse(null);
    if (pr == null) {
      Http.send(ex, 404, error("issue does not exist [id: 0, repo_id: " + idOf(repo) + ", index: " + number + "]"));
      return;
    }
    List<ObjectNode> list = comments.computeIfAbsent(repo, k -> new LinkedHashMap<>())
        .computeIfAbsent(number, k -> new ArrayList<>());
    if (method.equals("GET")) {
      ArrayNode out = Http.JSON.createArrayNode();
      list.forEach(out::add);
      Http.send(ex, 200, out);
      return;
    }
    if (!method.equals("POST")) {
      Http.send(ex, 405, error("method not allowed"));
      return;
    }
    if (denied(ex)) {
      return;
    }
    String text = Http.json(ex).path("body").asText("");
    if (text.isEmpty()) {
      Http.send(ex, 422, error("[Body]: Required"));
      return;
    }
    long id = nextId++;
    ObjectNode c = Http.JSON.createObjectNode();
    c.put("id", id).put("html_url", pr.path("html_url").asText() + "#issuecomment-" + id)
        .put("pull_request_url", pr.path("html_url").asText()).put("issue_url", "");
    c.set("user", userJson(user(ex)));
    c.put("original_author", "").put("original_author_id", 0).put("body", text);
    c.putArray("assets");
    c.put("created_at", now()).put("updated_at", now());
    list.add(c);
    pr.put("comments", list.size());
    Http.send(ex, 201, c);
  }

  private void statuses(HttpExchange ex, String method, String repo, String sha) throws IOException {
    List<ObjectNode> list = statuses.computeIfAbsent(repo + "@" + sha, k -> new ArrayList<>());
    if (method.equals("GET")) {
      List<ObjectNode> out = new ArrayList<>(list);
      java.util.Collections.reverse(out);
      page(ex, out);
      return;
    }
    if (denied(ex)) {
      return;
    }
    JsonNode b = Http.json(ex);
    String state = b.path("state").asText("");
    if (!List.of("pending", "success", "error", "failure", "warning").contains(state)) {
      Http.send(ex, 422, error("[State]: invalid commit status state " + state));
      return;
    }
    ObjectNode s = Http.JSON.createObjectNode();
    long id = nextId++;
    s.put("id", id).put("status", state).put("target_url", b.path("target_url").asText(""))
        .put("description", b.path("description").asText("")).put("url", "")
        .put("context", b.path("context").asText("default")).put("created_at", now()).put("updated_at", now());
    s.set("creator", userJson(user(ex)));
    list.add(s);
    Http.send(ex, 201, s);
  }
}
