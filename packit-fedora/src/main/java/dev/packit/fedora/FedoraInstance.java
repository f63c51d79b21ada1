package dev.packit.fedora;

import dev.packit.fedora.distgit.DistGitLayout;
import dev.packit.fedora.messaging.DistGitRepositories;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where one Fedora-like infrastructure lives: dist-git (web/API, git, namespace, default branch),
 * its lookaside cache, Koji, Bodhi and the message bus. The one description every client, the
 * {@link dev.packit.fedora.jobs.ConfigResolver} and the workflow derive their URLs and naming rules
 * from; Fedora's production values live here and nowhere else.
 *
 * <pre>{@code
 * FedoraInstance fedora = FedoraInstance.production();
 * URI koji = fedora.kojiHub();                            // https://koji.fedoraproject.org/kojihub
 * FedoraInstance mine = FedoraInstance.builder(fedora)    // a copy with other hosts
 *     .distGit(URI.create("https://git.example.com/")).gitBase(URI.create("https://git.example.com/"))
 *     .build();
 * DistGitLayout layout = mine.layout();                   // rpms/<pkg>.git below git.example.com
 * }</pre>
 *
 * @since 0.2.0
 * @param distGit dist-git web and API root, e.g. {@code https://src.fedoraproject.org/}
 * @param gitBase the root that {@code <namespace>/<package>.git} clone URLs are resolved against
 * @param namespace the dist-git namespace of packages, {@code rpms}
 * @param defaultBranch the dist-git default branch, {@code rawhide}
 * @param lookaside lookaside cache download root, e.g. {@code https://src.fedoraproject.org/repo/pkgs/}
 * @param lookasideUpload the lookaside {@code upload.cgi}
 * @param kojiHub Koji hub XML-RPC endpoint
 * @param kojiWeb Koji web UI root (task and build links)
 * @param kojiTopurl Koji's file root ({@code topurl}: build logs and RPMs)
 * @param bodhi Bodhi API root
 * @param bodhiWeb Bodhi web UI root (update links)
 * @param messagingBroker the AMQP broker URI of the message bus
 * @param topicPrefix the prefix of message topics, {@code org.fedoraproject.prod}
 */
public record FedoraInstance(URI distGit, URI gitBase, String namespace, String defaultBranch, URI lookaside,
    URI lookasideUpload, URI kojiHub, URI kojiWeb, URI kojiTopurl, URI bodhi, URI bodhiWeb, URI messagingBroker,
    String topicPrefix) {

  /** Validates that nothing is missing and that roots end in a slash. */
  public FedoraInstance {
    distGit = root(distGit, "distGit");
    gitBase = root(gitBase, "gitBase");
    Objects.requireNonNull(namespace, "namespace == null");
    if (namespace.isBlank() || namespace.contains("/")) {
      throw new IllegalArgumentException("namespace: one path segment, e.g. rpms: '" + namespace + "'");
    }
    Objects.requireNonNull(defaultBranch, "defaultBranch == null");
    if (defaultBranch.isBlank()) {
      throw new IllegalArgumentException("defaultBranch must not be blank");
    }
    lookaside = root(lookaside, "lookaside");
    absolute(lookasideUpload, "lookasideUpload");
    absolute(kojiHub, "kojiHub");
    kojiWeb = root(kojiWeb, "kojiWeb");
    kojiTopurl = root(kojiTopurl, "kojiTopurl");
    bodhi = root(bodhi, "bodhi");
    bodhiWeb = root(bodhiWeb, "bodhiWeb");
    absolute(messagingBroker, "messagingBroker");
    Objects.requireNonNull(topicPrefix, "topicPrefix == null");
  }

  private static URI absolute(URI u, String what) {
    Objects.requireNonNull(u, what + " == null");
    if (!u.isAbsolute() || u.getHost() == null) {
      throw new IllegalArgumentException(what + " must be an absolute URI with a host: " + u);
    }
    return u;
  }

  private static URI root(URI u, String what) {
    absolute(u, what);
    return u.toString().endsWith("/") ? u : URI.create(u + "/");
  }

  /**
   * Fedora's production infrastructure.
   *
   * @return the production instance
   */
  public static FedoraInstance production() {
    return new FedoraInstance(URI.create("https://src.fedoraproject.org/"), URI.create("https://src.fedoraproject.org/"),
        "rpms", "rawhide", URI.create("https://src.fedoraproject.org/repo/pkgs/"),
        URI.create("https://src.fedoraproject.org/repo/pkgs/upload.cgi"), URI.create("https://koji.fedoraproject.org/kojihub"),
        URI.create("https://koji.fedoraproject.org/koji/"), URI.create("https://kojipkgs.fedoraproject.org/"),
        URI.create("https://bodhi.fedoraproject.org/"), URI.create("https://bodhi.fedoraproject.org/"),
        URI.create("amqps://rabbitmq.fedoraproject.org/%2Fpublic_pubsub"), "org.fedoraproject.prod");
  }

  /**
   * Fedora's staging infrastructure ({@code *.stg.fedoraproject.org}).
   *
   * @return the staging instance
   */
  public static FedoraInstance staging() {
    return new FedoraInstance(URI.create("https://src.stg.fedoraproject.org/"),
        URI.create("https://src.stg.fedoraproject.org/"), "rpms", "rawhide",
        URI.create("https://src.stg.fedoraproject.org/repo/pkgs/"),
        URI.create("https://src.stg.fedoraproject.org/repo/pkgs/upload.cgi"),
        URI.create("https://koji.stg.fedoraproject.org/kojihub"), URI.create("https://koji.stg.fedoraproject.org/koji/"),
        URI.create("https://kojipkgs.stg.fedoraproject.org/"), URI.create("https://bodhi.stg.fedoraproject.org/"),
        URI.create("https://bodhi.stg.fedoraproject.org/"),
        URI.create("amqps://rabbitmq.stg.fedoraproject.org/%2Fpublic_pubsub"), "org.fedoraproject.stg");
  }

  /**
   * Fedora's production infrastructure; the name before {@link #production()} existed.
   *
   * @return the production instance
   */
  public static FedoraInstance fedora() {
    return production();
  }

  /**
   * The dist-git layout of this instance: clone and push URLs below {@link #gitBase()},
   * {@code forks/} for Pagure forks, this namespace and default branch.
   *
   * @return the layout
   */
  public DistGitLayout layout() {
    return new DistGitLayout(gitBase, gitBase, namespace, "forks", defaultBranch);
  }

  /**
   * The rule telling this instance's dist-git repositories from forge repositories in messages:
   * the hosts of {@link #distGit()} and {@link #gitBase()}, this namespace.
   *
   * @return the rule
   */
  public DistGitRepositories distGitRepositories() {
    return DistGitRepositories.of(Set.copyOf(List.of(distGit.getHost(), gitBase.getHost())), Set.of(namespace));
  }

  /**
   * The dist-git repository of a package.
   *
   * @param packageName the package
   * @return {@code <namespace>/<package>}, e.g. {@code rpms/hello}
   */
  public String repository(String packageName) {
    return namespace + "/" + packageName;
  }

  /**
   * A builder starting from Fedora's production values.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(production());
  }

  /**
   * A builder starting from another instance's values.
   *
   * @param from the instance to copy
   * @return a new builder
   */
  public static Builder builder(FedoraInstance from) {
    return new Builder(from);
  }

  /**
   * Builds a {@link FedoraInstance}; each setter replaces one component.
   *
   * <pre>{@code
   * FedoraInstance sandbox = FedoraInstance.builder().distGit(URI.create("http://127.0.0.1:8080/pagure/")).build();
   * }</pre>
   */
  public static final class Builder {
    private URI distGit;
    private URI gitBase;
    private String namespace;
    private String defaultBranch;
    private URI lookaside;
    private URI lookasideUpload;
    private URI kojiHub;
    private URI kojiWeb;
    private URI kojiTopurl;
    private URI bodhi;
    private URI bodhiWeb;
    private URI messagingBroker;
    private String topicPrefix;

    private Builder(FedoraInstance f) {
      distGit = f.distGit;
      gitBase = f.gitBase;
      namespace = f.namespace;
      defaultBranch = f.defaultBranch;
      lookaside = f.lookaside;
      lookasideUpload = f.lookasideUpload;
      kojiHub = f.kojiHub;
      kojiWeb = f.kojiWeb;
      kojiTopurl = f.kojiTopurl;
      bodhi = f.bodhi;
      bodhiWeb = f.bodhiWeb;
      messagingBroker = f.messagingBroker;
      topicPrefix = f.topicPrefix;
    }

    /** @param v dist-git web and API root @return this builder */
    public Builder distGit(URI v) {
      distGit = v;
      return this;
    }

    /** @param v git clone root @return this builder */
    public Builder gitBase(URI v) {
      gitBase = v;
      return this;
    }

    /** @param v package namespace @return this builder */
    public Builder namespace(String v) {
      namespace = v;
      return this;
    }

    /** @param v default branch @return this builder */
    public Builder defaultBranch(String v) {
      defaultBranch = v;
      return this;
    }

    /**
     * Sets the lookaside download root and, below it, {@code upload.cgi}.
     *
     * @param v the download root
     * @return this builder
     */
    public Builder lookaside(URI v) {
      lookaside = v;
      lookasideUpload = root(v, "lookaside").resolve("upload.cgi");
      return this;
    }

    /** @param v the lookaside upload.cgi (after {@link #lookaside(URI)}) @return this builder */
    public Builder lookasideUpload(URI v) {
      lookasideUpload = v;
      return this;
    }

    /** @param v Koji hub endpoint @return this builder */
    public Builder kojiHub(URI v) {
      kojiHub = v;
      return this;
    }

    /** @param v Koji web root @return this builder */
    public Builder kojiWeb(URI v) {
      kojiWeb = v;
      return this;
    }

    /** @param v Koji topurl @return this builder */
    public Builder kojiTopurl(URI v) {
      kojiTopurl = v;
      return this;
    }

    /**
     * Sets the Bodhi API root and the web root to the same URI.
     *
     * @param v the Bodhi root
     * @return this builder
     */
    public Builder bodhi(URI v) {
      bodhi = v;
      bodhiWeb = v;
      return this;
    }

    /** @param v Bodhi web root (after {@link #bodhi(URI)}) @return this builder */
    public Builder bodhiWeb(URI v) {
      bodhiWeb = v;
      return this;
    }

    /** @param v AMQP broker URI @return this builder */
    public Builder messagingBroker(URI v) {
      messagingBroker = v;
      return this;
    }

    /** @param v topic prefix @return this builder */
    public Builder topicPrefix(String v) {
      topicPrefix = v;
      return this;
    }

    /** @return the instance, validated */
    public FedoraInstance build() {
      return new FedoraInstance(distGit, gitBase, namespace, defaultBranch, lookaside, lookasideUpload, kojiHub, kojiWeb,
          kojiTopurl, bodhi, bodhiWeb, messagingBroker, topicPrefix);
    }
  }
}
