package dev.packit.forge.internal.pagure;

import static dev.packit.forge.spi.Rest.path;
import static dev.packit.forge.spi.Rest.q;
import static dev.packit.forge.spi.Rest.seg;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.AuthenticationException;
import dev.packit.core.PackitException;
import dev.packit.core.PackitServiceException;
import dev.packit.forge.AccessLevel;
import dev.packit.forge.Branch;
import dev.packit.forge.Comment;
import dev.packit.forge.CommitStatus;
import dev.packit.forge.CommitStatusSpec;
import dev.packit.forge.FileContent;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.RateLimit;
import dev.packit.forge.Release;
import dev.packit.forge.ReleaseSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.Tag;
import dev.packit.forge.User;
import dev.packit.forge.spi.ClientOptions;
import dev.packit.forge.spi.Creates;
import dev.packit.forge.spi.Json;
import dev.packit.forge.spi.Paged;
import dev.packit.forge.spi.Rest;
import dev.packit.forge.pagure.PagureForge;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Pagure API 0 as src.fedoraproject.org runs it. */
public final class PagureClient implements PagureForge {
  private final Rest rest;
  private final URI instance;
  private final URI api;
  private final ClientOptions options;
  private volatile User me;

  /**
   * @param rest the HTTP client with auth
   * @param options the options; {@code baseUri} is the instance root (the API is {@code api/0/} below it)
   */
  public PagureClient(Rest rest, ClientOptions options) {
    this.rest = rest;
    this.instance = options.baseUri();
    this.api = instance.resolve("api/0/");
    this.options = options;
  }

  private URI project(RepoId r, String tail) {
    return api.resolve(path(r.path()) + tail);
  }

  /** Runs a call that needs a token ACL, turning a refusal into a message that names the ACL. */
  private <T> T acl(String acl, String action, Supplier<T> call) {
    try {
      return call.get();
    } catch (AuthenticationException e) {
      throw e.toBuilder().detail("Pagure refused to " + action + ": the API token is invalid, expired, or lacks the ACL '"
          + acl + "' (create one with that ACL at " + instance + "settings#nav-api-tab)").build();
    }
  }

  /** Follows {@code pagination.next} of Pagure list answers. */
  private <T> Stream<T> list(URI first, String field, Function<JsonNode, T> map) {
    return Paged.stream(first, uri -> {
      JsonNode n = rest.get(uri).json();
      List<T> items = new ArrayList<>();
      n.path(field).forEach(x -> items.add(map.apply(x)));
      URI next = Json.uri(n.path("pagination"), "next");
      return new Paged.Page<>(items, next);
    });
  }

  @Override
  public ForgeKind kind() {
    return ForgeKind.PAGURE;
  }

  @Override
  public User currentUser() {
    User u = me;
    if (u == null) {
      // POST, but only reads: cached so it is asked once per client (ogr asks on every access)
      JsonNode n = acl("(any)", "tell who owns the token", () -> rest.empty("POST", api.resolve("-/whoami"), true).json());
      u = new User(Json.text(n, "username"), null, null);
      me = u;
    }
    return u;
  }

  @Override
  public Optional<Repository> repository(RepoId r) {
    return rest.find(project(r, "")).map(x -> {
      JsonNode branches = rest.get(project(r, "/git/branches")).json();
      JsonNode urls = rest.get(project(r, "/git/urls")).json().path("urls");
      return PagureMapper.repository(x.json(), instance, PagureMapper.defaultBranch(branches), Json.uri(urls, "git"),
          Json.text(urls, "ssh"));
    });
  }

  @Override
  public Stream<Branch> branches(RepoId r) {
    // not paginated by Pagure: one answer holds every branch
    return PagureMapper.branches(rest.get(project(r, "/git/branches?with_commits=True")).json()).stream();
  }

  @Override
  public Optional<Branch> branch(RepoId r, String name) {
    if (rest.find(project(r, "")).isEmpty()) {
      return Optional.empty();
    }
    try (Stream<Branch> s = branches(r)) {
      return s.filter(b -> b.name().equals(name)).findFirst();
    }
  }

  @Override
  public Stream<Tag> tags(RepoId r) {
    return PagureMapper.tags(rest.get(project(r, "/git/tags?with_commits=True")).json()).stream();
  }

