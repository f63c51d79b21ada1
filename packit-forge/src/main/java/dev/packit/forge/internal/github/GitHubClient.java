package dev.packit.forge.internal.github;

import static dev.packit.forge.spi.Rest.path;
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
import dev.packit.forge.github.CheckRun;
import dev.packit.forge.github.CheckRunSpec;
import dev.packit.forge.github.ContentEntry;
import dev.packit.forge.github.GitHubForge;
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

/** GitHub REST v3. */
public final class GitHubClient implements GitHubForge {
  private final Rest rest;
  private final URI api;
  private final ClientOptions options;
  private volatile User me;

  /**
   * @param rest the HTTP client with auth and rate-limit handling
   * @param options the options; {@code baseUri} is the API root
   */
  public GitHubClient(Rest rest, ClientOptions options) {
    this.rest = rest;
    this.api = options.baseUri();
    this.options = options;
  }

  private URI repo(RepoId r, String rest) {
    if (r.forkOwner() != null) {
      throw new IllegalArgumentException("GitHub has no fork/<user>/ paths; name the fork as <user>/<repo>: " + r);
    }
    return api.resolve("repos/" + r.fullName() + rest);
  }

  private <T> Stream<T> list(URI first, Function<JsonNode, T> map) {
    return Paged.stream(first, uri -> {
      Rest.Response r = rest.get(uri);
      List<T> items = new ArrayList<>();
      JsonNode n = r.json();
      JsonNode array = n.isArray() ? n : n.path("check_runs");
      array.forEach(x -> items.add(map.apply(x)));
      return new Paged.Page<>(items, LinkHeader.find(r.header("Link"), "next").orElse(null));
    });
  }

  @Override
  public ForgeKind kind() {
    return ForgeKind.GITHUB;
  }

  @Override
  public User currentUser() {
    User u = me;
    if (u == null) {
      u = GitHubMapper.user(rest.get(api.resolve("user")).json());
      me = u;
    }
    return u;
  }

  @Override
  public Optional<Repository> repository(RepoId r) {
    return rest.find(repo(r, "")).map(x -> GitHubMapper.repository(x.json(), null));
  }

  @Override
  public Stream<Branch> branches(RepoId r) {
    return list(repo(r, "/branches?per_page=100"), GitHubMapper::branch);
  }

  @Override
  public Optional<Branch> branch(RepoId r, String name) {
    return rest.find(repo(r, "/branches/" + seg(name))).map(x -> GitHubMapper.branch(x.json()));
  }

  @Override
  public Stream<Tag> tags(RepoId r) {
    return list(repo(r, "/tags?per_page=100"), GitHubMapper::tag);
  }

  @Override
  public boolean supportsReleases() {
    return true;
  }

  @Override
  public Optional<Release> latestRelease(RepoId r) {
    return rest.find(repo(r, "/releases/latest")).map(x -> GitHubMapper.release(x.json()));
  }

  @Override
  public Optional<Release> release(RepoId r, String tag) {
    return rest.find(repo(r, "/releases/tags/" + seg(tag))).map(x -> GitHubMapper.release(x.json()));
  }

  @Override
  public Optional<Release> release(RepoId r, long id) {
    return rest.find(repo(r, "/releases/" + id)).map(x -> GitHubMapper.release(x.json()));
  }

  @Override
  public Stream<Release> releases(RepoId r) {
    return list(repo(r, "/releases?per_page=100"), GitHubMapper::release);
  }

  @Override
  public Release createRelease(RepoId r, ReleaseSpec spec) {
    ObjectNode body = Json.object().put("tag_name", spec.tagName()).put("name", spec.name()).put("body", spec.body());
    if (spec.ref() != null) {
      body.put("target_commitish", spec.ref());
    }
    return Creates.createOnce(options,
        () -> GitHubMapper.release(rest.json("POST", repo(r, "/releases"), body, false).json()),
        () -> release(r, spec.tagName()));
  }

  @Override
  public Optional<FileContent> file(RepoId r, String filePath, String ref) {
    return rest.find(repo(r, "/contents/" + path(strip(filePath)) + "?ref=" + q(ref))).map(x -> {
      JsonNode n = x.json();
      if (n.isArray() || !"file".equals(Json.text(n, "type"))) {
        throw new IllegalArgumentException(filePath + " at " + ref + " in " + r + " is not a file");
      }
      return GitHubMapper.file(n, ref);
    });
  }

  @Override
  public List<ContentEntry> directory(RepoId r, String dir, String ref) {
    JsonNode n = rest.get(repo(r, "/contents/" + path(strip(dir)) + "?ref=" + q(ref))).json();
    if (!n.isArray()) {
      throw new IllegalArgumentException(dir + " at " + ref + " in " + r + " is not a directory");
    }
    List<ContentEntry> out = new ArrayList<>();
    n.forEach(e -> out.add(new ContentEntry(Json.text(e, "name"), Json.text(e, "path"), Json.text(e, "type"),
        Json.text(e, "sha"), Json.number(e, "size"))));
    return out;
  }

