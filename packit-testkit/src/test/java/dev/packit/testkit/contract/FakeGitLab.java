package dev.packit.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.packit.testkit.FedoraSandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A small GitLab (API v4) for the forge contract, mounted on a {@link FedoraSandbox} at
 * {@code /gitlab/} over the sandbox's bare repositories: projects by id or URL-encoded path,
 * branches, tags, files, forks (real bare clones), merge requests, notes, commit statuses, members
 * and releases, with GitLab's paging ({@code per_page}, {@code page}, {@code Link}, {@code X-Next-Page}).
 * Only what packit-forge's GitLab client asks for; test code, not a product.
 */
final class FakeGitLab implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FedoraSandbox sandbox;
  private final URI api;
  private final Map<String, String> usersByToken = new HashMap<>();
  private final Map<String, Long> userIds = new LinkedHashMap<>();
  private final Map<String, Long> projectIds = new LinkedHashMap<>();
  private final Map<Long, String> projectPaths = new HashMap<>();
  private final Map<String, String> parents = new HashMap<>();
  private final Map<String, List<ObjectNode>> mergeRequests = new HashMap<>();
  private final Map<String, List<ObjectNode>> notes = new HashMap<>();
  private final Map<String, List<ObjectNode>> statuses = new HashMap<>();
  private final Map<String, List<ObjectNode>> releases = new HashMap<>();
  private final Map<String, Integer> members = new HashMap<>();
  private long nextId = 100;

  private FakeGitLab(FedoraSandbox sandbox) {
    this.sandbox = sandbox;
    this.api = sandbox.baseUri().resolve("gitlab/api/v4/");
  }

  /** Mounts a fake GitLab on the sandbox. */
  static FakeGitLab mount(FedoraSandbox sandbox) {
    FakeGitLab g = new FakeGitLab(sandbox);
    sandbox.mount("/gitlab", "GitLab API v4 (contract test)", g);
    return g;
  }

  URI apiUri() {
    return api;
  }

  synchronized String token(String user) {
    String t = "glpat-" + user + "-" + usersByToken.size();
    usersByToken.put(t, user);
    userId(user);
    return t;
  }

  /** Sets a member's access level (30 developer, 40 maintainer, 50 owner). */
  synchronized void member(String project, String user, int level) {
    members.put(project + "@" + userId(user), level);
  }

  private long userId(String user) {
    return userIds.computeIfAbsent(user, u -> (long) userIds.size() + 1);
  }

  private Path gitDir(String path) {
    return sandbox.root().resolve("git").resolve(path + ".git");
  }

  private Long projectId(String path) {
    if (!Files.isDirectory(gitDir(path))) {
      return null;
    }
    return projectIds.computeIfAbsent(path, p -> {
      long id = nextId++;
      projectPaths.put(id, p);
      return id;
    });
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      synchronized (this) {
        String raw = ex.getRequestURI().getRawPath().substring("/gitlab/api/v4/".length());
        List<String> seg = new ArrayList<>();
        for (String s : raw.split("/")) {
          seg.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
        }
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        JsonNode body = ex.getRequestBody().available() >= 0 ? readBody(ex) : null;
        route(ex, ex.getRequestMethod(), seg, q, body);
      }
    }
  }

  private static JsonNode readBody(HttpExchange ex) throws IOException {
    byte[] b = ex.getRequestBody().readAllBytes();
    return b.length == 0 ? JSON.createObjectNode() : JSON.readTree(b);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw != null) {
      for (String kv : raw.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }

  private String user(HttpExchange ex) {
    String t = ex.getRequestHeaders().getFirst("PRIVATE-TOKEN");
    return t == null ? null : usersByToken.get(t);
  }

  private void route(HttpExchange ex, String method, List<String> seg, Map<String, String> q, JsonNode body) throws IOException {
    String me = user(ex);
    if (seg.get(0).equals("user")) {
      if (me == null) {
        send(ex, 401, msg("401 Unauthorized"));
      } else {
        send(ex, 200, userJson(me));
      }
      return;
    }
    if (seg.get(0).equals("users")) {
      ArrayNode out = JSON.createArrayNode();
      String name = q.getOrDefault("username", "");
      if (!name.isEmpty()) {
        out.add(userJson(name));
      }
      send(ex, 200, out);
      return;
    }
    if (!seg.get(0).equals("projects") || seg.size() < 2) {
      send(ex, 404, msg("404 Not Found"));
      return;
    }
    String path = seg.get(1).matches("\\d+") ? projectPaths.get(Long.parseLong(seg.get(1))) : seg.get(1);
    if (path == null || projectId(path) == null) {
      send(ex, 404, msg("404 Project Not Found"));
      return;
    }
    String rest = String.join("/", seg.subList(2, seg.size()));
    boolean write = !method.equals("GET") && !method.equals("HEAD");
    if (write && me == null) {
      send(ex, 401, msg("401 Unauthorized"));
      return;
    }
    if (rest.isEmpty()) {
      send(ex, 200, project(path));
    } else if (rest.equals("repository/branches")) {
      List<ObjectNode> out = new ArrayList<>();
      refs(path, Constants.R_HEADS).forEach((n, sha) -> out.add(ref(n, sha)));
      page(ex, out, q);
    } else if (rest.startsWith("repository/branches/")) {
      String name = seg.subList(4, seg.size()).stream().reduce((a, b) -> a + "/" + b).orElse("");
      String sha = refs(path, Constants.R_HEADS).get(name);
      send(ex, sha == null ? 404 : 200, sha == null ? msg("404 Branch Not Found") : ref(name, sha));
    } else if (rest.equals("repository/tags")) {
      List<ObjectNode> out = new ArrayList<>();
      refs(path, Constants.R_TAGS).forEach((n, sha) -> out.add(ref(n, sha)));
      page(ex, out, q);
    } else if (rest.startsWith("repository/files/")) {
      file(ex, path, seg.get(4), q.get("ref"));
    } else if (rest.equals("forks") && method.equals("GET")) {
      List<ObjectNode> out = new ArrayList<>();
      parents.forEach((f, p) -> {
        if (p.equals(path)) {
          out.add(project(f));
        }
      });
      page(ex, out, q);
    } else if (rest.equals("fork") && method.equals("POST")) {
      fork(ex, path, me);
    } else if (rest.startsWith("merge_requests")) {
      mergeRequests(ex, method, path, seg.subList(3, seg.size()), q, body, me);
    } else if (rest.startsWith("statuses/") && method.equals("POST")) {
      ObjectNode s = JSON.createObjectNode().put("id", nextId++).put("sha", seg.get(3)).put("status", body.path("state").asText())
          .put("name", body.path("name").asText("default")).put("description", body.path("description").asText(null))
          .put("target_url", body.path("target_url").asText(null)).put("created_at", Instant.now().toString());
      s.putObject("author").put("username", me);
      statuses.computeIfAbsent(path + "@" + seg.get(3), k -> new ArrayList<>()).add(s);
      send(ex, 201, s);
    } else if (rest.matches("repository/commits/[^/]+/statuses")) {
      page(ex, new ArrayList<>(statuses.getOrDefault(path + "@" + seg.get(4), List.of())), q);
    } else if (rest.matches("members/all/\\d+")) {
      Integer level = members.get(path + "@" + seg.get(4));
      send(ex, level == null ? 404 : 200, level == null ? msg("404 Not found") : JSON.createObjectNode().put("access_level", level));
    } else if (rest.equals("releases") && method.equals("GET")) {
      page(ex, new ArrayList<>(releases.getOrDefault(path, List.of())), q);
    } else if (rest.equals("releases") && method.equals("POST")) {
      ObjectNode r = JSON.createObjectNode().put("tag_name", body.path("tag_name").asText()).put("name", body.path("name").asText())
          .put("description", body.path("description").asText()).put("created_at", Instant.now().toString())
          .put("released_at", Instant.now().toString()).put("upcoming_release", false);
      releases.computeIfAbsent(path, k -> new ArrayList<>()).add(0, r);
      send(ex, 201, r);
    } else if (rest.startsWith("releases/") && method.equals("GET")) {
      String tag = seg.get(3);
      ObjectNode r = releases.getOrDefault(path, List.of()).stream().filter(x -> x.path("tag_name").asText().equals(tag))
          .findFirst().orElse(null);
      send(ex, r == null ? 404 : 200, r == null ? msg("404 Not Found") : r);
    } else {
      send(ex, 404, msg("404 Not Found"));
    }
  }

  private void mergeRequests(HttpExchange ex, String method, String path, List<String> seg, Map<String, String> q,
      JsonNode body, String me) throws IOException {
    if (seg.isEmpty() && method.equals("POST")) {
      String target = body.has("target_project_id") ? projectPaths.get(body.get("target_project_id").asLong()) : path;
      List<ObjectNode> list = mergeRequests.computeIfAbsent(target, k -> new ArrayList<>());
      String source = body.path("source_branch").asText();
      String targetBranch = body.path("target_branch").asText();
      for (ObjectNode mr : list) {
        if (mr.path("state").asText().equals("opened") && mr.path("source_branch").asText().equals(source)
            && mr.path("source_project").asText().equals(path) && mr.path("target_branch").asText().equals(targetBranch)) {
          send(ex, 409, JSON.createObjectNode().set("message",
              JSON.createArrayNode().add("Another open merge request already exists for this source branch: !" + mr.path("iid").asLong())));
          return;
        }
      }
      String sha = refs(path, Constants.R_HEADS).get(source);
      if (sha == null) {
        send(ex, 422, msg("source branch does not exist"));
        return;
      }
      long iid = list.size() + 1;
      ObjectNode mr = JSON.createObjectNode().put("id", nextId++).put("iid", iid).put("title", body.path("title").asText())
          .put("description", body.path("description").asText("")).put("state", "opened").put("source_branch", source)
          .put("target_branch", targetBranch).put("sha", sha).put("source_project", path)
          .put("web_url", api.resolve("../../web/" + target + "/-/merge_requests/" + iid).normalize().toString())
          .put("created_at", Instant.now().toString());
      mr.putObject("author").put("username", me);
      mr.putObject("references").put("full", target + "!" + iid);
      list.add(mr);
      send(ex, 201, mr);
      return;
    }
    List<ObjectNode> list = mergeRequests.getOrDefault(path, List.of());
    if (seg.isEmpty()) {
      String state = q.getOrDefault("state", "all");
      List<ObjectNode> out = new ArrayList<>();
      for (int i = list.size() - 1; i >= 0; i--) {
        ObjectNode mr = list.get(i);
        if ((state.equals("all") || mr.path("state").asText().equals(state))
            && (!q.containsKey("source_branch") || mr.path("source_branch").asText().equals(q.get("source_branch")))
            && (!q.containsKey("target_branch") || mr.path("target_branch").asText().equals(q.get("target_branch")))
            && (!q.containsKey("author_username") || mr.path("author").path("username").asText().equals(q.get("author_username")))) {
          out.add(mr);
        }
      }
      page(ex, out, q);
      return;
    }
    long iid = Long.parseLong(seg.get(0));
    ObjectNode mr = list.stream().filter(m -> m.path("iid").asLong() == iid).findFirst().orElse(null);
    if (mr == null) {
      send(ex, 404, msg("404 Not found"));
      return;
    }
    if (seg.size() == 1 && method.equals("PUT")) {
      if (body.has("title")) {
        mr.put("title", body.get("title").asText());
      }
      if (body.has("description")) {
        mr.put("description", body.get("description").asText());
      }
      if ("close".equals(body.path("state_event").asText())) {
        mr.put("state", "closed");
      }
      send(ex, 200, mr);
    } else if (seg.size() == 1) {
      send(ex, 200, mr);
    } else if (seg.get(1).equals("notes") && method.equals("POST")) {
      ObjectNode n = JSON.createObjectNode().put("id", nextId++).put("body", body.path("body").asText()).put("system", false)
          .put("created_at", Instant.now().toString());
      n.putObject("author").put("username", me);
      notes.computeIfAbsent(path + "!" + iid, k -> new ArrayList<>()).add(n);
      send(ex, 201, n);
    } else if (seg.get(1).equals("notes")) {
      page(ex, new ArrayList<>(notes.getOrDefault(path + "!" + iid, List.of())), q);
    } else {
      send(ex, 404, msg("404 Not Found"));
    }
  }

  private void fork(HttpExchange ex, String path, String me) throws IOException {
    String target = me + "/" + path.substring(path.lastIndexOf('/') + 1);
    if (Files.isDirectory(gitDir(target))) {
      send(ex, 409, JSON.createObjectNode().set("message", JSON.createObjectNode()
          .set("name", JSON.createArrayNode().add("has already been taken"))));
      return;
    }
    try {
      // a bare clone: its branches are the upstream's
      Git.cloneRepository().setBare(true).setURI(gitDir(path).toUri().toString()).setDirectory(gitDir(target).toFile())
          .call().close();
    } catch (Exception e) {
      send(ex, 500, msg("fork failed: " + e.getMessage()));
      return;
    }
    parents.put(target, path);
    send(ex, 201, project(target));
  }

  private ObjectNode project(String path) {
    ObjectNode p = JSON.createObjectNode().put("id", projectId(path)).put("path_with_namespace", path)
        .put("default_branch", defaultBranch(path)).put("http_url_to_repo", sandbox.gitUri(path).toString())
        .put("ssh_url_to_repo", "git@gitlab.invalid:" + path + ".git")
        .put("web_url", api.resolve("../../web/" + path).normalize().toString()).put("visibility", "public")
        .put("import_status", "finished");
    String parent = parents.get(path);
    if (parent != null) {
      p.putObject("forked_from_project").put("id", projectId(parent)).put("path_with_namespace", parent);
    }
    return p;
  }

  private ObjectNode userJson(String login) {
    return JSON.createObjectNode().put("id", userId(login)).put("username", login).put("name", login)
        .put("email", login + "@gitlab.invalid");
  }

  private static ObjectNode ref(String name, String sha) {
    ObjectNode n = JSON.createObjectNode().put("name", name);
    n.putObject("commit").put("id", sha);
    return n;
  }

  private static ObjectNode msg(String m) {
    return JSON.createObjectNode().put("message", m);
  }

  private Repository open(String path) throws IOException {
    return new FileRepositoryBuilder().setGitDir(gitDir(path).toFile()).build();
  }

  private String defaultBranch(String path) {
    try (Repository r = open(path)) {
      Ref head = r.exactRef(Constants.HEAD);
      return head != null && head.isSymbolic() ? Repository.shortenRefName(head.getTarget().getName()) : r.getBranch();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, String> refs(String path, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    try (Repository r = open(path)) {
      for (Ref ref : r.getRefDatabase().getRefsByPrefix(prefix)) {
        ObjectId id = r.getRefDatabase().peel(ref).getPeeledObjectId();
        out.put(ref.getName().substring(prefix.length()), (id != null ? id : ref.getObjectId()).name());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private void file(HttpExchange ex, String path, String file, String ref) throws IOException {
    try (Repository r = open(path); RevWalk walk = new RevWalk(r)) {
      ObjectId at = ref == null ? null : r.resolve(ref + "^{commit}");
      if (at == null) {
        send(ex, 404, msg("404 Commit Not Found"));
        return;
      }
      RevCommit c = walk.parseCommit(at);
      try (TreeWalk tw = TreeWalk.forPath(r, file, c.getTree())) {
        if (tw == null) {
          send(ex, 404, msg("404 File Not Found"));
          return;
        }
        byte[] bytes = r.open(tw.getObjectId(0)).getBytes();
        send(ex, 200, JSON.createObjectNode().put("file_path", file).put("ref", ref).put("encoding", "base64")
            .put("content", Base64.getEncoder().encodeToString(bytes)));
      }
    }
  }

  private void page(HttpExchange ex, List<? extends JsonNode> items, Map<String, String> q) throws IOException {
    int perPage = Math.max(1, Math.min(100, Integer.parseInt(q.getOrDefault("per_page", "20"))));
    int page = Math.max(1, Integer.parseInt(q.getOrDefault("page", "1")));
    int pages = Math.max(1, (items.size() + perPage - 1) / perPage);
    ArrayNode arr = JSON.createArrayNode();
    items.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(arr::add);
    if (page < pages) {
      String raw = Objects.requireNonNullElse(ex.getRequestURI().getRawQuery(), "").replaceAll("(^|&)page=\\d+", "");
      URI next = URI.create(sandbox.baseUri().resolve(ex.getRequestURI().getRawPath()) + "?" + (raw.isEmpty() ? "" : raw + "&")
          + "page=" + (page + 1));
      ex.getResponseHeaders().set("Link", "<" + next + ">; rel=\"next\"");
      ex.getResponseHeaders().set("X-Next-Page", String.valueOf(page + 1));
    }
    ex.getResponseHeaders().set("X-Total", String.valueOf(items.size()));
    send(ex, 200, arr);
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] b = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }
}
