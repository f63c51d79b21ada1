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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import dev.packit.fedora.messaging.MessageEnvelope;
import dev.packit.fedora.messaging.MessagePublisher;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A fake Pagure (API 0, as src.fedoraproject.org) over the sandbox's bare repositories: projects,
 * branches, tags, git URLs, raw files, forks ({@code forks/<user>/<ns>/<name>.git}, a real clone),
 * pull requests from forks with {@code repo_from*}, comments, close, a real merge, commit and PR
 * flags, whoami. Answers the payload shapes of the recordings. Thread-safe: one lock for the state.
 */
public final class PagureService implements HttpHandler {
  private final String prefix;
  private final MessagePublisher bus;
  private final URI publicBase;
  private final URI gitBase;
  private final GitStore git;
  private final Clock clock;
  private final Map<String, String> usersByToken = new ConcurrentHashMap<>();
  private final Map<String, List<ObjectNode>> prs = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> flags = new LinkedHashMap<>();
  private final Map<String, String> owners = new ConcurrentHashMap<>();
  // project -> ACL -> users (access_users) and groups (access_groups); group -> members
  private final Map<String, Map<String, List<String>>> userAcls = new ConcurrentHashMap<>();
  private final Map<String, Map<String, List<String>>> groupAcls = new ConcurrentHashMap<>();
  private final Map<String, List<String>> groups = new ConcurrentHashMap<>();
  private int nextProjectId = 1;
  private final Map<String, Integer> projectIds = new LinkedHashMap<>();

  /**
   * @param prefix the mount prefix, e.g. {@code /pagure}
   * @param publicBase what clients use as the instance root, ending in {@code /}
   * @param gitBase where the sandbox serves git over HTTP ({@code .../git/}), for clone URLs
   * @param gitRoot the folder of the bare repositories
   * @param clock dates
   */
  public PagureService(String prefix, URI publicBase, URI gitBase, Path gitRoot, Clock clock) {
    this(prefix, publicBase, gitBase, gitRoot, clock, null);
  }

  /**
   * @param prefix the mount prefix, e.g. {@code /pagure}
   * @param publicBase what clients use as the instance root, ending in {@code /}
   * @param gitBase where the sandbox serves git over HTTP ({@code .../git/}), for clone URLs
   * @param gitRoot the folder of the bare repositories
   * @param clock dates
   * @param bus where {@code pagure.pull-request.new} and {@code pagure.git.receive} (on merge) go, or null
   */
  public PagureService(String prefix, URI publicBase, URI gitBase, Path gitRoot, Clock clock, MessagePublisher bus) {
    this.bus = bus;
    this.prefix = prefix;
    this.publicBase = publicBase;
    this.gitBase = gitBase;
    this.git = new GitStore(gitRoot);
    this.clock = clock;
  }

  /** Registers an API token for a user. */
  public void addToken(String token, String user) {
    usersByToken.put(token, user);
  }

