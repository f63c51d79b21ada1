package dev.packit.forge.internal.gitlab;

import static dev.packit.forge.spi.Rest.q;
import static dev.packit.forge.spi.Rest.seg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.packit.forge.gitlab.GitLabForge;
import dev.packit.forge.spi.ClientOptions;
import dev.packit.forge.spi.Creates;
import dev.packit.forge.spi.Json;
import dev.packit.forge.spi.LinkHeader;
import dev.packit.forge.spi.Paged;
import dev.packit.forge.spi.Rest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** GitLab API v4. */
public final class GitLabClient implements GitLabForge {
  private final Rest rest;
  private final URI api;
  private final ClientOptions options;
  private volatile User me;
  private final java.util.Map<RepoId, Long> ids = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param rest the HTTP client with auth and rate-limit handling
   * @param options the options; {@code baseUri} is the API root ({@code .../api/v4/})
   */
  public GitLabClient(Rest rest, ClientOptions options) {
    this.rest = rest;
    this.api = options.baseUri();
    this.options = options;
  }

  private URI byPath(RepoId r) {
    if (r.forkOwner() != null) {
      throw new IllegalArgumentException("GitLab has no fork/<user>/ paths; name the fork as <user>/<repo>: " + r);
    }
    return api.resolve("projects/" + seg(r.fullName()));
  }

  /**
   * Addresses a project by its numeric id, looked up once per path: ids survive renames and
   * transfers within a session, and they are what GitLab itself links to.
   */
  private URI project(RepoId r, String rest) {
    Long id = ids.get(r);
    if (id == null) {
      JsonNode n = this.rest.get(byPath(r)).json();
      id = Json.number(n, "id");
      ids.put(r, id);
    }
    return project(id, rest);
  }

  private URI project(long id, String rest) {
    return api.resolve("projects/" + id + rest);
  }

  /** Follows the {@code Link} header, else {@code X-Next-Page} (an empty value ends). */
  private <T> Stream<T> list(URI first, Function<JsonNode, T> map) {
    return Paged.stream(first, uri -> {
      Rest.Response r = rest.get(uri);
      List<T> items = new ArrayList<>();
      r.json().forEach(x -> items.add(map.apply(x)));
      return new Paged.Page<>(items, next(uri, r));
    });
  }

  static URI next(URI current, Rest.Response r) {
    // the Link header is GitLab's own URL of the next page (and the only hint past 10,000 rows)
    Optional<URI> link = LinkHeader.find(r.header("Link"), "next");
    if (link.isPresent()) {
      return link.get();
    }
    String nextPage = r.header("X-Next-Page");
    return nextPage == null || nextPage.isBlank() ? null : withPage(current, nextPage.trim());
  }

  static URI withPage(URI uri, String page) {
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    StringBuilder sb = new StringBuilder();
    for (String kv : query.split("&")) {
      if (!kv.isEmpty() && !kv.startsWith("page=")) {
        sb.append(sb.length() == 0 ? "" : "&").append(kv);
      }
    }
    sb.append(sb.length() == 0 ? "" : "&").append("page=").append(page);
    String s = uri.toString();
    int qm = s.indexOf('?');
    return URI.create((qm < 0 ? s : s.substring(0, qm)) + "?" + sb);
  }

  @Override
  public ForgeKind kind() {
    return ForgeKind.GITLAB;
  }

  @Override
  public User currentUser() {
    User u = me;
    if (u == null) {
      u = GitLabMapper.user(rest.get(api.resolve("user")).json());
      me = u;
    }
    return u;
  }

  @Override
  public Optional<Repository> repository(RepoId r) {
    return rest.find(byPath(r)).map(x -> {
      Repository repo = GitLabMapper.repository(x.json());
      ids.put(r, repo.forgeId());
      return repo;
    });
  }

  @Override
  public Stream<Branch> branches(RepoId r) {
    return list(project(r, "/repository/branches?per_page=100"), GitLabMapper::branch);
  }

  @Override
  public Optional<Branch> branch(RepoId r, String name) {
    return rest.find(project(r, "/repository/branches/" + seg(name))).map(x -> GitLabMapper.branch(x.json()));
  }

  @Override
  public Stream<Tag> tags(RepoId r) {
    return list(project(r, "/repository/tags?per_page=100"), GitLabMapper::tag);
  }

  @Override
  public Optional<Tag> tag(RepoId r, String name) {
    return rest.find(project(r, "/repository/tags/" + seg(name))).map(x -> GitLabMapper.tag(x.json()));
  }

  @Override
  public boolean supportsReleases() {
    return true;
  }

  @Override
  public Optional<Release> latestRelease(RepoId r) {
    // releases come sorted by released_at, newest first; skip upcoming ones
    try (Stream<Release> s = releases(r)) {
      return s.filter(x -> !x.prerelease()).findFirst();
    }
  }

