package dev.packit.forge.internal.forgejo;

import static dev.packit.forge.spi.Rest.path;
import static dev.packit.forge.spi.Rest.q;
import static dev.packit.forge.spi.Rest.seg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.packit.core.ConflictException;
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
import dev.packit.forge.forgejo.ForgejoForge;
import dev.packit.forge.forgejo.ReleaseAsset;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forgejo API v1 (and Gitea, which speaks the same API; differences are in docs/forges.md). */
public final class ForgejoClient implements ForgejoForge {
  private static final Logger LOG = LoggerFactory.getLogger(ForgejoClient.class);
  /** Forgejo caps pages at its MAX_RESPONSE_ITEMS (50 by default); asking for more is harmless. */
  private static final int PAGE_SIZE = 50;
  private static final Pattern PAGE = Pattern.compile("([?&])page=\\d+");

  private final Rest rest;
  private final URI instance;
  private final URI api;
  private final ClientOptions options;
  private volatile User me;

  /**
   * @param rest the HTTP client with auth
   * @param options the options; {@code baseUri} is the instance root
   */
  public ForgejoClient(Rest rest, ClientOptions options) {
    this.rest = rest;
    this.instance = options.baseUri();
    this.api = instance.resolve("api/v1/");
    this.options = options;
  }

  private static void check(RepoId r) {
    if (r.forkOwner() != null) {
      throw new IllegalArgumentException("Forgejo has no fork/<user>/ paths; a fork is <user>/<repo>: " + r);
    }
    if (r.namespace().contains("/")) {
      throw new IllegalArgumentException("a Forgejo repository is <owner>/<repo>, without subgroups: " + r);
    }
  }

  private URI repo(RepoId r, String rest) {
    check(r);
    return api.resolve("repos/" + seg(r.namespace()) + "/" + seg(r.name()) + rest);
  }

  /**
   * Pages with {@code page}/{@code limit}: the next page is the {@code Link} header's {@code next}
   * when there is one (Forgejo sends {@code Link} only when there is more than one page); without
   * any {@code Link}, the next page number while fewer items than {@code X-Total-Count} were seen
   * (a proxy may drop {@code Link}); an empty page ends it.
   */
  private <T> Stream<T> list(URI first, Function<JsonNode, T> map) {
    AtomicLong seen = new AtomicLong();
    return Paged.stream(first, uri -> {
      Rest.Response r = rest.get(uri);
      List<T> items = new ArrayList<>();
      r.json().forEach(x -> items.add(map.apply(x)));
      if (items.isEmpty()) {
        return new Paged.Page<>(items, null);
      }
      long total = seen.addAndGet(items.size());
      String link = r.header("Link");
      URI next = LinkHeader.find(link, "next").orElse(null);
      // a Link header without next is the last page; without any Link, X-Total-Count tells
      if (next == null && (link == null || link.isBlank())) {
        String count = r.header("X-Total-Count");
        if (count != null && count.trim().matches("\\d{1,18}") && total < Long.parseLong(count.trim())) {
          next = nextPage(uri);
        }
      }
      return new Paged.Page<>(items, next);
    });
  }

  private static URI nextPage(URI uri) {
    String s = uri.toString();
    Matcher m = PAGE.matcher(s);
    if (m.find()) {
      int page = Integer.parseInt(s.substring(m.start() + 6, m.end()));
      return URI.create(s.substring(0, m.start()) + m.group(1) + "page=" + (page + 1) + s.substring(m.end()));
    }
    return URI.create(s + (s.contains("?") ? "&" : "?") + "page=2");
  }

  private static String paging(String query) {
    return (query.isEmpty() ? "?" : query + "&") + "page=1&limit=" + PAGE_SIZE;
  }

  @Override
  public ForgeKind kind() {
    return ForgeKind.FORGEJO;
  }

  @Override
  public User currentUser() {
    User u = me;
    if (u == null) {
      u = ForgejoMapper.user(rest.get(api.resolve("user")).json());
      me = u;
    }
    return u;
  }

  @Override
  public String serverVersion() {
    return Json.text(rest.get(api.resolve("version")).json(), "version");
  }

