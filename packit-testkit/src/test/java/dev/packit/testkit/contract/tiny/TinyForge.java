package dev.packit.testkit.contract.tiny;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.Secret;
import dev.packit.core.http.Headers;
import dev.packit.core.http.Interceptor;
import dev.packit.forge.Branch;
import dev.packit.forge.Comment;
import dev.packit.forge.FileContent;
import dev.packit.forge.Forge;
import dev.packit.forge.ForgeBuilder;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.Tag;
import dev.packit.forge.User;
import dev.packit.forge.spi.ClientOptions;
import dev.packit.forge.spi.ForgeHttp;
import dev.packit.forge.spi.Json;
import dev.packit.forge.spi.LinkHeader;
import dev.packit.forge.spi.Paged;
import dev.packit.forge.spi.Rest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A read-only forge client for a Gitea-style API, built only from the SPI: what a third party
 * writes to add a forge. It has no capabilities, and its writes throw.
 */
public final class TinyForge implements Forge {
  private final Rest rest;
  private final URI api;

  TinyForge(Rest rest, ClientOptions options) {
    this.rest = rest;
    this.api = options.baseUri().resolve("api/v1/");
  }

  /** The tiny forge's builder: everything but {@code build()} comes from {@link ForgeBuilder}. */
  public static final class Builder extends ForgeBuilder<Builder, TinyForge> {
    Builder() {
      super(URI.create("https://git.tiny.test/"));
    }

    @Override
    public TinyForge build() {
      ClientOptions o = clientOptions();
      List<Interceptor> chain = new ArrayList<>();
      credentials.tokenValue().ifPresent(t -> chain.add(Interceptor.token(Secret.of(t))));
      return new TinyForge(new Rest(ForgeHttp.service("tiny", o, chain), Headers.of("Accept", "application/json")), o);
    }
  }

  private URI repo(RepoId r, String rest) {
    return api.resolve("repos/" + Rest.seg(r.namespace()) + "/" + Rest.seg(r.name()) + rest);
  }

  private <T> Stream<T> list(URI first, Function<JsonNode, T> map) {
    return Paged.stream(first, uri -> {
      Rest.Response r = rest.get(uri);
      List<T> items = new ArrayList<>();
      r.json().forEach(n -> items.add(map.apply(n)));
      return new Paged.Page<>(items, LinkHeader.find(r.header("Link"), "next").orElse(null));
    });
  }

  @Override
  public ForgeKind kind() {
    return TinyForgeProvider.TINY;
  }

  @Override
  public User currentUser() {
    JsonNode n = rest.get(api.resolve("user")).json();
    return new User(Json.text(n, "login"), Json.text(n, "full_name"), Json.text(n, "email"));
  }

  @Override
  public Optional<Repository> repository(RepoId r) {
    return rest.find(repo(r, "")).map(Rest.Response::json).map(n -> new Repository(RepoId.of(Json.text(n, "full_name")),
        Json.text(n, "default_branch"), Json.uri(n, "clone_url"), Json.text(n, "ssh_url"), Json.uri(n, "html_url"),
        Json.bool(n, "private"), null, true, Json.number(n, "id")));
  }

  @Override
  public Stream<Branch> branches(RepoId r) {
    return list(repo(r, "/branches?limit=20"), n -> new Branch(Json.text(n, "name"), Json.textAt(n, "commit", "id")));
  }

  @Override
  public Optional<Branch> branch(RepoId r, String name) {
    return rest.find(repo(r, "/branches/" + Rest.seg(name))).map(Rest.Response::json)
        .map(n -> new Branch(Json.text(n, "name"), Json.textAt(n, "commit", "id")));
  }

  @Override
  public Stream<Tag> tags(RepoId r) {
    // a small page, so the contract's paging test crosses many pages
    return list(repo(r, "/tags?limit=20"), n -> new Tag(Json.text(n, "name"), Json.textAt(n, "commit", "sha")));
  }

  @Override
  public Optional<FileContent> file(RepoId r, String path, String ref) {
    return rest.find(repo(r, "/raw/" + Rest.path(path) + "?ref=" + Rest.q(ref))).map(x -> new FileContent(path, ref, x.body()));
  }

  private UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("the tiny forge is read-only");
  }

  @Override
  public Stream<Repository> forks(RepoId repo) {
    throw readOnly();
  }

  @Override
  public Optional<Repository> fork(RepoId repo, String owner) {
    throw readOnly();
  }

  @Override
  public Repository forkOrCreate(RepoId repo) {
    throw readOnly();
  }

  @Override
  public Stream<PullRequest> pullRequests(RepoId repo, PrState state) {
    throw readOnly();
  }

  @Override
  public Optional<PullRequest> pullRequest(RepoId repo, long number) {
    throw readOnly();
  }

  @Override
  public Optional<PullRequest> findOpenPullRequest(RepoId repo, String sourceBranch, String targetBranch, String author) {
    throw readOnly();
  }

  @Override
  public PullRequest createPullRequest(RepoId repo, PullRequestSpec spec) {
    throw readOnly();
  }

  @Override
  public PullRequest updatePullRequest(RepoId repo, long number, String title, String body) {
    throw readOnly();
  }

  @Override
  public Comment comment(RepoId repo, long number, String body) {
    throw readOnly();
  }

  @Override
  public PullRequest closePullRequest(RepoId repo, long number) {
    throw readOnly();
  }
}