  private static String strip(String p) {
    String s = p;
    while (s.startsWith("./") || s.startsWith("/")) {
      s = s.substring(s.startsWith("./") ? 2 : 1);
    }
    return s;
  }

  @Override
  public Stream<Repository> forks(RepoId r) {
    return list(repo(r, "/forks?per_page=100"), n -> GitHubMapper.repository(n, r));
  }

  @Override
  public Optional<Repository> fork(RepoId r, String owner) {
    // the fork keeps the name unless renamed; GET answers a redirect-free 404 when absent
    Optional<Repository> direct = repository(new RepoId(owner, r.name(), null))
        .filter(x -> x.parent() != null && x.parent().fullName().equalsIgnoreCase(r.fullName()));
    if (direct.isPresent()) {
      return direct;
    }
    try (Stream<Repository> all = forks(r)) {
      return all.filter(x -> x.owner().equalsIgnoreCase(owner)).findFirst();
    }
  }

  @Override
  public Repository forkOrCreate(RepoId r) {
    String owner = currentUser().login();
    Repository fork = fork(r, owner).orElseGet(() -> Creates.createOnce(options, () -> GitHubMapper.repository(rest.json("POST", repo(r, "/forks"), Json.object(), false).json(), r),
        () -> fork(r, owner)));
    return waitReady(fork);
  }

  /** GitHub answers 202 at once; the fork has git data only when it lists a branch. */
  private Repository waitReady(Repository fork) {
    Instant deadline = options.clock().instant().plus(options.forkTimeout());
    Duration pause = options.pollInterval();
    while (true) {
      Optional<Repository> now = repository(fork.id());
      if (now.isPresent()) {
        boolean hasBranch;
        try (Stream<Branch> b = list(repo(fork.id(), "/branches?per_page=1"), GitHubMapper::branch)) {
          hasBranch = b.findAny().isPresent();
        }
        if (hasBranch) {
          return now.get();
        }
      }
      if (!options.clock().instant().plus(pause).isBefore(deadline)) {
        throw new PackitException("the fork " + fork.id() + " was not ready after " + options.forkTimeout().toSeconds()
            + " s; GitHub forks asynchronously, try again later", null);
      }
      options.pause(pause);
      pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : pause.multipliedBy(2);
    }
  }

  @Override
  public Stream<PullRequest> pullRequests(RepoId r, PrState state) {
    String s = state == PrState.OPEN ? "open" : state == PrState.ALL ? "all" : "closed";
    Stream<PullRequest> all = list(repo(r, "/pulls?state=" + s + "&sort=updated&direction=desc&per_page=100"),
        GitHubMapper::pullRequest);
    return state == PrState.MERGED || state == PrState.CLOSED ? all.filter(p -> p.state() == state) : all;
  }

  @Override
  public Optional<PullRequest> pullRequest(RepoId r, long number) {
    return rest.find(repo(r, "/pulls/" + number)).map(x -> GitHubMapper.pullRequest(x.json()));
  }

  @Override
  public Optional<PullRequest> findOpenPullRequest(RepoId r, String sourceBranch, String targetBranch, String author) {
    return findOpen(r, author, sourceBranch, targetBranch, author);
  }

  private Optional<PullRequest> findOpen(RepoId r, String headOwner, String sourceBranch, String targetBranch, String author) {
    // head= filters on the server; a fork in an organisation has another head owner, so the
    // author is checked here as well
    URI first = repo(r, "/pulls?state=open&head=" + q(headOwner + ":" + sourceBranch) + "&base=" + q(targetBranch)
        + "&per_page=100");
    try (Stream<PullRequest> s = list(first, GitHubMapper::pullRequest)) {
      return s.filter(p -> p.sourceBranch().equals(sourceBranch) && p.targetBranch().equals(targetBranch)
          && (author == null || p.author().equalsIgnoreCase(author))).findFirst();
    }
  }