  @Override
  public Optional<Release> release(RepoId r, String tag) {
    return rest.find(project(r, "/releases/" + seg(tag))).map(x -> GitLabMapper.release(x.json()));
  }

  @Override
  public Stream<Release> releases(RepoId r) {
    return list(project(r, "/releases?per_page=100"), GitLabMapper::release);
  }

  @Override
  public Release createRelease(RepoId r, ReleaseSpec spec) {
    ObjectNode b = Json.object().put("tag_name", spec.tagName()).put("name", spec.name()).put("description", spec.body());
    if (spec.ref() != null) {
      b.put("ref", spec.ref());
    }
    return Creates.createOnce(options,
        () -> GitLabMapper.release(rest.json("POST", project(r, "/releases"), b, false).json()),
        () -> release(r, spec.tagName()));
  }

  @Override
  public Optional<FileContent> file(RepoId r, String path, String ref) {
    String p = path;
    while (p.startsWith("./") || p.startsWith("/")) {
      p = p.substring(p.startsWith("./") ? 2 : 1);
    }
    return rest.find(project(r, "/repository/files/" + seg(p) + "?ref=" + q(ref))).map(x -> GitLabMapper.file(x.json(), ref));
  }

  @Override
  public Stream<Repository> forks(RepoId r) {
    return list(project(r, "/forks?per_page=100"), GitLabMapper::repository);
  }

  @Override
  public Optional<Repository> fork(RepoId r, String owner) {
    Optional<Repository> direct = repository(new RepoId(owner, r.name(), null))
        .filter(x -> x.parent() != null && x.parent().fullName().equalsIgnoreCase(r.fullName()));
    if (direct.isPresent()) {
      return direct;
    }
    try (Stream<Repository> all = forks(r)) {
      return all.filter(x -> x.id().namespace().equalsIgnoreCase(owner)).findFirst();
    }
  }

  @Override
  public Repository forkOrCreate(RepoId r) {
    String owner = currentUser().login();
    Repository fork = fork(r, owner).orElseGet(() -> Creates.createOnce(options, () -> GitLabMapper.repository(rest.json("POST", project(r, "/fork"), Json.object(), false).json()),
        () -> fork(r, owner)));
    return waitReady(fork);
  }

  /** A GitLab fork is imported in the background: poll until {@code import_status} is {@code finished}. */
  private Repository waitReady(Repository fork) {
    Instant deadline = options.clock().instant().plus(options.forkTimeout());
    Duration pause = options.pollInterval();
    Repository current = fork;
    while (!current.ready()) {
      if (!options.clock().instant().plus(pause).isBefore(deadline)) {
        throw new PackitException("the fork " + fork.id() + " was not ready after " + options.forkTimeout().toSeconds()
            + " s; GitLab imports forks in the background, try again later", null);
      }
      options.pause(pause);
      pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : pause.multipliedBy(2);
      JsonNode n = rest.get(project(fork.forgeId(), "")).json();
      if ("failed".equals(Json.text(n, "import_status"))) {
        throw new PackitException("GitLab failed to create the fork " + fork.id() + ": " + Json.text(n, "import_error"), null);
      }
      current = GitLabMapper.repository(n);
    }
    return current;
  }

  private static String stateWord(PrState s) {
    switch (s) {
      case OPEN:
        return "opened";
      case CLOSED:
        return "closed";
      case MERGED:
        return "merged";
      default:
        return "all";
    }
  }

  @Override
  public Stream<PullRequest> pullRequests(RepoId r, PrState state) {
    return list(project(r, "/merge_requests?state=" + stateWord(state) + "&order_by=updated_at&sort=desc&per_page=100"),
        n -> GitLabMapper.mergeRequest(n, null));
  }

  @Override
  public Optional<PullRequest> pullRequest(RepoId r, long number) {
    return rest.find(project(r, "/merge_requests/" + number)).map(x -> GitLabMapper.mergeRequest(x.json(), null));
  }

  @Override
  public Optional<PullRequest> findOpenPullRequest(RepoId r, String sourceBranch, String targetBranch, String author) {
    URI first = project(r, "/merge_requests?state=opened&source_branch=" + q(sourceBranch) + "&target_branch="
        + q(targetBranch) + (author == null ? "" : "&author_username=" + q(author)) + "&per_page=100");
    try (Stream<PullRequest> s = list(first, n -> GitLabMapper.mergeRequest(n, null))) {
      return s.filter(p -> p.sourceBranch().equals(sourceBranch) && p.targetBranch().equals(targetBranch)
          && (author == null || p.author().equalsIgnoreCase(author))).findFirst();
    }
  }

