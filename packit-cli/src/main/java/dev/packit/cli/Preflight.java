package dev.packit.cli;

import dev.packit.core.AuthenticationException;
import dev.packit.core.NotFoundException;
import dev.packit.core.PackitClientException;
import dev.packit.core.PackitException;
import dev.packit.core.Redaction;
import dev.packit.core.rpm.RpmVersion;
import dev.packit.core.spec.SpecFile;
import dev.packit.fedora.koji.KojiBuild;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.forge.Branch;
import dev.packit.forge.RepoId;
import dev.packit.forge.User;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Checks what the user typed before any work (clone, download, upload): the version has an upstream
 * tag, the dist-git branches and Koji builds exist, the dist-git token is accepted. Each failure is
 * a {@link PackitClientException} (exit 2) naming the host, the repository and the cause, once.
 *
 * <pre>{@code
 * String tag = Preflight.tagFor("1.1.0", "v{version}", List.of("v1.0.0", "v1.1.0"), "upstream/hello");
 * }</pre>
 */
final class Preflight {
  private Preflight() {}

  /**
   * The tag of a version typed by the user, checked against the repository's tags when they are
   * known: a tag typed as the version, or a version without a tag, is refused with a suggestion.
   *
   * @param version the version the user typed
   * @param template the {@code upstream_tag_template}
   * @param tags the upstream tags; empty when unknown (then nothing is checked)
   * @param where the repository, for the message
   * @return the tag
   * @throws PackitClientException when the version is blank or has no tag
   */
  static String tagFor(String version, String template, Collection<String> tags, String where) {
    String v = version.strip();
    if (v.isEmpty()) {
      throw new PackitClientException("VERSION is empty");
    }
    if (!template.contains("{version}")) {
      throw new PackitClientException("upstream_tag_template '" + template + "' has no {version}");
    }
    String tag = template.replace("{version}", v);
    if (tags.isEmpty() || tags.contains(tag)) {
      return tag;
    }
    Map<String, String> versions = new LinkedHashMap<>();
    for (String t : tags) {
      versionOf(t, template).ifPresent(x -> versions.put(t, x));
    }
    String hint;
    Optional<String> typedTag = tags.contains(v) ? versionOf(v, template) : Optional.empty();
    if (typedTag.isPresent()) {
      hint = "; " + v + " is a tag: did you mean " + typedTag.get() + "? (VERSION is what upstream_tag_template '"
          + template + "' makes the tag from)";
    } else {
      String closest = null;
      int best = 3;
      for (String x : versions.values()) {
        int d = UserConfig.editDistance(v, x);
        if (d < best) {
          best = d;
          closest = x;
        }
      }
      if (closest != null) {
        hint = "; did you mean " + closest + "?";
      } else {
        hint = latest(versions.values()).map(x -> "; the latest tagged version is " + x).orElse("; no tag matches upstream_tag_template '"
            + template + "'");
      }
    }
    throw new PackitClientException("no upstream tag " + tag + " for version " + v + " in " + where + hint);
  }