  @Override
  public PullRequest createPullRequest(RepoId r, PullRequestSpec spec) {
    String headOwner = spec.sourceRepo() == null ? r.namespace() : spec.sourceRepo().namespace();
    String head = spec.sourceRepo() == null ? spec.sourceBranch() : headOwner + ":" + spec.sourceBranch();
    // maintainers may push fixes to the bot's branch, as the GitHub UI defaults to
    ObjectNode body = Json.object().put("title", spec.title()).put("head", head).put("base", spec.targetBranch())
        .put("body", spec.body()).put("maintainer_can_modify", true);
    return Creates.createOnce(options, () -> {
      try {
        return GitHubMapper.pullRequest(rest.json("POST", repo(r, "/pulls"), body, false).json());
      } catch (PackitServiceException e) {
        if (e.status() == 422 && e.getMessage().contains("already exists")) {
          throw PackitServiceException.builder().service("github").method("POST").url(repo(r, "/pulls").toString())
              .status(422).body(e.bodyExcerpt()).detail("a pull request from " + head + " into " + spec.targetBranch()
                  + " is already open; use findOpenPullRequest and updatePullRequest").cause(e).buildConflict();
        }
        throw e;
      }
    }, () -> findOpen(r, headOwner, spec.sourceBranch(), spec.targetBranch(), currentUser().login()));
  }

  @Override
  public PullRequest updatePullRequest(RepoId r, long number, String title, String body) {
    ObjectNode b = Json.object();
    if (title != null) {
      b.put("title", title);
    }
    if (body != null) {
      b.put("body", body);
    }
    return GitHubMapper.pullRequest(rest.json("PATCH", repo(r, "/pulls/" + number), b, true).json());
  }

  @Override
  public Comment comment(RepoId r, long number, String text) {
    return GitHubMapper.comment(rest.json("POST", repo(r, "/issues/" + number + "/comments"),
        Json.object().put("body", text), false).json());
  }

  @Override
  public List<Comment> comments(RepoId r, long number) {
    // A pull request's conversation is its issue's comments (review comments on lines are not).
    try (Stream<Comment> s = list(repo(r, "/issues/" + number + "/comments?per_page=100"), GitHubMapper::comment)) {
      return s.toList();
    }
  }

  @Override
  public PullRequest closePullRequest(RepoId r, long number) {
    return GitHubMapper.pullRequest(rest.json("PATCH", repo(r, "/pulls/" + number), Json.object().put("state", "closed"), true).json());
  }

  @Override
  public CommitStatus setCommitStatus(RepoId r, String sha, CommitStatusSpec spec) {
    ObjectNode b = Json.object().put("state", GitHubMapper.stateWord(spec.state())).put("context", spec.context())
        .put("description", spec.description());
    if (spec.targetUrl() != null) {
      b.put("target_url", spec.targetUrl().toString());
    }
    // a status is keyed by context: setting it twice is harmless, so it may be retried
    return GitHubMapper.status(rest.json("POST", repo(r, "/statuses/" + seg(sha)), b, true).json(), sha);
  }

  @Override
  public Stream<CommitStatus> commitStatuses(RepoId r, String sha) {
    return list(repo(r, "/statuses/" + seg(sha) + "?per_page=100"), n -> GitHubMapper.status(n, sha));
  }

  @Override
  public AccessLevel accessLevel(RepoId r, String user) {
    // 404: no such user (or a repository the token cannot see): no access either way.
    return rest.find(repo(r, "/collaborators/" + seg(user) + "/permission"))
        .map(x -> GitHubMapper.accessLevel(x.json())).orElse(AccessLevel.NONE);
  }

  @Override
  public Optional<RateLimit> rateLimit() {
    return Optional.of(GitHubMapper.rateLimit(rest.get(api.resolve("rate_limit")).json()));
  }

  @Override
  public CheckRun createCheckRun(RepoId r, CheckRunSpec spec) {
    ObjectNode b = Json.object().put("name", spec.name()).put("head_sha", spec.headSha()).put("status", spec.status());
    if (spec.conclusion() != null) {
      b.put("conclusion", spec.conclusion());
    }
    if (spec.detailsUrl() != null) {
      b.put("details_url", spec.detailsUrl().toString());
    }
    if (spec.externalId() != null) {
      b.put("external_id", spec.externalId());
    }
    if (spec.title() != null || spec.summary() != null) {
      b.putObject("output").put("title", spec.title()).put("summary", spec.summary());
    }
    return checkRun(rest.json("POST", repo(r, "/check-runs"), b, false).json());
  }

  @Override
  public Stream<CheckRun> checkRuns(RepoId r, String sha) {
    return list(repo(r, "/commits/" + seg(sha) + "/check-runs?per_page=100"), GitHubClient::checkRun);
  }

  static CheckRun checkRun(JsonNode n) {
    JsonNode out = n.path("output");
    return new CheckRun(Json.number(n, "id"), Json.text(n, "name"), Json.text(n, "head_sha"), Json.text(n, "status"),
        Json.text(n, "conclusion"), Json.text(out, "title"), Json.text(out, "summary"), Json.uri(n, "details_url"),
        Json.uri(n, "html_url"), Json.instant(n, "started_at"), Json.instant(n, "completed_at"));
  }

  @Override
  public String toString() {
    return "GitHubForge[" + api + "]";
  }
}
