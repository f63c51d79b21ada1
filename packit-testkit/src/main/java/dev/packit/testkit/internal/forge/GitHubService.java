package dev.packit.testkit.internal.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake GitHub REST v3 over the sandbox's bare repositories ({@code <root>/git/<owner>/<name>.git};
 * forks are real clones under {@code <root>/git/forks/<user>/<name>.git}). Repositories, branches,
 * tags, contents, releases, forks (202, ready at once or after a configured number of polls),
 * pull requests, issue comments, commit statuses, user and rate limit, with {@code Link}
 * pagination. Thread-safe: one lock for the state.
 */
public final class GitHubService implements HttpHandler {
  private final String prefix;
  private final URI api;
  private final URI gitBase;
  private final GitStore git;
  private final Clock clock;
  private final Map<String, String> usersByToken = new ConcurrentHashMap<>();
  private final Map<String, String> forkParents = new LinkedHashMap<>();
  private final Map<String, Integer> pendingForkPolls = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> releases = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> pulls = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> statuses = new LinkedHashMap<>();
  private final Map<String, Integer> ids = new LinkedHashMap<>();
  // repo -> user -> role_name; a repository's owner is its admin
  private final Map<String, Map<String, String>> collaborators = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> issueComments = new LinkedHashMap<>();
  private volatile int forkPolls;
  private long nextId = 1000;

  /**
   * @param prefix the mount prefix, e.g. {@code /github}
   * @param api what clients use as the API root, ending in {@code /}
   * @param gitBase where the sandbox serves git over HTTP ({@code .../git/})
   * @param gitRoot the folder of the bare repositories
   * @param clock dates
   */
  public GitHubService(String prefix, URI api, URI gitBase, Path gitRoot, Clock clock) {
    this.prefix = prefix;
    this.api = api;
    this.gitBase = gitBase;
    this.git = new GitStore(gitRoot);
    this.clock = clock;
  }

  /** Registers a token for a user. */
  public void addToken(String token, String user) {
    usersByToken.put(token, user);
  }

  /** New forks list no branch for this many branch listings, as GitHub's asynchronous forks do. */
  public void forkPolls(int polls) {
    this.forkPolls = Math.max(0, polls);
  }

  /** Adds a release (as a maintainer publishing one would). */
  public synchronized JsonNode addRelease(String repo, String tag, String name, String body, boolean prerelease) {
    ObjectNode r = Http.JSON.createObjectNode();
    String now = clock.instant().toString();
    r.put("id", nextId++).put("tag_name", tag).put("name", name).put("body", body).put("draft", false)
        .put("prerelease", prerelease).put("created_at", now).put("published_at", now)
        .put("html_url", web(repo) + "/releases/tag/" + segment(tag))
        .put("tarball_url", api.resolve("repos/" + repo + "/tarball/" + segment(tag)).toString())
        .put("target_commitish", "main");
    releases.computeIfAbsent(repo, k -> new ArrayList<>()).add(0, r);
    return r.deepCopy();
  }

  /** Gives a user a role ({@code read}, {@code triage}, {@code write}, {@code maintain}, {@code admin}) in a repository. */
  public synchronized void collaborator(String repo, String user, String role) {
    if (!List.of("read", "triage", "write", "maintain", "admin").contains(role)) {
      throw new IllegalArgumentException("unknown GitHub role " + role);
    }
    collaborators.computeIfAbsent(repo, k -> new LinkedHashMap<>()).put(user, role);
  }

  /** Returns the comments of an issue or pull request as GitHub's JSON, oldest first. */
  public synchronized List<JsonNode> comments(String repo, long number) {
    List<JsonNode> out = new ArrayList<>();
    issueComments.getOrDefault(repo + "#" + number, List.of()).forEach(c -> out.add(c.deepCopy()));
    return out;
  }

  /** A tag as one URL path segment: an attacker's tag may hold %, {, $, spaces (as on GitHub). */
  private static String segment(String tag) {
    return java.net.URLEncoder.encode(tag, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Returns the pull requests of a repository as GitHub's JSON, oldest first. */
  public synchronized List<JsonNode> pullRequests(String repo) {
    List<JsonNode> out = new ArrayList<>();
    pulls.getOrDefault(repo, List.of()).forEach(p -> out.add(p.deepCopy()));
    return out;
  }

  /** Returns the statuses set on a commit as GitHub's JSON, newest first. */
  public synchronized List<JsonNode> statuses(String repo, String sha) {
    List<JsonNode> out = new ArrayList<>();
    statuses.getOrDefault(repo + "@" + sha, List.of()).forEach(p -> out.add(p.deepCopy()));
    return out;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath().substring(prefix.length());
      while (path.startsWith("/")) {
        path = path.substring(1);
      }
      path = java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8);
      try {
        route(ex, ex.getRequestMethod(), path);
      } catch (IllegalArgumentException | IllegalStateException e) {
        Http.send(ex, 422, message("Validation Failed: " + e.getMessage()));
      }
    }
  }