  @Override
  public Optional<Repository> repository(RepoId r) {
    return rest.find(repo(r, "")).map(x -> ForgejoMapper.repository(x.json(), null));
  }

  @Override
  public Repository createRepository(String name, String description, boolean isPrivate) {
    ObjectNode body = Json.object().put("name", name).put("description", description == null ? "" : description)
        .put("private", isPrivate);
    String owner = currentUser().login();
    return Creates.createOnce(options,
        () -> ForgejoMapper.repository(rest.json("POST", api.resolve("user/repos"), body, false).json(), null),
        () -> repository(new RepoId(owner, name, null)));
  }

  @Override
  public Stream<Branch> branches(RepoId r) {
    return list(repo(r, "/branches" + paging("")), ForgejoMapper::branch);
  }

  @Override
  public Optional<Branch> branch(RepoId r, String name) {
    return rest.find(repo(r, "/branches/" + seg(name))).map(x -> ForgejoMapper.branch(x.json()));
  }

  @Override
  public Stream<Tag> tags(RepoId r) {
    return list(repo(r, "/tags" + paging("")), ForgejoMapper::tag);
  }

  @Override
  public Optional<Tag> tag(RepoId r, String name) {
    return rest.find(repo(r, "/tags/" + seg(name))).map(x -> ForgejoMapper.tag(x.json()));
  }

  @Override
  public Stream<String> commits(RepoId r, String ref) {
    String query = ref == null ? "" : "?sha=" + q(ref);
    return list(repo(r, "/commits" + paging(query)), n -> Json.text(n, "sha"));
  }

  @Override
  public boolean supportsReleases() {
    return true;
  }

  @Override
  public Optional<Release> latestRelease(RepoId r) {
    // The newest published release that is not a pre-release, as GitHub's "latest" means.
    JsonNode page = rest.get(repo(r, "/releases?draft=false&pre-release=false&page=1&limit=1")).json();
    return page.isArray() && page.size() > 0 ? Optional.of(ForgejoMapper.release(page.get(0))) : Optional.empty();
  }

  @Override
  public Optional<Release> release(RepoId r, String tag) {
    return rest.find(repo(r, "/releases/tags/" + seg(tag))).map(x -> ForgejoMapper.release(x.json()));
  }

  @Override
  public Optional<List<ReleaseAsset>> releaseAssets(RepoId r, String tag) {
    return rest.find(repo(r, "/releases/tags/" + seg(tag))).map(x -> ForgejoMapper.assets(x.json()));
  }

  @Override
  public ReleaseAsset uploadReleaseAsset(RepoId r, String tag, java.nio.file.Path file) {
    String name = file.getFileName().toString();
    long id = Json.number(rest.get(repo(r, "/releases/tags/" + seg(tag))).json(), "id");
    dev.packit.core.http.MultipartBody form = dev.packit.core.http.MultipartBody.builder().file("attachment", file).build();
    return Creates.createOnce(options,
        () -> ForgejoMapper.asset(rest.send("POST", repo(r, "/releases/" + id + "/assets?name=" + q(name)), form, false).json()),
        () -> releaseAssets(r, tag).flatMap(all -> all.stream().filter(a -> a.name().equals(name)).findFirst()));
  }

  @Override
  public Stream<Release> releases(RepoId r) {
    return list(repo(r, "/releases" + paging("")), ForgejoMapper::release);
  }

  @Override
  public Release createRelease(RepoId r, ReleaseSpec spec) {
    ObjectNode body = Json.object().put("tag_name", spec.tagName()).put("name", spec.name()).put("body", spec.body());
    if (spec.ref() != null) {
      body.put("target_commitish", spec.ref());
    }
    return Creates.createOnce(options, () -> {
      try {
        return ForgejoMapper.release(rest.json("POST", repo(r, "/releases"), body, false).json());
      } catch (ConflictException e) {
        throw conflict(e, "POST", repo(r, "/releases"), "the tag " + spec.tagName() + " already has a release; use release() and updateRelease()");
      }
    }, () -> release(r, spec.tagName()));
  }

