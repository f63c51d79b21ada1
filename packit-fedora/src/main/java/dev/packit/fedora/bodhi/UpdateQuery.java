package dev.packit.fedora.bodhi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code GET /updates/} query.
 *
 * <pre>{@code
 * UpdateQuery byBuild = UpdateQuery.builder().builds(List.of("packit-1.2.0-1.fc42")).build();
 * UpdateQuery mine = UpdateQuery.builder().user("packit").releases(List.of("F42")).status("testing").build();
 * }</pre>
 *
 * @param builds NVRs
 * @param aliases update aliases
 * @param packages package names
 * @param releases release names such as {@code F42}
 * @param status status filter, empty for any
 * @param user submitter, empty for any
 * @param rowsPerPage page size (1..100)
 */
public record UpdateQuery(List<String> builds, List<String> aliases, List<String> packages, List<String> releases,
    String status, String user, int rowsPerPage) {

  /** Validates and freezes the components. */
  public UpdateQuery {
    builds = List.copyOf(builds);
    aliases = List.copyOf(aliases);
    packages = List.copyOf(packages);
    releases = List.copyOf(releases);
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(user, "user == null");
    if (rowsPerPage < 1 || rowsPerPage > 100) {
      throw new IllegalArgumentException("rowsPerPage must be within 1..100: " + rowsPerPage);
    }
  }

  /**
   * Returns a builder (20 rows per page, Bodhi's default).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  String toQueryString(int page) {
    StringBuilder sb = new StringBuilder();
    // Bodhi takes lists comma-separated (ListUpdateSchema splits them)
    append(sb, "builds", String.join(",", builds));
    append(sb, "alias", String.join(",", aliases));
    append(sb, "packages", String.join(",", packages));
    append(sb, "releases", String.join(",", releases));
    append(sb, "status", status);
    append(sb, "user", user);
    append(sb, "rows_per_page", Integer.toString(rowsPerPage));
    append(sb, "page", Integer.toString(page));
    return sb.toString();
  }

  private static void append(StringBuilder sb, String key, String value) {
    if (value.isEmpty()) {
      return;
    }
    sb.append(sb.length() == 0 ? "?" : "&").append(key).append('=')
        .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Builds an {@link UpdateQuery}. */
  public static final class Builder {
    private final List<String> builds = new ArrayList<>();
    private final List<String> aliases = new ArrayList<>();
    private final List<String> packages = new ArrayList<>();
    private final List<String> releases = new ArrayList<>();
    private String status = "";
    private String user = "";
    private int rowsPerPage = 20;

    Builder() {}

    /**
     * @param nvrs builds to look for
     * @return this builder
     */
    public Builder builds(List<String> nvrs) {
      builds.addAll(nvrs);
      return this;
    }

    /**
     * @param values update aliases
     * @return this builder
     */
    public Builder aliases(List<String> values) {
      aliases.addAll(values);
      return this;
    }

    /**
     * @param names package names
     * @return this builder
     */
    public Builder packages(List<String> names) {
      packages.addAll(names);
      return this;
    }

    /**
     * @param names release names such as {@code F42}
     * @return this builder
     */
    public Builder releases(List<String> names) {
      releases.addAll(names);
      return this;
    }

    /**
     * @param value status such as {@code testing}
     * @return this builder
     */
    public Builder status(String value) {
      this.status = Objects.requireNonNull(value, "status == null");
      return this;
    }

    /**
     * @param name submitter
     * @return this builder
     */
    public Builder user(String name) {
      this.user = Objects.requireNonNull(name, "user == null");
      return this;
    }

    /**
     * @param rows page size, 1..100
     * @return this builder
     */
    public Builder rowsPerPage(int rows) {
      this.rowsPerPage = rows;
      return this;
    }

    /** @return the query */
    public UpdateQuery build() {
      return new UpdateQuery(builds, aliases, packages, releases, status, user, rowsPerPage);
    }
  }
}