  @Override
  public PullRequest createPullRequest(RepoId r, PullRequestSpec spec) {
    // the merge request is created on the source (fork) project and points at the target by id
    RepoId source = spec.sourceRepo() == null ? r : spec.sourceRepo();
    long targetId = source.equals(r) ? 0 : repository(r).orElseThrow(() -> new PackitException("no GitLab project " + r, null)).forgeId();
    ObjectNode b = Json.object().put("source_branch", spec.sourceBranch()).put("target_branch", spec.targetBranch())
        .put("title", spec.title()).put("description", spec.body());
    if (targetId != 0) {
      b.put("target_project_id", targetId);
    }
    URI uri = project(source, "/merge_requests");
    return Creates.createOnce(options, () -> {
      try {
        return GitLabMapper.mergeRequest(rest.json("POST", uri, b, false).json(), source);
      } catch (PackitServiceException e) {
        if (e.status() == 409) {
          throw PackitServiceException.builder().service("gitlab").method("POST").url(uri.toString()).status(409)
              .body(e.bodyExcerpt()).detail("a merge request from " + source + ":" + spec.sourceBranch() + " into "
                  + spec.targetBranch() + " is already open; use findOpenPullRequest and updatePullRequest")
              .cause(e).buildConflict();
        }
        throw e;
      }
    }, () -> findOpenPullRequest(r, spec.sourceBranch(), spec.targetBranch(), currentUser().login()));
  }

  @Override
  public PullRequest updatePullRequest(RepoId r, long number, String title, String body) {
    ObjectNode b = Json.object();
    if (title != null) {
      b.put("title", title);
    }
    if (body != null) {
      b.put("description", body);
    }
    return GitLabMapper.mergeRequest(rest.json("PUT", project(r, "/merge_requests/" + number), b, true).json(), null);
  }

  @Override
  public Comment comment(RepoId r, long number, String text) {
    return GitLabMapper.note(rest.json("POST", project(r, "/merge_requests/" + number + "/notes"),
        Json.object().put("body", text), false).json());
  }

  @Override
  public List<Comment> comments(RepoId r, long number) {
    URI first = project(r, "/merge_requests/" + number + "/notes?sort=asc&order_by=created_at&per_page=100");
    // System notes ("added 1 commit", "changed the description") are GitLab's, not anyone's comments.
    try (Stream<JsonNode> s = list(first, n -> n)) {
      return s.filter(n -> !n.path("system").asBoolean(false)).map(GitLabMapper::note).toList();
    }
  }

  @Override
  public PullRequest closePullRequest(RepoId r, long number) {
    return GitLabMapper.mergeRequest(rest.json("PUT", project(r, "/merge_requests/" + number),
        Json.object().put("state_event", "close"), true).json(), null);
  }

  @Override
  public CommitStatus setCommitStatus(RepoId r, String sha, CommitStatusSpec spec) {
    ObjectNode b = Json.object().put("state", GitLabMapper.stateWord(spec.state())).put("name", spec.context())
        .put("description", spec.description());
    if (spec.targetUrl() != null) {
      b.put("target_url", spec.targetUrl().toString());
    }
    return GitLabMapper.status(rest.json("POST", project(r, "/statuses/" + seg(sha)), b, true).json());
  }

  @Override
  public Stream<CommitStatus> commitStatuses(RepoId r, String sha) {
    return list(project(r, "/repository/commits/" + seg(sha) + "/statuses?per_page=100"), GitLabMapper::status);
  }

  @Override
  public AccessLevel accessLevel(RepoId r, String user) {
    // Members are addressed by id: find the user's first (usernames are unique, the match exact).
    JsonNode users = rest.get(api.resolve("users?username=" + q(user))).json();
    for (JsonNode u : users) {
      if (user.equalsIgnoreCase(Json.text(u, "username"))) {
        // members/all: inherited (group) memberships count, as they do for pushing
        return rest.find(project(r, "/members/all/" + Json.number(u, "id")))
            .map(x -> GitLabMapper.accessLevel(x.json().path("access_level").asInt(0))).orElse(AccessLevel.NONE);
      }
    }
    return AccessLevel.NONE;
  }

  @Override
  public Optional<RateLimit> rateLimit() {
    Rest.Response r = rest.head(api.resolve("user"));
    String limit = r.header("RateLimit-Limit");
    String remaining = r.header("RateLimit-Remaining");
    if (limit == null || remaining == null) {
      return Optional.empty();
    }
    String reset = r.header("RateLimit-Reset");
    return Optional.of(new RateLimit(Long.parseLong(limit.trim()), Long.parseLong(remaining.trim()),
        reset == null ? null : Instant.ofEpochSecond(Long.parseLong(reset.trim()))));
  }

  @Override
  public String toString() {
    return "GitLabForge[" + api + "]";
  }
}