  @Override
  public Release updateRelease(RepoId r, String tag, String name, String body) {
    JsonNode existing = rest.get(repo(r, "/releases/tags/" + seg(tag))).json();
    long id = Json.number(existing, "id");
    ObjectNode b = Json.object();
    if (name != null) {
      b.put("name", name);
    }
    if (body != null) {
      b.put("body", body);
    }
    return ForgejoMapper.release(rest.json("PATCH", repo(r, "/releases/" + id), b, true).json());
  }

  @Override
  public Optional<FileContent> file(RepoId r, String filePath, String ref) {
    return rest.find(repo(r, "/contents/" + path(strip(filePath)) + (ref == null ? "" : "?ref=" + q(ref)))).map(x -> {
      JsonNode n = x.json();
      if (n.isArray() || !"file".equals(Json.text(n, "type"))) {
        throw new IllegalArgumentException(filePath + " at " + ref + " in " + r + " is not a file");
      }
      return ForgejoMapper.file(n, ref);
    });
  }

  @Override
  public Optional<byte[]> rawFile(RepoId r, String filePath, String ref) {
    return rest.find(repo(r, "/raw/" + path(strip(filePath)) + (ref == null ? "" : "?ref=" + q(ref))),
        "Accept", "application/octet-stream").map(Rest.Response::body);
  }

