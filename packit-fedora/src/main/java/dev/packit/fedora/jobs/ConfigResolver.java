package dev.packit.fedora.jobs;

import dev.packit.fedora.FedoraInstance;
import dev.packit.fedora.messaging.AnityaVersionUpdate;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.ForgejoEvent;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.fedora.messaging.KojiTag;
import dev.packit.fedora.messaging.NewHotnessUpdate;
import dev.packit.fedora.messaging.PagurePullRequestEvent;
import dev.packit.forge.webhook.CommentEvent;
import dev.packit.forge.webhook.ReleaseEvent;
import dev.packit.forge.webhook.WebhookEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to read the {@code .packit.yaml} for a trigger, and the dist-git naming rules: a package's
 * repository is {@code <namespace>/<package>} ({@code rpms/hello}) and its config is read from the
 * default branch, loaded with the repository name as the package name. The one place those rules
 * live.
 *
 * <pre>{@code
 * ConfigResolver resolver = ConfigResolver.fedora();          // rpms/, rawhide
 * ConfigLocation where = resolver.locate(trigger).orElseThrow();
 * ConfigText config = where.read(where.distGit() ? distGit : upstream).orElseThrow();
 * ConfigLocation dependent = resolver.forPackage("hello-libs");
 * }</pre>
 *
 * @param namespace the dist-git namespace of packages ({@code rpms})
 * @param defaultBranch the dist-git default branch ({@code rawhide})
 * @since 0.2.0
 */
public record ConfigResolver(String namespace, String defaultBranch) {
  /** Fedora's dist-git namespace of packages, from {@link FedoraInstance#production()}. */
  public static final String FEDORA_NAMESPACE = FedoraInstance.production().namespace();

  /** Fedora's dist-git default branch, where package configs are read, from {@link FedoraInstance#production()}. */
  public static final String FEDORA_DEFAULT_BRANCH = FedoraInstance.production().defaultBranch();

  /** Validates the components. */
  public ConfigResolver {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(defaultBranch, "defaultBranch");
    if (namespace.isBlank() || namespace.contains("/")) {
      throw new IllegalArgumentException("namespace: one path segment, e.g. rpms: '" + namespace + "'");
    }
    if (defaultBranch.isBlank()) {
      throw new IllegalArgumentException("defaultBranch: must not be blank");
    }
  }

  /**
   * Fedora's rules: packages in {@code rpms/}, configs on {@code rawhide}.
   *
   * @return the resolver
   */
  public static ConfigResolver fedora() {
    return of(FedoraInstance.production());
  }

  /**
   * The rules of an instance: its namespace and default branch.
   *
   * <pre>{@code
   * ConfigResolver staging = ConfigResolver.of(FedoraInstance.staging());
   * }</pre>
   *
   * @param instance the Fedora instance
   * @return the resolver
   * @since 0.2.0
   */
  public static ConfigResolver of(FedoraInstance instance) {
    return new ConfigResolver(instance.namespace(), instance.defaultBranch());
  }

  /**
   * The dist-git repository of a package.
   *
   * @param packageName the package
   * @return {@code <namespace>/<package>}
   */
  public String repository(String packageName) {
    return namespace + "/" + packageName;
  }

  /**
   * The package a dist-git repository holds.
   *
   * @param repository {@code rpms/hello}, or a path ending so ({@code forks/jdoe/rpms/hello})
   * @return the package, empty when the repository is not in the namespace
   */
  public Optional<String> packageOf(String repository) {
    String[] parts = repository.replaceAll("^/+|/+$", "").split("/");
    return parts.length >= 2 && parts[parts.length - 2].equals(namespace) && !parts[parts.length - 1].isBlank()
        ? Optional.of(parts[parts.length - 1]) : Optional.empty();
  }

  /**
   * Where a package's dist-git config lives.
   *
   * @param packageName the package
   * @return its location: the package repository's default branch
   */
  public ConfigLocation forPackage(String packageName) {
    return new ConfigLocation(repository(packageName), true, defaultBranch, packageName);
  }

  /**
   * Where the config for a trigger lives.
   *
   * @param trigger the trigger
   * @return the location, or empty for triggers no job reacts to
   */
  public Optional<ConfigLocation> locate(Trigger trigger) {
    Objects.requireNonNull(trigger, "trigger");
    if (trigger instanceof Trigger.Webhook w) {
      return locate(w.event());
    } else if (trigger instanceof Trigger.Command c) {
      return Optional.of(new ConfigLocation(c.comment().repository().fullName(), false, c.releaseTag(), ""));
    } else if (trigger instanceof Trigger.Message m) {
      return locate(m.message());
    }
    return Optional.empty();
  }

  private Optional<ConfigLocation> locate(WebhookEvent event) {
    if (event instanceof ReleaseEvent r) {
      return Optional.of(new ConfigLocation(r.repository().fullName(), false, r.commitSha().isEmpty() ? r.tag() : r.commitSha(), ""));
    } else if (event instanceof CommentEvent c) {
      return Optional.of(new ConfigLocation(c.repository().fullName(), false, "HEAD", ""));
    }
    return Optional.empty();
  }

  private Optional<ConfigLocation> locate(FedoraMessage message) {
    if (message instanceof ForgejoEvent f) {
      return distGitPush(f).flatMap(this::locate);
    } else if (message instanceof DistGitPush p) {
      return Optional.of(distGit(p.fullName(), p.repository()));
    } else if (message instanceof KojiBuildStateChange k) {
      return k.repositoryPath().map(path -> distGit(path, path.substring(path.lastIndexOf('/') + 1)));
    } else if (message instanceof NewHotnessUpdate n) {
      return Optional.of(forPackage(n.packageName()));
    } else if (message instanceof AnityaVersionUpdate a) {
      return Optional.ofNullable(a.packages().get("Fedora")).map(this::forPackage);
    } else if (message instanceof KojiTag t && t.sideTag()) {
      return Optional.of(forPackage(t.name()));
    } else if (message instanceof PagurePullRequestEvent pr) {
      return Optional.of(distGit(pr.project(), pr.project().substring(pr.project().lastIndexOf('/') + 1)));
    }
    return Optional.empty();
  }

  private ConfigLocation distGit(String repository, String name) {
    return new ConfigLocation(repository, true, defaultBranch, name);
  }

  /**
   * The dist-git push a Forgejo relay message announces: a branch push to a package repository.
   *
   * @param event a {@code forgejo.*} message
   * @return the push, empty for other events or other namespaces
   */
  public Optional<DistGitPush> distGitPush(ForgejoEvent event) {
    return DistGitPush.fromForgejo(event).filter(p -> p.namespace().equals(namespace));
  }
}
