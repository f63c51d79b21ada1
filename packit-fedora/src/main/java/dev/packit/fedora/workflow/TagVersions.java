package dev.packit.fedora.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.config.ConfigRegex;
import dev.packit.core.rpm.RpmVersion;
import dev.packit.core.spec.SpecFile;
import dev.packit.forge.RepoId;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tags, versions and names: pure functions, no I/O. */
final class TagVersions {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  private TagVersions() {}

  /** See {@link ReleaseWorkflow#versionFromTag(String, String)}. */
  static String versionFromTag(String tag, String template) {
    String t = template == null || template.isBlank() ? "{version}" : template;
    StringBuilder regex = new StringBuilder("^");
    Matcher m = PLACEHOLDER.matcher(t);
    int last = 0;
    boolean hasVersion = false;
    while (m.find()) {
      regex.append(ConfigRegex.quote(t.substring(last, m.start())));
      if (m.group(1).equals("version")) {
        regex.append("(?P<version>.+?)");
        hasVersion = true;
      } else {
        regex.append(".+?");
      }
      last = m.end();
    }
    regex.append(ConfigRegex.quote(t.substring(last))).append('$');
    // RE2/J: several placeholders against a long hostile tag would backtrack polynomially.
    Optional<String> v = hasVersion ? ConfigRegex.compile("upstream_tag_template", regex.toString()).wholeMatchGroup(tag, "version")
        : Optional.empty();
    if (v.isEmpty()) {
      throw new PackitClientException("tag '" + tag + "' does not match upstream_tag_template '" + t + "'");
    }
    // The trust boundary for tags: checked before anything is cloned, written or run with the version.
    String version = v.get();
    String rpmVersion = SpecFile.rpmVersionOf(version);
    Optional<String> problem = RpmVersion.versionProblem(rpmVersion);
    if (problem.isPresent()) {
      throw new PackitClientException("tag '" + tag + "' gives version '" + rpmVersion
          + "', which is not a valid rpm Version: it " + problem.get());
    }
    return version;
  }

  /** The tag of a version: {@code upstream_tag_template} filled in (pull_from_upstream). */
  static String tagFor(String template, String version, String upstreamPackageName) {
    String t = template == null || template.isBlank() ? "{version}" : template;
    return t.replace("{version}", version).replace("{upstream_package_name}", upstreamPackageName);
  }

  /** The part of a version {@code version_update_mask} keeps; empty when it does not match. */
  static String maskOf(String mask, String version) {
    // RE2/J: a mask from config runs in linear time, whatever the tag (issue 13 row 6).
    return ConfigRegex.compile("version_update_mask", mask).firstMatch(version).orElse("");
  }

  /** rpm's rule: the name after the last '/', where a {@code #/name} fragment overrides the path. */
  static String fileNameOf(String url) {
    String u = url;
    int hash = u.lastIndexOf("#/");
    if (hash >= 0) {
      return u.substring(hash + 2);
    }
    int q = u.indexOf('?');
    if (q >= 0) {
      u = u.substring(0, q);
    }
    return u.substring(u.lastIndexOf('/') + 1);
  }

  /** {@code https://github.com/owner/name(.git)} to {@code owner/name}. */
  static Optional<RepoId> repoOfUrl(String url) {
    try {
      String path = URI.create(url.strip()).getPath();
      if (path == null) {
        return Optional.empty();
      }
      path = path.replaceAll("/+$", "").replaceAll("\\.git$", "");
      String[] parts = path.replaceAll("^/+", "").split("/");
      if (parts.length < 2) {
        return Optional.empty();
      }
      return Optional.of(new RepoId(parts[parts.length - 2], parts[parts.length - 1], null));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static String shortSha(String sha) {
    return sha.length() > 10 ? sha.substring(0, 10) : sha;
  }
}