  @Override
  public Tag createTag(RepoId r, String name, String commitSha, String message) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("tagname", name);
    form.put("commit_hash", commitSha);
    if (message != null) {
      form.put("message", message);
    }
    JsonNode n = acl("modify_project", "create tag " + name + " in " + r,
        () -> rest.form("POST", project(r, "/git/tags"), form, true).json());
    if (!Json.bool(n, "tag_created")) {
      throw new PackitException("Pagure did not create tag " + name + " in " + r + ": " + n, null);
    }
    return new Tag(name, commitSha);
  }

  @Override
  public boolean supportsReleases() {
    return false;
  }

  private static UnsupportedOperationException noReleases() {
    return new UnsupportedOperationException("Pagure has no releases, only tags (which carry no dates); use tags()");
  }

  @Override
  public Optional<Release> latestRelease(RepoId r) {
    throw noReleases();
  }

  @Override
  public Optional<Release> release(RepoId r, String tag) {
    throw noReleases();
  }

  @Override
  public Stream<Release> releases(RepoId r) {
    throw noReleases();
  }

  @Override
  public Release createRelease(RepoId r, ReleaseSpec spec) {
    throw noReleases();
  }

  @Override
  public Optional<FileContent> file(RepoId r, String filePath, String ref) {
    String p = filePath;
    while (p.startsWith("./") || p.startsWith("/")) {
      p = p.substring(p.startsWith("./") ? 2 : 1);
    }
    // raw files are served by the web UI, not the API
    URI uri = instance.resolve(path(r.path()) + "/raw/" + seg(ref) + "/f/" + path(p));
    String file = p;
    return rest.find(uri, "Accept", "text/plain").map(x -> new FileContent(file, ref, x.body()));
  }

  @Override
  public Stream<Repository> forks(RepoId r) {
    RepoId up = r.withoutFork();
    URI first = api.resolve("projects?fork=True&pattern=" + q(up.name())
        + (up.namespace().isEmpty() ? "" : "&namespace=" + q(up.namespace())) + "&per_page=100");
    return list(first, "projects", p -> PagureMapper.repository(p, instance, null, null, null))
        .filter(f -> f.parent() != null && f.parent().equals(up));
  }

  @Override
  public Optional<Repository> fork(RepoId r, String owner) {
    return repository(r.withoutFork().forkOf(owner));
  }

  @Override
  public Repository forkOrCreate(RepoId r) {
    RepoId up = r.withoutFork();
    String owner = currentUser().login();
    Optional<Repository> existing = fork(up, owner);
    if (existing.isPresent()) {
      return existing.get();
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("repo", up.name());
    if (!up.namespace().isEmpty()) {
      form.put("namespace", up.namespace());
    }
    // wait=true: Pagure answers once the fork exists, no polling needed
    form.put("wait", "true");
    return Creates.createOnce(options, () -> {
      acl("fork_project", "fork " + up, () -> rest.form("POST", api.resolve("fork"), form, false));
      return fork(up, owner).orElseThrow(() -> new PackitException("Pagure reported forking " + up
          + " but fork/" + owner + "/" + up.fullName() + " does not exist", null));
    }, () -> fork(up, owner));
  }

  private static String statusWord(PrState s) {
    switch (s) {
      case OPEN:
        return "Open";
      case CLOSED:
        return "Closed";
      case MERGED:
        return "Merged";
      default:
        return "All";
    }
  }

  @Override
  public Stream<PullRequest> pullRequests(RepoId r, PrState state) {
    return list(project(r, "/pull-requests?status=" + statusWord(state) + "&page=1&per_page=100"), "requests",
        n -> PagureMapper.pullRequest(n, instance));
  }

  @Override
  public Optional<PullRequest> pullRequest(RepoId r, long number) {
    return rest.find(project(r, "/pull-request/" + number)).map(x -> PagureMapper.pullRequest(x.json(), instance));
  }

  @Override
  public Optional<PullRequest> findOpenPullRequest(RepoId r, String sourceBranch, String targetBranch, String author) {
    URI first = project(r, "/pull-requests?status=Open" + (author == null ? "" : "&author=" + q(author)) + "&page=1&per_page=100");
    try (Stream<PullRequest> s = list(first, "requests", n -> PagureMapper.pullRequest(n, instance))) {
      return s.filter(p -> p.sourceBranch().equals(sourceBranch) && p.targetBranch().equals(targetBranch)
          && (author == null || p.author().equals(author))).findFirst();
    }
  }

  @Override
  public PullRequest createPullRequest(RepoId r, PullRequestSpec spec) {
    RepoId target = r.withoutFork();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("title", spec.title());
    form.put("branch_to", spec.targetBranch());
    form.put("branch_from", spec.sourceBranch());
    if (!spec.body().isEmpty()) {
      form.put("initial_comment", spec.body());
    }
    RepoId source = spec.sourceRepo();
    if (source != null && source.forkOwner() != null) {
      // posted to the parent, naming the fork: posting on the fork's own URL is refused by Pagure
      form.put("repo_from", source.name());
      form.put("repo_from_username", source.forkOwner());
      if (!source.namespace().isEmpty()) {
        form.put("repo_from_namespace", source.namespace());
      }
    }
    URI uri = project(target, "/pull-request/new");
    return Creates.createOnce(options,
        () -> acl("pull_request_create", "open a pull request on " + target,
            () -> PagureMapper.pullRequest(rest.form("POST", uri, form, false).json(), instance)),
        () -> findOpenPullRequest(target, spec.sourceBranch(), spec.targetBranch(), currentUser().login()));
  }

  @Override
  public PullRequest updatePullRequest(RepoId r, long number, String title, String body) {
    PullRequest current = pullRequest(r, number).orElseThrow(() -> new PackitException("no pull request " + number + " in " + r, null));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("title", title == null ? current.title() : title);
    form.put("initial_comment", body == null ? current.body() : body);
    return acl("pull_request_update", "update pull request " + number + " of " + r,
        () -> PagureMapper.pullRequest(rest.form("POST", project(r, "/pull-request/" + number), form, true).json(), instance));
  }

  @Override
  public Comment comment(RepoId r, long number, String text) {
    acl("pull_request_comment", "comment on pull request " + number + " of " + r,
        () -> rest.form("POST", project(r, "/pull-request/" + number + "/comment"), Map.of("comment", text), false));
    return new Comment(0, text, currentUser().login(), options.clock().instant());
  }

  @Override
  public List<Comment> comments(RepoId r, long number) {
    JsonNode pr = rest.find(project(r, "/pull-request/" + number))
        .orElseThrow(() -> new PackitException("no pull request " + number + " in " + r, null)).json();
    List<Comment> out = new ArrayList<>();
    for (JsonNode c : pr.path("comments")) {
      out.add(PagureMapper.comment(c));
    }
    return out;
  }

  @Override
  public PullRequest closePullRequest(RepoId r, long number) {
    acl("pull_request_close", "close pull request " + number + " of " + r,
        () -> rest.empty("POST", project(r, "/pull-request/" + number + "/close"), true));
    return pullRequest(r, number).orElseThrow(() -> new PackitException("pull request " + number + " of " + r + " vanished", null));
  }

  @Override
  public PullRequest mergePullRequest(RepoId r, long number) {
    acl("pull_request_merge", "merge pull request " + number + " of " + r,
        () -> rest.empty("POST", project(r, "/pull-request/" + number + "/merge"), false));
    return pullRequest(r, number).orElseThrow(() -> new PackitException("pull request " + number + " of " + r + " vanished", null));
  }

  private Map<String, String> flagForm(CommitStatusSpec spec) {
    if (spec.targetUrl() == null) {
      throw new IllegalArgumentException("Pagure flags need a target URL");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", spec.context());
    form.put("comment", spec.description().isEmpty() ? spec.state().name().toLowerCase(java.util.Locale.ROOT) : spec.description());
    form.put("url", spec.targetUrl().toString());
    form.put("status", PagureMapper.stateWord(spec.state()));
    if (spec.uid() != null) {
      form.put("uid", spec.uid());
    }
    return form;
  }

  @Override
  public CommitStatus setCommitStatus(RepoId r, String sha, CommitStatusSpec spec) {
    Map<String, String> form = flagForm(spec);
    JsonNode n = acl("commit_flag", "flag commit " + sha + " of " + r,
        () -> rest.form("POST", project(r, "/c/" + seg(sha) + "/flag"), form, spec.uid() != null).json());
    return PagureMapper.flag(n.path("flag"), sha);
  }

  @Override
  public CommitStatus flagPullRequest(RepoId r, long number, CommitStatusSpec spec) {
    Map<String, String> form = flagForm(spec);
    JsonNode n = acl("pull_request_flag", "flag pull request " + number + " of " + r,
        () -> rest.form("POST", project(r, "/pull-request/" + number + "/flag"), form, spec.uid() != null).json());
    return PagureMapper.flag(n.path("flag"), null);
  }

  @Override
  public Stream<CommitStatus> commitStatuses(RepoId r, String sha) {
    List<CommitStatus> out = new ArrayList<>();
    rest.get(project(r, "/c/" + seg(sha) + "/flag")).json().path("flags").forEach(f -> out.add(PagureMapper.flag(f, sha)));
    return out.stream();
  }

  @Override
  public Map<String, String> changedFiles(RepoId r, long number) {
    URI uri = project(r, "/pull-request/" + number + "/diffstats");
    Duration pause = options.pollInterval();
    for (int attempt = 1; ; attempt++) {
      try {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : rest.get(uri).json().properties()) {
          out.put(e.getKey(), changeWord(Json.text(e.getValue(), "status")));
        }
        return out;
      } catch (PackitServiceException e) {
        if (e.status() != 400 || !e.bodyExcerpt().contains("ENOPRSTATS") || attempt >= 4) {
          throw e.status() == 400 && e.bodyExcerpt().contains("ENOPRSTATS")
              ? e.toBuilder().detail("Pagure has not computed the changes of pull request " + number + " of " + r
                  + " yet (ENOPRSTATS); try again later").retryable(true).build()
              : e;
        }
        options.pause(pause);
        pause = pause.multipliedBy(2);
      }
    }
  }

  private static String changeWord(String s) {
    if (s == null) {
      return "modified";
    }
    switch (s) {
      case "A":
        return "added";
      case "D":
        return "deleted";
      case "R":
        return "renamed";
      default:
        return "modified";
    }
  }

  @Override
  public Optional<User> user(String login) {
    return rest.find(api.resolve("user/" + seg(login))).map(x -> {
      JsonNode u = x.json().path("user");
      return new User(Json.text(u, "name"), Json.text(u, "fullname"), null);
    });
  }

  @Override
  public Optional<List<String>> groupMembers(String group) {
    return rest.find(api.resolve("group/" + seg(group))).map(x -> {
      List<String> out = new ArrayList<>();
      x.json().path("members").forEach(m -> out.add(m.asText()));
      return List.copyOf(out);
    });
  }

  @Override
  public Map<String, Object> settings(RepoId r) {
    JsonNode s = rest.get(project(r, "/options")).json().path("settings");
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : s.properties()) {
      JsonNode v = e.getValue();
      out.put(e.getKey(), v.isNull() ? null : v.isBoolean() ? v.asBoolean() : v.isNumber() ? v.numberValue() : v.asText());
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public Repository createProject(RepoId r, String description) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("name", r.name());
    form.put("description", description);
    if (!r.namespace().isEmpty()) {
      form.put("namespace", r.namespace());
    }
    try {
      acl("create_project", "create project " + r, () -> rest.form("POST", api.resolve("new"), form, false));
    } catch (PackitServiceException e) {
      if (e.status() == 400) {
        throw e.toBuilder().detail("Pagure rejected project " + r + ": " + fieldErrors(e.bodyExcerpt())).build();
      }
      throw e;
    }
    return repository(r).orElseThrow(() -> new PackitException("Pagure created " + r + " but cannot find it", null));
  }

  /** Renders {@code {"errors": {"namespace": ["Not a valid choice"]}}} as {@code namespace: Not a valid choice}. */
  static String fieldErrors(String body) {
    try {
      JsonNode n = Json.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, JsonNode> e : n.path("errors").properties()) {
        List<String> msgs = new ArrayList<>();
        e.getValue().forEach(m -> msgs.add(m.asText()));
        sb.append(sb.length() == 0 ? "" : "; ").append(e.getKey()).append(": ").append(String.join(", ", msgs));
      }
      String error = Json.text(n, "error");
      return sb.length() > 0 ? sb.toString() : error == null ? body : error;
    } catch (java.io.UncheckedIOException e) {
      return body;
    }
  }

  @Override
  public AccessLevel accessLevel(RepoId r, String user) {
    Optional<JsonNode> project = rest.find(project(r, "")).map(Rest.Response::json);
    if (project.isEmpty()) {
      return AccessLevel.NONE;
    }
    AccessLevel best = PagureMapper.userAccessLevel(project.get().path("access_users"), user);
    // Fedora grants commit to groups (SIGs) as often as to people: look into the groups whose ACL
    // would raise the level, highest ACL first, one request per group.
    JsonNode groups = project.get().path("access_groups");
    for (String acl : PagureMapper.ACLS_HIGHEST_FIRST) {
      AccessLevel level = PagureMapper.aclLevel(acl);
      if (!level.atLeast(best) || level == best) {
        continue;
      }
      for (JsonNode g : groups.path(acl)) {
        if (groupMembers(g.asText()).orElse(List.of()).contains(user)) {
          return level;
        }
      }
    }
    return best;
  }

  @Override
  public Optional<RateLimit> rateLimit() {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "PagureForge[" + instance + "]";
  }
}