  private static Optional<String> versionOf(String tag, String template) {
    try {
      return Optional.of(ReleaseWorkflow.versionFromTag(tag, template));
    } catch (PackitException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> latest(Collection<String> versions) {
    String best = null;
    for (String v : versions) {
      try {
        if (best == null || RpmVersion.rpmvercmp(SpecFile.rpmVersionOf(v), SpecFile.rpmVersionOf(best)) > 0) {
          best = v;
        }
      } catch (PackitException e) {
        // not comparable: ignore
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Checks that the dist-git package and each branch exist.
   *
   * @param services the clients
   * @param user the user config (where dist-git is)
   * @param pkg the package
   * @param branches the branches the command would work on
   * @throws PackitClientException naming the missing package or branches, with the branches there are
   */
  static void branchesExist(Services services, UserConfig user, String pkg, List<String> branches) {
    dev.packit.fedora.FedoraInstance in = user.instances();
    RepoId repo = RepoId.of(in.namespace() + "/" + pkg);
    String host = in.distGit().getHost() + (in.distGit().getPort() > 0 ? ":" + in.distGit().getPort() : "");
    Set<String> existing = new LinkedHashSet<>();
    try {
      services.distGit.branches(repo).map(Branch::name).forEach(existing::add);
    } catch (NotFoundException e) {
      throw new PackitClientException("no package " + repo.fullName() + " in dist-git on " + host
          + " (check downstream_package_name or --package)", e);
    } catch (PackitException e) {
      throw new PackitClientException("cannot list the branches of " + repo.fullName() + " on " + host + ": " + cause(e), e);
    }
    List<String> missing = branches.stream().filter(b -> !existing.contains(b)).toList();
    if (!missing.isEmpty()) {
      throw new PackitClientException((missing.size() == 1 ? "dist-git branch " + missing.get(0) + " does not exist"
          : "dist-git branches " + String.join(", ", missing) + " do not exist") + " in " + repo.fullName() + " on " + host
          + " (it has: " + String.join(", ", existing) + ")");
    }
  }

  /**
   * Checks that each NVR is a Koji build of the package.
   *
   * @param services the clients
   * @param user the user config (where Koji is)
   * @param pkg the package
   * @param nvrs the NVRs typed with {@code --koji-build}
   * @throws PackitClientException naming the NVR that Koji does not know or that is of another package
   */
  static void kojiBuildsExist(Services services, UserConfig user, String pkg, List<String> nvrs) {
    String host = user.instances().kojiHub().getHost();
    for (String nvr : nvrs) {
      String[] parts = nvr.split("-");
      if (parts.length < 3 || parts[0].isEmpty()) {
        throw new PackitClientException("--koji-build " + nvr + ": not an NVR (name-version-release, e.g. " + pkg + "-1.0-1.fc43)");
      }
      String name = nvr.substring(0, nvr.lastIndexOf('-', nvr.lastIndexOf('-') - 1));
      if (!name.equals(pkg)) {
        throw new PackitClientException("--koji-build " + nvr + " is a build of " + name + ", not of " + pkg);
      }
      Optional<KojiBuild> b;
      try {
        b = services.koji.getBuild(nvr);
      } catch (PackitException e) {
        throw new PackitClientException("cannot ask Koji on " + host + " for " + nvr + ": " + cause(e), e);
      }
      if (b.isEmpty()) {
        throw new PackitClientException("--koji-build " + nvr + ": no such build in Koji on " + host);
      }
    }
  }

  /**
   * Asks dist-git who the token belongs to, before anything is cloned or pushed.
   *
   * @param services the clients
   * @param user the user config
   * @return the user name the token belongs to
   * @throws PackitClientException when there is no token or dist-git refuses it
   */
  static String distGitLogin(Services services, UserConfig user) {
    URI distGit = user.instances().distGit();
    String host = distGit.getHost() + (distGit.getPort() > 0 ? ":" + distGit.getPort() : "");
    if (user.token(distGit, "pagure").isEmpty()) {
      throw new PackitClientException("no dist-git token for " + host + ": set $PAGURE_TOKEN or authentication.\""
          + host + "\".token in " + user.source() + " (or use --dry-run)");
    }
    try {
      User me = services.distGit.currentUser();
      return me.login();
    } catch (AuthenticationException e) {
      throw new PackitClientException("dist-git on " + host + " refused the token from " + user.tokenOrigin(distGit, "pagure")
          + " (who-am-I check before cloning): " + e.getMessage(), e);
    } catch (PackitException e) {
      throw new PackitClientException("cannot reach dist-git on " + host + " to check the token: " + cause(e), e);
    }
  }

  /**
   * Logs in to Koji before anything is submitted, so that a refused login (no ticket, a wrong
   * keytab or token) is said once, up front.
   *
   * @param services the clients
   * @param user the user config
   * @throws PackitClientException when the hub refuses the login or cannot be reached
   */
  static void kojiLogin(Services services, UserConfig user) {
    String host = user.instances().kojiHub().getHost();
    try {
      services.koji.login();
    } catch (PackitException | IllegalStateException e) {
      throw new PackitClientException("Koji on " + host + " refused the login (checked before submitting builds): " + cause(e)
          + " (kinit " + (user.fasUser().isEmpty() ? "USER" : user.fasUser()) + "@" + user.kerberosRealm()
          + ", --keytab, or a token for the hub in the user config)", e);
    }
  }

  /**
   * The message of an exception with its root network cause spelled out once: a refused connection,
   * an unknown host, a timeout or a TLS failure, naming the host when known.
   *
   * @param e the exception
   * @return the message
   */
  static String cause(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String explained = network(e);
    if (explained == null || message.contains(explained)) {
      return message;
    }
    return message + " (" + explained + ")";
  }

  /**
   * The network cause of an exception in words, or null when it is not a network failure.
   *
   * @param e the exception
   * @return e.g. {@code connection refused: ...; is the host and port right and the service running?}
   */
  static String network(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    for (Throwable t : chain) {
      String detail = t.getMessage() == null ? "" : ": " + t.getMessage();
      if (t instanceof ConnectException && !(t instanceof HttpConnectTimeoutException)) {
        return "connection refused" + detail + "; is the host and port right and the service running?";
      }
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "unknown host" + detail + "; check the URL's host name and your network";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host" + detail;
      }
      if (t instanceof HttpConnectTimeoutException || t instanceof SocketTimeoutException) {
        return "timed out" + detail;
      }
      if (t instanceof SSLException) {
        return "TLS failure" + detail;
      }
      if (t instanceof org.eclipse.jgit.errors.NoRemoteRepositoryException) {
        return "no git repository at this URL (" + Redaction.text(t.getMessage()).replaceFirst("^.*\\s(not found.*)$", "$1")
            + "); check the owner and the name";
      }
      if (t instanceof org.eclipse.jgit.errors.TransportException && t.getMessage() != null
          && t.getMessage().contains("not authorized")) {
        return "the server asks for credentials: a private repository, or a wrong URL";
      }
    }
    return null;
  }
}