  /** Grants a user an ACL ({@code admin}, {@code commit}, {@code collaborator}, {@code ticket}) on a project. */
  public void grantUser(String project, String acl, String user) {
    userAcls.computeIfAbsent(project, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(acl, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(user);
  }

  /** Grants a group an ACL on a project. */
  public void grantGroup(String project, String acl, String group) {
    groupAcls.computeIfAbsent(project, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(acl, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(group);
  }

  /** Sets the members of a group ({@code GET /api/0/group/<name>}). */
  public void group(String name, List<String> members) {
    groups.put(name, List.copyOf(members));
  }

  /** Sets the owner shown for a (non-fork) project. */
  public void owner(String project, String user) {
    owners.put(project, user);
  }

  /** Returns a copy of the pull requests of a project, as Pagure's JSON. */
  public synchronized List<JsonNode> pullRequests(String project) {
    List<JsonNode> out = new ArrayList<>();
    prs.getOrDefault(project, List.of()).forEach(p -> out.add(p.deepCopy()));
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
        Http.send(ex, 400, error(e.getMessage(), "EINVALIDREQ"));
      }
    }
  }

  private static ObjectNode error(String message, String code) {
    return Http.JSON.createObjectNode().put("error", message).put("error_code", code);
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
      Http.send(ex, 401, error("Invalid or expired token. Please visit " + publicBase
          + "settings#nav-api-tab to get or renew your API token.", "EINVALIDTOK"));
      return true;
    }
    return false;
  }

  /** Maps Pagure's {@code fork/<u>/...} URL form to the on-disk {@code forks/<u>/...}. */
  private static String disk(String urlPath) {
    return urlPath.startsWith("fork/") ? "forks/" + urlPath.substring(5) : urlPath;
  }

  private static String url(String diskPath) {
    return diskPath.startsWith("forks/") ? "fork/" + diskPath.substring(6) : diskPath;
  }

  /** Splits {@code <repo path>/<rest>} by finding the longest prefix that is a repository. */
  private Optional<String[]> split(String path) {
    String[] seg = path.split("/");
    for (int n = Math.min(seg.length, 5); n >= 1; n--) {
      String repo = String.join("/", java.util.Arrays.copyOfRange(seg, 0, n));
      if (git.exists(disk(repo))) {
        return Optional.of(new String[] {disk(repo), String.join("/", java.util.Arrays.copyOfRange(seg, n, seg.length))});
      }
    }
    return Optional.empty();
  }

  private synchronized void route(HttpExchange ex, String method, String path) throws IOException {
    if (path.startsWith("api/0/")) {
      api(ex, method, path.substring(6));
      return;
    }
    Optional<String[]> parts = split(path);
    if (parts.isPresent() && parts.get()[1].startsWith("raw/") && "GET".equals(method)) {
      String rest = parts.get()[1].substring(4);
      int f = rest.indexOf("/f/");
      if (f > 0) {
        Optional<byte[]> content = git.file(parts.get()[0], rest.substring(0, f), rest.substring(f + 3));
        if (content.isPresent()) {
          Http.send(ex, 200, content.get(), "text/plain; charset=utf-8");
          return;
        }
      }
    }
    Http.send(ex, 404, "<html><title>Page not found :'(</title></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "text/html; charset=utf-8");
  }

  private void api(HttpExchange ex, String method, String path) throws IOException {
    if (path.equals("version") && method.equals("GET")) {
      // what src.fedoraproject.org answers; DistGitBackendProbe tells Pagure by it
      Http.send(ex, 200, Http.JSON.createObjectNode().put("version", "0.31"));
      return;
    }
    if (path.equals("-/whoami") && method.equals("POST")) {
      if (!denied(ex)) {
        Http.send(ex, 200, Http.JSON.createObjectNode().put("username", user(ex)));
      }
      return;
    }
    if (path.equals("fork") && method.equals("POST")) {
      fork(ex);
      return;
    }
    if (path.equals("projects") && method.equals("GET")) {
      projects(ex);
      return;
    }
    if (path.startsWith("group/") && method.equals("GET")) {
      String name = path.substring(6);
      List<String> members = groups.get(name);
      if (members == null) {
        Http.send(ex, 404, error("Group not found", "ENOGROUP"));
      } else {
        ObjectNode g = Http.JSON.createObjectNode().put("name", name).put("display_name", name)
            .put("description", "").put("group_type", "user").put("creator", "admin");
        members.forEach(g.putArray("members")::add);
        Http.send(ex, 200, g);
      }
      return;
    }
    Optional<String[]> parts = split(path);
    if (parts.isEmpty()) {
      Http.send(ex, 404, error("Project not found", "ENOPROJECT"));
      return;
    }
    String repo = parts.get()[0];
    String rest = parts.get()[1];
    if (rest.isEmpty() && method.equals("GET")) {
      Http.send(ex, 200, project(repo, true));
    } else if (rest.equals("git/branches") && method.equals("GET")) {
      branches(ex, repo);
    } else if (rest.equals("git/tags") && method.equals("GET")) {
      ObjectNode tags = Http.JSON.createObjectNode();
      Map<String, String> t = git.tags(repo);
      if (withCommits(ex)) {
        ObjectNode m = tags.putObject("tags");
        t.forEach(m::put);
      } else {
        ArrayNode a = tags.putArray("tags");
        t.keySet().forEach(a::add);
      }
      tags.put("total_tags", t.size());
      Http.send(ex, 200, tags);
    } else if (rest.equals("git/urls") && method.equals("GET")) {
      ObjectNode u = Http.JSON.createObjectNode();
      u.putObject("urls").put("git", gitBase.resolve(repo + ".git").toString())
          .put("ssh", "ssh://git@" + gitBase.getHost() + "/" + repo + ".git");
      u.put("total_urls", 2);
      Http.send(ex, 200, u);
    } else if (rest.equals("pull-request/new") && method.equals("POST")) {
      newPr(ex, repo);
    } else if (rest.equals("pull-requests") && method.equals("GET")) {
      listPrs(ex, repo);
    } else if (rest.startsWith("pull-request/")) {
      pr(ex, method, repo, rest.substring("pull-request/".length()));
    } else if (rest.startsWith("c/") && rest.endsWith("/flag")) {
      commitFlag(ex, method, repo, rest.substring(2, rest.length() - 5));
    } else {
      Http.send(ex, 404, error("Not found: " + rest, "ENOCODE"));
    }
  }

  private static boolean withCommits(HttpExchange ex) {
    String w = Http.query(ex).get("with_commits");
    return w != null && (w.equalsIgnoreCase("true") || w.equals("1"));
  }

  private void branches(HttpExchange ex, String repo) throws IOException {
    Map<String, String> b = git.branches(repo);
    String def = git.defaultBranch(repo);
    ObjectNode out = Http.JSON.createObjectNode();
    if (withCommits(ex)) {
      ObjectNode m = out.putObject("branches");
      b.forEach(m::put);
      if (b.containsKey(def)) {
        out.putObject("default").put(def, b.get(def));
      } else {
        out.putNull("default");
      }
    } else {
      ArrayNode a = out.putArray("branches");
      b.keySet().forEach(a::add);
      out.put("default", def);
    }
    out.put("total_branches", b.size());
    Http.send(ex, 200, out);
  }

  private ObjectNode userJson(String name) {
    return Http.JSON.createObjectNode().put("fullname", name).put("name", name).put("url_path", "user/" + name)
        .put("full_url", publicBase.resolve("user/" + name).toString());
  }

  private int idOf(String repo) {
    return projectIds.computeIfAbsent(repo, k -> nextProjectId++);
  }

  private ObjectNode project(String repo, boolean withParent) {
    boolean isFork = repo.startsWith("forks/");
    String rest = isFork ? repo.substring(repo.indexOf('/', 6) + 1) : repo;
    String owner = isFork ? repo.substring(6, repo.indexOf('/', 6)) : owners.getOrDefault(repo, "packager");
    int slash = rest.lastIndexOf('/');
    ObjectNode p = Http.JSON.createObjectNode();
    ObjectNode groups = p.putObject("access_groups");
    for (String acl : List.of("admin", "collaborator", "commit", "ticket")) {
      ArrayNode a = groups.putArray(acl);
      groupAcls.getOrDefault(repo, Map.of()).getOrDefault(acl, List.of()).forEach(a::add);
    }
    ObjectNode users = p.putObject("access_users");
    for (String acl : List.of("admin", "collaborator", "commit", "ticket")) {
      ArrayNode a = users.putArray(acl);
      userAcls.getOrDefault(repo, Map.of()).getOrDefault(acl, List.of()).forEach(a::add);
    }
    users.putArray("owner").add(owner);
    p.putArray("close_status");
    p.putArray("custom_keys");
    String created = String.valueOf(clock.instant().getEpochSecond());
    p.put("date_created", created).put("date_modified", created).put("description", rest);
    p.put("full_url", publicBase.resolve(url(repo)).toString()).put("fullname", repo).put("id", idOf(repo));
    p.putObject("milestones");
    p.put("name", slash < 0 ? rest : rest.substring(slash + 1));
    if (slash < 0) {
      p.putNull("namespace");
    } else {
      p.put("namespace", rest.substring(0, slash));
    }
    if (isFork && withParent && git.exists(rest)) {
      p.set("parent", project(rest, false));
    } else {
      p.putNull("parent");
    }
    p.putObject("priorities");
    p.putArray("tags");
    p.put("url_path", url(repo));
    p.set("user", userJson(owner));
    return p;
  }

  private void fork(HttpExchange ex) throws IOException {
    if (denied(ex)) {
      return;
    }
    Map<String, String> f = Http.form(ex);
    String name = f.get("repo");
    if (name == null || name.isBlank()) {
      Http.send(ex, 400, error("Invalid or incomplete input submitted", "EINVALIDREQ"));
      return;
    }
    String ns = f.getOrDefault("namespace", "");
    String upstream = ns.isEmpty() ? name : ns + "/" + name;
    if (!git.exists(upstream)) {
      Http.send(ex, 404, error("Project not found", "ENOPROJECT"));
      return;
    }
    String me = user(ex);
    git.fork(upstream, "forks/" + me + "/" + upstream);
    Http.send(ex, 200, Http.JSON.createObjectNode().put("message", "Repo \"" + upstream + "\" cloned to \"" + me + "/" + upstream + "\""));
  }

  private void projects(HttpExchange ex) throws IOException {
    Map<String, String> q = Http.query(ex);
    String pattern = q.getOrDefault("pattern", "");
    String ns = q.get("namespace");
    boolean forks = "true".equalsIgnoreCase(q.getOrDefault("fork", "false"));
    List<ObjectNode> found = new ArrayList<>();
    Path root = git.dir("x").getParent();
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(root, 6)) {
      s.filter(p -> p.getFileName().toString().endsWith(".git") && java.nio.file.Files.isDirectory(p.resolve("objects")))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .map(p -> p.substring(0, p.length() - 4))
          .filter(p -> p.startsWith("forks/") == forks)
          .sorted()
          .forEach(p -> {
            ObjectNode proj = project(p, true);
            boolean nsOk = ns == null || ns.equals(proj.path("namespace").asText(null));
            if (proj.get("name").asText().equals(pattern) || pattern.isEmpty()) {
              if (nsOk) {
                found.add(proj);
              }
            }
          });
    }
    page(ex, "projects", found, q);
  }

  /** Answers one page of a list with Pagure's {@code pagination} object. */
  private void page(HttpExchange ex, String field, List<ObjectNode> items, Map<String, String> q) throws IOException {
    int perPage = Math.max(1, Math.min(100, Integer.parseInt(q.getOrDefault("per_page", "20"))));
    int page = Math.max(1, Integer.parseInt(q.getOrDefault("page", "1")));
    int pages = Math.max(1, (items.size() + perPage - 1) / perPage);
    ObjectNode out = Http.JSON.createObjectNode();
    ObjectNode args = out.putObject("args");
    q.forEach(args::put);
    ArrayNode arr = out.putArray(field);
    items.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(arr::add);
    String base = publicBase.resolve(ex.getRequestURI().getRawPath().substring(prefix.length() + 1)).toString();
    Map<String, String> other = new LinkedHashMap<>(q);
    other.remove("page");
    other.put("per_page", String.valueOf(perPage));
    StringBuilder qs = new StringBuilder();
    other.forEach((k, v) -> qs.append(k).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)).append('&'));
    ObjectNode pag = out.putObject("pagination");
    pag.put("page", page).put("pages", pages).put("per_page", perPage);
    pag.put("first", base + "?" + qs + "page=1").put("last", base + "?" + qs + "page=" + pages);
    if (page < pages) {
      pag.put("next", base + "?" + qs + "page=" + (page + 1));
    } else {
      pag.putNull("next");
    }
    if (page > 1) {
      pag.put("prev", base + "?" + qs + "page=" + (page - 1));
    } else {
      pag.putNull("prev");
    }
    out.put("total_" + (field.equals("requests") ? "requests" : field), items.size());
    Http.send(ex, 200, out);
  }

  private void newPr(HttpExchange ex, String repo) throws IOException {
    if (denied(ex)) {
      return;
    }
    Map<String, String> f = Http.form(ex);
    String title = f.get("title");
    String to = f.get("branch_to");
    String from = f.get("branch_from");
    if (title == null || to == null || from == null) {
      Http.send(ex, 400, error("Invalid or incomplete input submitted", "EINVALIDREQ"));
      return;
    }
    String source = repo;
    if (f.containsKey("repo_from")) {
      String ns = f.getOrDefault("repo_from_namespace", "");
      String name = (ns.isEmpty() ? "" : ns + "/") + f.get("repo_from");
      String owner = f.get("repo_from_username");
      source = owner == null || owner.isBlank() ? name : "forks/" + owner + "/" + name;
    }
    if (!git.exists(source)) {
      Http.send(ex, 400, error("Project not found", "ENOPROJECT"));
      return;
    }
    String head = git.branches(source).get(from);
    if (head == null || !git.branches(repo).containsKey(to)) {
      Http.send(ex, 400, error("Branch not found", "ENOBRANCH"));
      return;
    }
    List<ObjectNode> list = prs.computeIfAbsent(repo, k -> new ArrayList<>());
    int id = list.size() + 1;
    String now = String.valueOf(clock.instant().getEpochSecond());
    ObjectNode pr = Http.JSON.createObjectNode();
    pr.putNull("assignee");
    pr.put("branch", to).put("branch_from", from).put("cached_merge_status", "unknown");
    pr.putNull("closed_at");
    pr.putNull("closed_by");
    pr.putArray("comments");
    pr.putNull("commit_start");
    pr.put("commit_stop", head);
    pr.put("date_created", now).put("full_url", publicBase.resolve(url(repo) + "/pull-request/" + id).toString());
    pr.put("id", id).put("initial_comment", f.getOrDefault("initial_comment", "")).put("last_updated", now);
    pr.set("project", project(repo, true));
    pr.putNull("remote_git");
    pr.set("repo_from", project(source, true));
    pr.put("status", "Open");
    pr.putArray("tags");
    pr.putNull("threshold_reached");
    pr.put("title", title).put("uid", UUID.randomUUID().toString().replace("-", "")).put("updated_on", now);
    pr.set("user", userJson(user(ex)));
    pr.put("_source", source);
    list.add(pr);
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("agent", user(ex));
    msg.put("pullrequest", map(visible(pr)));
    publish("pagure.pull-request.new", "pagure.pull-request.new", msg);
    Http.send(ex, 200, visible(pr));
  }

  private void publish(String subject, String schema, Map<String, Object> body) {
    if (bus != null) {
      bus.publish(MessageEnvelope.of("org.fedoraproject.prod." + subject, schema, body));
    }
  }

  private static Map<String, Object> map(JsonNode n) {
    return Http.JSON.convertValue(n, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
  }

  private static ObjectNode visible(ObjectNode pr) {
    ObjectNode copy = pr.deepCopy();
    copy.remove("_source");
    return copy;
  }

  private void listPrs(HttpExchange ex, String repo) throws IOException {
    Map<String, String> q = Http.query(ex);
    String status = q.getOrDefault("status", "Open");
    String author = q.get("author");
    List<ObjectNode> out = new ArrayList<>();
    List<ObjectNode> all = new ArrayList<>(prs.getOrDefault(repo, List.of()));
    java.util.Collections.reverse(all);
    for (ObjectNode pr : all) {
      boolean statusOk = status.equalsIgnoreCase("all") || pr.get("status").asText().equalsIgnoreCase(status);
      boolean authorOk = author == null || author.equals(pr.path("user").path("name").asText());
      if (statusOk && authorOk) {
        out.add(visible(pr));
      }
    }
    page(ex, "requests", out, q);
  }

  private void pr(HttpExchange ex, String method, String repo, String rest) throws IOException {
    String[] parts = rest.split("/", 2);
    int id;
    try {
      id = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      Http.send(ex, 404, error("Pull-Request not found", "ENOREQ"));
      return;
    }
    List<ObjectNode> list = prs.getOrDefault(repo, List.of());
    if (id < 1 || id > list.size()) {
      Http.send(ex, 404, error("Pull-Request not found", "ENOREQ"));
      return;
    }
    ObjectNode pr = list.get(id - 1);
    String action = parts.length > 1 ? parts[1] : "";
    if (action.isEmpty() && method.equals("GET")) {
      Http.send(ex, 200, visible(pr));
      return;
    }
    if (denied(ex)) {
      return;
    }
    String now = String.valueOf(clock.instant().getEpochSecond());
    switch (action) {
      case "": {
        Map<String, String> f = Http.form(ex);
        if (f.containsKey("title")) {
          pr.put("title", f.get("title"));
        }
        if (f.containsKey("initial_comment")) {
          pr.put("initial_comment", f.get("initial_comment"));
        }
        pr.put("last_updated", now);
        Http.send(ex, 200, visible(pr));
        return;
      }
      case "comment": {
        String text = Http.form(ex).get("comment");
        ObjectNode c = ((ArrayNode) pr.get("comments")).addObject();
        c.put("comment", text).put("date_created", now).put("id", pr.get("comments").size());
        c.set("user", userJson(user(ex)));
        // As Pagure does: the comment goes to fedora-messaging, the commenter as agent.
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("agent", user(ex));
        msg.put("pullrequest", map(visible(pr)));
        publish("pagure.pull-request.comment.added", "pagure.pull-request.comment.added", msg);
        Http.send(ex, 200, Http.JSON.createObjectNode().put("message", "Comment added"));
        return;
      }
      case "close":
        pr.put("status", "Closed").put("closed_at", now);
        pr.set("closed_by", userJson(user(ex)));
        Http.send(ex, 200, Http.JSON.createObjectNode().put("message", "Pull-request closed!"));
        return;
      case "merge": {
        if (!"Open".equals(pr.get("status").asText())) {
          Http.send(ex, 400, error("Pull-Request is not open", "EPRNOTOPEN"));
          return;
        }
        PersonIdent who = new PersonIdent(user(ex), user(ex) + "@sandbox.invalid", Instant.now(clock), java.time.ZoneOffset.UTC);
        String old = git.branches(repo).get(pr.get("branch").asText());
        String head = git.merge(repo, pr.get("branch").asText(), pr.get("_source").asText(), pr.get("branch_from").asText(),
            "Merge #" + id + " `" + pr.get("title").asText() + "`", who);
        pr.put("status", "Merged").put("closed_at", now).put("merge_commit", head);
        pr.set("closed_by", userJson(user(ex)));
        // as on src.fedoraproject.org: the merge is a push, announced with the PR id
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("agent", user(ex));
        msg.put("forced", false);
        msg.put("repo", map(project(repo, true)));
        msg.put("old_commit", old);
        msg.put("branch", pr.get("branch").asText());
        msg.put("authors", List.of(Map.of("name", user(ex), "fullname", user(ex))));
        msg.put("total_commits", 1);
        msg.put("start_commit", head);
        msg.put("end_commit", head);
        msg.put("changed_files", git.changedFiles(repo, old, head));
        msg.put("pull_request_id", id);
        publish("pagure.git.receive", "pagure.git.receive", msg);
        Http.send(ex, 200, Http.JSON.createObjectNode().put("message", "Changes merged!"));
        return;
      }
      case "flag":
        flag(ex, "pr:" + repo + "#" + id, null, pr.get("uid").asText());
        return;
      default:
        Http.send(ex, 404, error("Not found", "ENOCODE"));
    }
  }

  private void commitFlag(HttpExchange ex, String method, String repo, String sha) throws IOException {
    if (method.equals("GET")) {
      ObjectNode out = Http.JSON.createObjectNode();
      ArrayNode arr = out.putArray("flags");
      flags.getOrDefault("c:" + repo + "@" + sha, List.of()).forEach(x -> {
        ObjectNode shown = x.deepCopy();
        shown.remove("_uid");
        arr.add(shown);
      });
      out.put("total_flags", arr.size());
      Http.send(ex, 200, out);
      return;
    }
    if (denied(ex)) {
      return;
    }
    flag(ex, "c:" + repo + "@" + sha, sha, null);
  }

  private void flag(HttpExchange ex, String key, String sha, String prUid) throws IOException {
    Map<String, String> f = Http.form(ex);
    if (f.get("username") == null || f.get("comment") == null || f.get("url") == null) {
      Http.send(ex, 400, error("Invalid or incomplete input submitted", "EINVALIDREQ"));
      return;
    }
    String uid = f.getOrDefault("uid", UUID.randomUUID().toString().replace("-", ""));
    List<ObjectNode> list = flags.computeIfAbsent(key, k -> new ArrayList<>());
    ObjectNode flag = list.stream().filter(x -> uid.equals(x.path("_uid").asText())).findFirst().orElse(null);
    boolean added = flag == null;
    String now = String.valueOf(clock.instant().getEpochSecond());
    if (added) {
      flag = Http.JSON.createObjectNode();
      flag.put("date_created", now);
      list.add(flag);
    }
    flag.put("comment", f.get("comment")).put("date_updated", now).putNull("percent");
    if (sha != null) {
      flag.put("commit_hash", sha);
    }
    if (prUid != null) {
      flag.put("pull_request_uid", prUid);
    }
    flag.put("status", f.getOrDefault("status", "success")).put("url", f.get("url")).put("username", f.get("username"));
    flag.set("user", userJson(user(ex)));
    flag.put("_uid", uid);
    ObjectNode shown = flag.deepCopy();
    shown.remove("_uid");
    ObjectNode out = Http.JSON.createObjectNode();
    out.set("flag", shown);
    out.put("message", added ? "Flag added" : "Flag updated").put("uid", uid);
    Http.send(ex, 200, out);
  }
}
