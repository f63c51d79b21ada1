package dev.packit.fedora.bodhi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to save as a Bodhi update ({@code POST /updates/}, schema {@code SaveUpdateSchema}).
 *
 * <pre>{@code
 * UpdateRequest r = UpdateRequest.builder()
 *     .builds(List.of("packit-1.2.0-1.fc42"))
 *     .notes("Automatic update for packit-1.2.0-1.fc42.")
 *     .type("enhancement")
 *     .bugs(List.of(2345678L))
 *     .extra(Map.of("stable_days", 7))     // bodhi_update job's extra parameters
 *     .build();
 * }</pre>
 *
 * <p>Either {@code builds} or {@code fromTag} is required (both may be given: Bodhi then takes
 * the listed builds, which must be tagged in the side tag), and {@code notes}. Bug ids are sent
 * as decimal strings ({@code "bugs": ["2345678"]}), the form Bodhi's schema accepts. Extra parameters
 * go first and the typed fields override them, as Packit overlays its keys over
 * {@code bodhi_extra_params}.
 *
 * @param builds NVRs; may be empty when {@code fromTag} is set
 * @param fromTag side tag to take the builds from, empty when none
 * @param notes update notes, at least 2 characters
 * @param type {@code newpackage}, {@code security}, {@code bugfix} or {@code enhancement}
 * @param severity {@code unspecified}, {@code low}, {@code medium}, {@code high} or {@code urgent}
 * @param bugs Bugzilla bug ids
 * @param extra further fields ({@code autokarma}, {@code stable_karma}, {@code suggest}, ...)
 */
public record UpdateRequest(List<String> builds, String fromTag, String notes, String type, String severity,
    List<Long> bugs, Map<String, Object> extra) {
  private static final List<String> TYPES = List.of("newpackage", "security", "bugfix", "enhancement");
  private static final List<String> SEVERITIES = List.of("unspecified", "low", "medium", "high", "urgent");

  /** Validates and freezes the components. */
  public UpdateRequest {
    builds = List.copyOf(builds);
    Objects.requireNonNull(fromTag, "fromTag == null");
    Objects.requireNonNull(notes, "notes == null");
    bugs = List.copyOf(bugs);
    extra = Map.copyOf(extra);
    for (Long id : bugs) {
      if (id == null || id <= 0) {
        throw new IllegalArgumentException("bug ids must be positive Bugzilla numbers: " + id);
      }
    }
    if (!fromTag.isEmpty() && (fromTag.isBlank() || !fromTag.equals(fromTag.strip()))) {
      // Bodhi: "You may not specify an empty from_tag."; a padded name is no Koji tag
      throw new IllegalArgumentException("fromTag must be a Koji side tag name: '" + fromTag + "'");
    }
    if (builds.isEmpty() && fromTag.isEmpty()) {
      throw new IllegalArgumentException("an update needs builds or a side tag (fromTag)");
    }
    if (notes.strip().length() < 2) {
      throw new IllegalArgumentException("update notes must have at least 2 characters");
    }
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("update type must be one of " + TYPES + ": " + type);
    }
    if (!SEVERITIES.contains(severity)) {
      throw new IllegalArgumentException("update severity must be one of " + SEVERITIES + ": " + severity);
    }
    if (type.equals("security") && severity.equals("unspecified")) {
      throw new IllegalArgumentException("a security update needs a severity other than unspecified");
    }
  }

  /**
   * Returns a builder (type {@code enhancement}, severity {@code unspecified}).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the JSON body Bodhi expects, without {@code csrf_token} and {@code edited}; bug ids
   * are strings, as Bodhi's {@code SaveUpdateSchema} requires.
   *
   * @return the fields
   */
  public Map<String, Object> toFields() {
    Map<String, Object> m = new LinkedHashMap<>(extra);
    if (!builds.isEmpty()) {
      m.put("builds", builds);
    }
    if (!fromTag.isEmpty()) {
      m.put("from_tag", fromTag);
    }
    m.put("notes", notes);
    m.put("type", type);
    m.put("severity", severity);
    // Bodhi's schema is a sequence of strings (colander String): numbers are refused with
    // "bugs.0: 123456 is not a string"; ["123456"] is what Bodhi splits bodhi-client's "123456,654321" into
    m.put("bugs", bugs.stream().map(String::valueOf).toList());
    return m;
  }

  /** Builds an {@link UpdateRequest}. */
  public static final class Builder {
    private final List<String> builds = new ArrayList<>();
    private String fromTag = "";
    private String notes = "";
    private String type = "enhancement";
    private String severity = "unspecified";
    private final List<Long> bugs = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    Builder() {}

    /**
     * @param nvrs the builds
     * @return this builder
     */
    public Builder builds(List<String> nvrs) {
      builds.addAll(nvrs);
      return this;
    }

    /**
     * @param sideTag side tag to create the update from
     * @return this builder
     */
    public Builder fromTag(String sideTag) {
      this.fromTag = Objects.requireNonNull(sideTag, "sideTag == null");
      return this;
    }

    /**
     * @param notes update notes
     * @return this builder
     */
    public Builder notes(String notes) {
      this.notes = Objects.requireNonNull(notes, "notes == null");
      return this;
    }

    /**
     * @param type {@code newpackage}, {@code security}, {@code bugfix} or {@code enhancement}
     * @return this builder
     */
    public Builder type(String type) {
      this.type = Objects.requireNonNull(type, "type == null");
      return this;
    }

    /**
     * @param severity {@code unspecified}, {@code low}, {@code medium}, {@code high} or {@code urgent}
     * @return this builder
     */
    public Builder severity(String severity) {
      this.severity = Objects.requireNonNull(severity, "severity == null");
      return this;
    }

    /**
     * @param ids Bugzilla bug ids
     * @return this builder
     */
    public Builder bugs(List<Long> ids) {
      bugs.addAll(ids);
      return this;
    }

    /**
     * @param fields extra fields; the typed ones override them
     * @return this builder
     */
    public Builder extra(Map<String, ?> fields) {
      extra.putAll(fields);
      return this;
    }

    /** @return the request */
    public UpdateRequest build() {
      return new UpdateRequest(builds, fromTag, notes, type, severity, bugs, extra);
    }
  }
}