  private static ObjectNode message(String m) {
    return Http.JSON.createObjectNode().put("message", m).put("documentation_url", "https://docs.github.com/rest");
  }

  private String user(HttpExchange ex) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      return null;
    }
    String t = auth.replaceFirst("(?i)^(bearer|token)\\s+", "").trim();
    return usersByToken.get(t);
  }

  private boolean denied(HttpExchange ex) throws IOException {
    if (user(ex) == null) {
      Http.send(ex, 401, message(ex.getRequestHeaders().containsKey("Authorization") ? "Bad credentials" : "Requires authentication"));
      return true;
    }
    return false;
  }

  private String disk(String repo) {
    if (git.exists(repo)) {
      return repo;
    }
    return git.exists("forks/" + repo) ? "forks/" + repo : null;
  }

  private String web(String repo) {
    return api.resolve("../web/" + repo).normalize().toString();
  }

  private synchronized void route(HttpExchange ex, String method, String path) throws IOException {
    if (path.equals("user") && method.equals("GET")) {
      if (!denied(ex)) {
        String u = user(ex);
        Http.send(ex, 200, Http.JSON.createObjectNode().put("login", u).put("id", idOf("user:" + u)).put("name", u)
            .put("email", u + "@sandbox.invalid").put("type", "User"));
      }
      return;
    }
    if (path.equals("rate_limit")) {
      ObjectNode r = Http.JSON.createObjectNode();
      ObjectNode core = r.putObject("resources").putObject("core");
      core.put("limit", 5000).put("remaining", 4999).put("reset", clock.instant().getEpochSecond() + 3600).put("used", 1);
      r.set("rate", core.deepCopy());
      Http.send(ex, 200, r);
      return;
    }
    if (!path.startsWith("repos/")) {
      Http.send(ex, 404, message("Not Found"));
      return;
    }
    String[] seg = path.substring(6).split("/", 3);
    if (seg.length < 2) {
      Http.send(ex, 404, message("Not Found"));
      return;
    }
    String repo = seg[0] + "/" + seg[1];
    String rest = seg.length > 2 ? seg[2] : "";
    String disk = disk(repo);
    if (disk == null) {
      Http.send(ex, 404, message("Not Found"));
      return;
    }
    if (rest.isEmpty() && method.equals("GET")) {
      Http.send(ex, 200, repoJson(repo, disk, true));
    } else if (rest.equals("branches") && method.equals("GET")) {
      List<JsonNode> out = new ArrayList<>();
      Integer pending = pendingForkPolls.get(repo);
      if (pending != null && pending > 0) {
        pendingForkPolls.put(repo, pending - 1);
      } else {
        git.branches(disk).forEach((n, sha) -> out.add(branch(repo, n, sha)));
      }
      page(ex, out);
    } else if (rest.startsWith("branches/") && method.equals("GET")) {
      String name = rest.substring(9);
      String sha = git.branches(disk).get(name);
      Http.send(ex, sha == null ? 404 : 200, sha == null ? message("Branch not found") : branch(repo, name, sha));
    } else if (rest.equals("tags") && method.equals("GET")) {
      List<JsonNode> out = new ArrayList<>();
      git.tags(disk).forEach((n, sha) -> {
        ObjectNode t = Http.JSON.createObjectNode().put("name", n);
        t.putObject("commit").put("sha", sha);
        out.add(t);
      });
      page(ex, out);
    } else if (rest.startsWith("contents/") && method.equals("GET")) {
      contents(ex, disk, rest.substring(9));
    } else if (rest.startsWith("releases")) {
      releases(ex, method, repo, rest);
    } else if (rest.equals("forks")) {
      forks(ex, method, repo, disk);
    } else if (rest.startsWith("pulls")) {
      pulls(ex, method, repo, disk, rest);
    } else if (rest.matches("issues/\\d+/comments") && method.equals("POST")) {
      if (denied(ex)) {
        return;
      }
      JsonNode b = Http.json(ex);
      ObjectNode c = Http.JSON.createObjectNode().put("id", nextId++).put("body", b.path("body").asText())
          .put("created_at", clock.instant().toString());
      c.putObject("user").put("login", user(ex));
      int n = Integer.parseInt(rest.split("/")[1]);
      c.put("html_url", web(repo) + "/issues/" + n + "#issuecomment-" + c.get("id").asLong());
      issueComments.computeIfAbsent(repo + "#" + n, k -> new ArrayList<>()).add(c);
      pulls.getOrDefault(repo, List.of()).stream().filter(p -> p.get("number").asInt() == n).findFirst()
          .ifPresent(p -> p.put("comments", p.path("comments").asInt() + 1));
      Http.send(ex, 201, c);
    } else if (rest.matches("issues/\\d+/comments") && method.equals("GET")) {
      page(ex, new ArrayList<JsonNode>(issueComments.getOrDefault(repo + "#" + rest.split("/")[1], List.of())));
    } else if (rest.matches("collaborators/[^/]+/permission") && method.equals("GET")) {
      if (denied(ex)) {
        return;
      }
      String login = rest.split("/")[1];
      // GitHub: the owner administers; anyone else reads a public repository
      String role = login.equals(seg[0]) ? "admin"
          : collaborators.getOrDefault(repo, Map.of()).getOrDefault(login, "read");
      String legacy = role.equals("maintain") ? "write" : role.equals("triage") ? "read" : role;
      ObjectNode p = Http.JSON.createObjectNode().put("permission", legacy).put("role_name", role);
      p.putObject("user").put("login", login).put("type", "User");
      Http.send(ex, 200, p);
    } else if (rest.startsWith("statuses/")) {
      status(ex, method, repo, rest.substring(9));
    } else {
      Http.send(ex, 404, message("Not Found"));
    }
  }

  private long idOf(String key) {
    return ids.computeIfAbsent(key, k -> (int) (nextId++));
  }

  private ObjectNode branch(String repo, String name, String sha) {
    ObjectNode b = Http.JSON.createObjectNode().put("name", name).put("protected", false);
    b.putObject("commit").put("sha", sha).put("url", api.resolve("repos/" + repo + "/commits/" + sha).toString());
    return b;
  }

  private ObjectNode repoJson(String repo, String disk, boolean withParent) {
    ObjectNode r = Http.JSON.createObjectNode();
    String owner = repo.substring(0, repo.indexOf('/'));
    r.put("id", idOf("repo:" + repo)).put("name", repo.substring(repo.indexOf('/') + 1)).put("full_name", repo);
    r.putObject("owner").put("login", owner).put("type", "User");
    r.put("private", false).put("html_url", web(repo)).put("fork", forkParents.containsKey(repo));
    r.put("url", api.resolve("repos/" + repo).toString());
    r.put("clone_url", gitBase.resolve(disk + ".git").toString());
    r.put("ssh_url", "git@" + gitBase.getHost() + ":" + disk + ".git");
    r.put("default_branch", git.defaultBranch(disk));
    String parent = forkParents.get(repo);
    if (parent != null && withParent) {
      r.set("parent", repoJson(parent, disk(parent), false));
      r.set("source", repoJson(parent, disk(parent), false));
    }
    return r;
  }

  /** Answers one page of a list, linking the next and last pages like GitHub. */
  private void page(HttpExchange ex, List<JsonNode> items) throws IOException {
    Map<String, String> q = Http.query(ex);
    int perPage = Math.max(1, Math.min(100, Integer.parseInt(q.getOrDefault("per_page", "30"))));
    int page = Math.max(1, Integer.parseInt(q.getOrDefault("page", "1")));
    int pages = Math.max(1, (items.size() + perPage - 1) / perPage);
    ArrayNode arr = Http.JSON.createArrayNode();
    items.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(arr::add);
    String base = api.resolve(ex.getRequestURI().getRawPath().substring(prefix.length() + 1)).toString();
    Map<String, String> other = new LinkedHashMap<>(q);
    other.remove("page");
    StringBuilder qs = new StringBuilder();
    other.forEach((k, v) -> qs.append(k).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)).append('&'));
    List<String> links = new ArrayList<>();
    if (page < pages) {
      links.add("<" + base + "?" + qs + "page=" + (page + 1) + ">; rel=\"next\"");
      links.add("<" + base + "?" + qs + "page=" + pages + ">; rel=\"last\"");
    }
    if (page > 1) {
      links.add("<" + base + "?" + qs + "page=" + (page - 1) + ">; rel=\"prev\"");
      links.add("<" + base + "?" + qs + "page=1>; rel=\"first\"");
    }
    if (!links.isEmpty()) {
      ex.getResponseHeaders().set("Link", String.join(", ", links));
    }
    Http.send(ex, 200, arr);
  }

  private void contents(HttpExchange ex, String disk, String file) throws IOException {
    String ref = Http.query(ex).getOrDefault("ref", git.defaultBranch(disk));
    Optional<byte[]> content = git.file(disk, ref, file);
    if (content.isEmpty()) {
      Http.send(ex, 404, message("Not Found"));
      return;
    }
    ObjectNode f = Http.JSON.createObjectNode().put("type", "file").put("encoding", "base64").put("size", content.get().length)
        .put("name", file.substring(file.lastIndexOf('/') + 1)).put("path", file)
        .put("content", Base64.getMimeEncoder().encodeToString(content.get()));
    Http.send(ex, 200, f);
  }

  private void releases(HttpExchange ex, String method, String repo, String rest) throws IOException {
    List<ObjectNode> list = releases.computeIfAbsent(repo, k -> new ArrayList<>());
    if (rest.equals("releases") && method.equals("GET")) {
      page(ex, new ArrayList<>(list));
    } else if (rest.equals("releases") && method.equals("POST")) {
      if (denied(ex)) {
        return;
      }
      JsonNode b = Http.json(ex);
      String tag = b.path("tag_name").asText("");
      if (tag.isEmpty() || list.stream().anyMatch(r -> r.get("tag_name").asText().equals(tag))) {
        Http.send(ex, 422, message("Validation Failed: tag_name already_exists or missing"));
        return;
      }
      Http.send(ex, 201, addRelease(repo, tag, b.path("name").asText(tag), b.path("body").asText(""), b.path("prerelease").asBoolean()));
    } else if (rest.equals("releases/latest") && method.equals("GET")) {
      Optional<ObjectNode> latest = list.stream().filter(r -> !r.get("prerelease").asBoolean() && !r.get("draft").asBoolean()).findFirst();
      Http.send(ex, latest.isPresent() ? 200 : 404, latest.isPresent() ? latest.get() : message("Not Found"));
    } else if (rest.startsWith("releases/tags/") && method.equals("GET")) {
      String tag = rest.substring(14);
      Optional<ObjectNode> r = list.stream().filter(x -> x.get("tag_name").asText().equals(tag)).findFirst();
      Http.send(ex, r.isPresent() ? 200 : 404, r.isPresent() ? r.get() : message("Not Found"));
    } else {
      Http.send(ex, 404, message("Not Found"));
    }
  }

  private void forks(HttpExchange ex, String method, String repo, String disk) throws IOException {
    if (method.equals("GET")) {
      List<JsonNode> out = new ArrayList<>();
      forkParents.forEach((fork, parent) -> {
        if (parent.equals(repo)) {
          ObjectNode f = repoJson(fork, disk(fork), false);
          out.add(f);
        }
      });
      page(ex, out);
      return;
    }
    if (denied(ex)) {
      return;
    }
    String me = user(ex);
    String name = repo.substring(repo.indexOf('/') + 1);
    String fork = me + "/" + name;
    if (!forkParents.containsKey(fork)) {
      git.fork(disk, "forks/" + fork);
      forkParents.put(fork, repo);
      if (forkPolls > 0) {
        pendingForkPolls.put(fork, forkPolls);
      }
    }
    Http.send(ex, 202, repoJson(fork, disk(fork), true));
  }

  private void pulls(HttpExchange ex, String method, String repo, String disk, String rest) throws IOException {
    List<ObjectNode> list = pulls.computeIfAbsent(repo, k -> new ArrayList<>());
    if (rest.equals("pulls") && method.equals("GET")) {
      Map<String, String> q = Http.query(ex);
      String state = q.getOrDefault("state", "open");
      List<JsonNode> out = new ArrayList<>();
      for (int i = list.size() - 1; i >= 0; i--) {
        ObjectNode p = list.get(i);
        boolean stateOk = state.equals("all") || p.get("state").asText().equals(state);
        boolean headOk = !q.containsKey("head") || q.get("head").equals(p.path("head").path("label").asText());
        boolean baseOk = !q.containsKey("base") || q.get("base").equals(p.path("base").path("ref").asText());
        if (stateOk && headOk && baseOk) {
          out.add(p);
        }
      }
      page(ex, out);
      return;
    }
    if (rest.equals("pulls") && method.equals("POST")) {
      if (denied(ex)) {
        return;
      }
      JsonNode b = Http.json(ex);
      String head = b.path("head").asText("");
      String base = b.path("base").asText("");
      String headOwner = head.contains(":") ? head.substring(0, head.indexOf(':')) : repo.substring(0, repo.indexOf('/'));
      String headRef = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
      String headRepo = head.contains(":") ? headOwner + "/" + repo.substring(repo.indexOf('/') + 1) : repo;
      String headDisk = disk(headRepo);
      String sha = headDisk == null ? null : git.branches(headDisk).get(headRef);
      if (sha == null || !git.branches(disk).containsKey(base)) {
        Http.send(ex, 422, message("Validation Failed: head or base branch not found"));
        return;
      }
      String label = headOwner + ":" + headRef;
      if (list.stream().anyMatch(p -> p.get("state").asText().equals("open") && p.path("head").path("label").asText().equals(label)
          && p.path("base").path("ref").asText().equals(base))) {
        Http.send(ex, 422, message("Validation Failed: A pull request already exists for " + label + "."));
        return;
      }
      int number = list.size() + 1;
      String now = clock.instant().toString();
      ObjectNode p = Http.JSON.createObjectNode();
      p.put("id", nextId++).put("number", number).put("state", "open").put("title", b.path("title").asText())
          .put("body", b.path("body").asText("")).put("created_at", now).put("updated_at", now).putNull("merged_at")
          .put("merged", false).put("html_url", web(repo) + "/pull/" + number).put("comments", 0);
      p.putObject("user").put("login", user(ex));
      ObjectNode h = p.putObject("head").put("label", label).put("ref", headRef).put("sha", sha);
      h.set("repo", repoJson(headRepo, headDisk, false));
      ObjectNode bs = p.putObject("base").put("label", repo.substring(0, repo.indexOf('/')) + ":" + base).put("ref", base)
          .put("sha", git.branches(disk).get(base));
      bs.set("repo", repoJson(repo, disk, false));
      list.add(p);
      Http.send(ex, 201, p);
      return;
    }
    String[] parts = rest.split("/");
    if (parts.length == 2 && parts[1].matches("\\d+")) {
      int n = Integer.parseInt(parts[1]);
      Optional<ObjectNode> p = list.stream().filter(x -> x.get("number").asInt() == n).findFirst();
      if (p.isEmpty()) {
        Http.send(ex, 404, message("Not Found"));
        return;
      }
      if (method.equals("GET")) {
        Http.send(ex, 200, p.get());
        return;
      }
      if (method.equals("PATCH")) {
        if (denied(ex)) {
          return;
        }
        JsonNode b = Http.json(ex);
        for (String f : List.of("title", "body", "state")) {
          if (b.hasNonNull(f)) {
            p.get().put(f, b.get(f).asText());
          }
        }
        p.get().put("updated_at", clock.instant().toString());
        if ("closed".equals(p.get().get("state").asText())) {
          p.get().put("closed_at", clock.instant().toString());
        }
        Http.send(ex, 200, p.get());
        return;
      }
    }
    Http.send(ex, 404, message("Not Found"));
  }

  private void status(HttpExchange ex, String method, String repo, String sha) throws IOException {
    List<ObjectNode> list = statuses.computeIfAbsent(repo + "@" + sha, k -> new ArrayList<>());
    if (method.equals("GET")) {
      page(ex, new ArrayList<>(list));
      return;
    }
    if (denied(ex)) {
      return;
    }
    JsonNode b = Http.json(ex);
    String state = b.path("state").asText("");
    if (!List.of("error", "failure", "pending", "success").contains(state)) {
      Http.send(ex, 422, message("Validation Failed: state is not included in the list"));
      return;
    }
    if (b.path("description").asText("").length() > 140) {
      Http.send(ex, 422, message("Validation Failed: description is too long (maximum is 140 characters)"));
      return;
    }
    ObjectNode s = Http.JSON.createObjectNode().put("id", nextId++).put("state", state)
        .put("context", b.path("context").asText("default")).put("description", b.path("description").asText(""))
        .put("created_at", clock.instant().toString()).put("updated_at", clock.instant().toString());
    if (b.hasNonNull("target_url")) {
      s.put("target_url", b.get("target_url").asText());
    } else {
      s.putNull("target_url");
    }
    s.putObject("creator").put("login", user(ex));
    list.add(0, s);
    Http.send(ex, 201, s);
  }
}