  @Override
  public List<String> directory(RepoId r, String dir, String ref) {
    JsonNode n = rest.get(repo(r, "/contents/" + path(strip(dir)) + (ref == null ? "" : "?ref=" + q(ref)))).json();
    if (!n.isArray()) {
      throw new IllegalArgumentException(dir + " at " + ref + " in " + r + " is not a directory");
    }
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(Json.text(e, "path") + ("dir".equals(Json.text(e, "type")) ? "/" : "")));
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
    return list(repo(r, "/forks" + paging("")), n -> ForgejoMapper.repository(n, r));
  }

  @Override
  public Optional<Repository> fork(RepoId r, String owner) {
    // a fork keeps the name unless it had to be renamed; the fork list finds a renamed one
    Optional<Repository> direct = repository(new RepoId(owner, r.name(), null)).filter(x -> r.equals(x.parent()));
    return direct.isPresent() ? direct : listedFork(r, owner);
  }

  private Optional<Repository> listedFork(RepoId r, String owner) {
    try (Stream<Repository> all = forks(r)) {
      return all.filter(x -> x.owner().equalsIgnoreCase(owner)).findFirst();
    }
  }

  @Override
  public Repository forkOrCreate(RepoId r) {
    String owner = currentUser().login();
    Optional<Repository> sameName = repository(new RepoId(owner, r.name(), null));
    if (sameName.isPresent() && r.equals(sameName.get().parent())) {
      return sameName.get();
    }
    ObjectNode body = Json.object();
    if (sameName.isPresent()) {
      // <user>/<name> is another repository (e.g. a package of the same name in another org):
      // the fork may exist under another name, else it needs one
      Optional<Repository> listed = listedFork(r, owner);
      if (listed.isPresent()) {
        return listed.get();
      }
      body.put("name", r.namespace() + "-" + r.name());
    }
    URI forks = repo(r, "/forks");
    Repository created = Creates.createOnce(options, () -> {
      try {
        return ForgejoMapper.repository(rest.json("POST", forks, body, false).json(), r);
      } catch (ConflictException e) {
        // "repository is already forked by user": the fork exists under a name we did not look at
        return listedFork(r, owner).orElseThrow(() -> conflict(e, "POST", forks,
            owner + " already has a fork of " + r + " that the fork list does not show"));
      }
    }, () -> fork(r, owner));
    return waitReady(created);
  }

  /** Forgejo forks before it answers 202; the fork is still looked up until it is served. */
  private Repository waitReady(Repository fork) {
    Instant deadline = options.clock().instant().plus(options.forkTimeout());
    Duration pause = options.pollInterval();
    while (true) {
      Optional<Repository> now = repository(fork.id());
      if (now.isPresent()) {
        return now.get();
      }
      if (!options.clock().instant().plus(pause).isBefore(deadline)) {
        throw new PackitException("the fork " + fork.id() + " was not served after " + options.forkTimeout().toSeconds()
            + " s although Forgejo accepted it", null);
      }
      options.pause(pause);
      pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : pause.multipliedBy(2);
    }
  }

  @Override
  public Stream<PullRequest> pullRequests(RepoId r, PrState state) {
    String s = state == PrState.OPEN ? "open" : state == PrState.ALL ? "all" : "closed";
    Stream<PullRequest> all = list(repo(r, "/pulls" + paging("?state=" + s)), ForgejoMapper::pullRequest);
    return state == PrState.MERGED || state == PrState.CLOSED ? all.filter(p -> p.state() == state) : all;
  }

  @Override
  public Optional<PullRequest> pullRequest(RepoId r, long number) {
    return rest.find(repo(r, "/pulls/" + number)).map(x -> ForgejoMapper.pullRequest(x.json()));
  }

  @Override
  public Optional<Boolean> maintainerCanEdit(RepoId r, long number) {
    return rest.find(repo(r, "/pulls/" + number)).map(x -> Json.bool(x.json(), "allow_maintainer_edit"));
  }

  @Override
  public Optional<PullRequest> findOpenPullRequest(RepoId r, String sourceBranch, String targetBranch, String author) {
    return findOpen(r, null, sourceBranch, targetBranch, author);
  }

  private Optional<PullRequest> findOpen(RepoId r, String headOwner, String sourceBranch, String targetBranch, String author) {
    // Forgejo cannot filter by head or base on the server (Gitea has base_branch); poster it has
    String query = "?state=open" + (author == null ? "" : "&poster=" + q(author));
    try (Stream<PullRequest> s = list(repo(r, "/pulls" + paging(query)), ForgejoMapper::pullRequest)) {
      return s.filter(p -> p.sourceBranch().equals(sourceBranch) && p.targetBranch().equals(targetBranch)
          && (author == null || p.author().equalsIgnoreCase(author))
          && (headOwner == null || (p.source() != null && p.source().namespace().equalsIgnoreCase(headOwner)))).findFirst();
    }
  }

  @Override
  public PullRequest createPullRequest(RepoId r, PullRequestSpec spec) {
    check(r);
    boolean cross = spec.sourceRepo() != null && !spec.sourceRepo().equals(r);
    String headOwner = cross ? spec.sourceRepo().namespace() : r.namespace();
    String head = cross ? headOwner + ":" + spec.sourceBranch() : spec.sourceBranch();
    // CreatePullRequestOption has no allow_maintainer_edit on Forgejo: it is set by a PATCH below
    ObjectNode body = Json.object().put("title", spec.title()).put("head", head).put("base", spec.targetBranch())
        .put("body", spec.body());
    URI pulls = repo(r, "/pulls");
    PullRequest pr = Creates.createOnce(options, () -> {
      try {
        return ForgejoMapper.pullRequest(rest.json("POST", pulls, body, false).json());
      } catch (ConflictException e) {
        throw conflict(e, "POST", pulls, "a pull request from " + head + " into " + spec.targetBranch()
            + " is already open; use findOpenPullRequest and updatePullRequest");
      }
    }, () -> findOpen(r, headOwner, spec.sourceBranch(), spec.targetBranch(), currentUser().login()));
    if (!cross) {
      return pr; // the branch is in the target: its maintainers can push to it anyway
    }
    try {
      return allowMaintainerEdit(r, pr.number(), true);
    } catch (PackitServiceException e) {
      // The pull request exists; failing here would make the caller open it again (a 409).
      LOG.warn("opened {}#{} but could not let maintainers edit it: {}", r, pr.number(), e.getMessage());
      return pr;
    }
  }

  private static ConflictException conflict(PackitServiceException e, String method, URI uri, String detail) {
    return PackitServiceException.builder().service("forgejo").method(method).url(uri.toString()).status(e.status())
        .body(e.bodyExcerpt()).detail(detail).cause(e).buildConflict();
  }

  @Override
  public PullRequest allowMaintainerEdit(RepoId r, long number, boolean allow) {
    return ForgejoMapper.pullRequest(rest.json("PATCH", repo(r, "/pulls/" + number),
        Json.object().put("allow_maintainer_edit", allow), true).json());
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
    return ForgejoMapper.pullRequest(rest.json("PATCH", repo(r, "/pulls/" + number), b, true).json());
  }

  @Override
  public PullRequest closePullRequest(RepoId r, long number) {
    return ForgejoMapper.pullRequest(rest.json("PATCH", repo(r, "/pulls/" + number), Json.object().put("state", "closed"), true).json());
  }

  @Override
  public PullRequest mergePullRequest(RepoId r, long number) {
    // Forgejo's MergePullRequestOption spells it "Do" (Gitea "do"; both servers read either)
    rest.json("POST", repo(r, "/pulls/" + number + "/merge"), Json.object().put("Do", "merge"), false);
    return pullRequest(r, number).orElseThrow(() -> new PackitException("pull request " + r + "#" + number
        + " vanished after it was merged", null));
  }

  @Override
  public Optional<String> pullRequestPatch(RepoId r, long number) {
    check(r);
    return rest.find(instance.resolve(seg(r.namespace()) + "/" + seg(r.name()) + "/pulls/" + number + ".patch"),
        "Accept", "text/plain").map(Rest.Response::text);
  }

  @Override
  public List<String> pullRequestCommits(RepoId r, long number) {
    try (Stream<String> s = list(repo(r, "/pulls/" + number + "/commits" + paging("")), n -> Json.text(n, "sha"))) {
      return s.toList();
    }
  }

  @Override
  public Comment comment(RepoId r, long number, String text) {
    // a pull request's comments are its issue's comments
    return ForgejoMapper.comment(rest.json("POST", repo(r, "/issues/" + number + "/comments"),
        Json.object().put("body", text), false).json());
  }

  @Override
  public List<Comment> comments(RepoId r, long number) {
    try (Stream<Comment> s = list(repo(r, "/issues/" + number + "/comments"), ForgejoMapper::comment)) {
      return s.toList();
    }
  }

  @Override
  public Comment editComment(RepoId r, long commentId, String body) {
    return ForgejoMapper.comment(rest.json("PATCH", repo(r, "/issues/comments/" + commentId),
        Json.object().put("body", body), true).json());
  }

  @Override
  public void closeIssue(RepoId r, long number) {
    rest.json("PATCH", repo(r, "/issues/" + number), Json.object().put("state", "closed"), true);
  }

  @Override
  public CommitStatus setCommitStatus(RepoId r, String sha, CommitStatusSpec spec) {
    // Forgejo has no running state: a running check is pending until it ends
    ObjectNode b = Json.object().put("state", ForgejoMapper.stateWord(spec.state())).put("context", spec.context())
        .put("description", spec.description());
    if (spec.targetUrl() != null) {
      b.put("target_url", spec.targetUrl().toString());
    }
    // a status is keyed by context: setting it twice is harmless, so it may be retried
    return ForgejoMapper.status(rest.json("POST", repo(r, "/statuses/" + seg(sha)), b, true).json(), sha);
  }

  @Override
  public Stream<CommitStatus> commitStatuses(RepoId r, String sha) {
    return list(repo(r, "/statuses/" + seg(sha) + paging("")), n -> ForgejoMapper.status(n, sha));
  }

  @Override
  public AccessLevel accessLevel(RepoId r, String user) {
    // 404: no such user (or a repository the token cannot see): no access either way.
    return rest.find(repo(r, "/collaborators/" + seg(user) + "/permission"))
        .map(x -> ForgejoMapper.accessLevel(x.json())).orElse(AccessLevel.NONE);
  }

  @Override
  public List<String> collaborators(RepoId r) {
    try (Stream<String> s = list(repo(r, "/collaborators" + paging("")), n -> Json.text(n, "login"))) {
      return s.toList();
    }
  }

  @Override
  public List<String> teams(RepoId r) {
    try {
      List<String> out = new ArrayList<>();
      rest.get(repo(r, "/teams")).json().forEach(t -> out.add(Json.text(t, "name")));
      return out;
    } catch (PackitServiceException e) {
      if (e.status() == 405) {
        return List.of(); // "repo is not owned by an organization"
      }
      throw e;
    }
  }

  @Override
  public Optional<RateLimit> rateLimit() {
    return Optional.empty(); // Forgejo has no rate-limit API
  }

  @Override
  public String toString() {
    return "ForgejoForge[" + instance + "]";
  }
}
