package dev.packit.fedora.bodhi;

import java.util.Objects;

/**
 * A release as Bodhi's {@code GET /releases/} lists it.
 *
 * <pre>{@code
 * BodhiRelease f42 = bodhi.release("F42").orElseThrow();
 * f42.branch();          // "f42"
 * f42.candidateTag();    // "f42-updates-candidate"
 * }</pre>
 *
 * @param name e.g. {@code F42}, {@code F42F}, {@code EPEL-10.1}, {@code ELN}
 * @param longName e.g. {@code Fedora 42}
 * @param version e.g. {@code 42}, {@code 10.1}, {@code eln}
 * @param idPrefix {@code FEDORA}, {@code FEDORA-EPEL}, {@code FEDORA-CONTAINER}, {@code FEDORA-FLATPAK}, ...
 * @param branch dist-git branch, e.g. {@code f42}, {@code rawhide}, {@code epel10}
 * @param distTag e.g. {@code f42}
 * @param stableTag e.g. {@code f42-updates}
 * @param testingTag e.g. {@code f42-updates-testing}
 * @param candidateTag e.g. {@code f42-updates-candidate}
 * @param overrideTag e.g. {@code f42-override}
 * @param state {@code disabled}, {@code pending}, {@code frozen}, {@code current} or {@code archived}
 * @param composedByBodhi whether Bodhi composes it (manual updates are refused when not)
 * @param createAutomaticUpdates whether Bodhi creates updates from tagged builds by itself
 * @param eol end of life date ({@code 2025-12-15}), empty when unknown
 */
public record BodhiRelease(
    String name,
    String longName,
    String version,
    String idPrefix,
    String branch,
    String distTag,
    String stableTag,
    String testingTag,
    String candidateTag,
    String overrideTag,
    String state,
    boolean composedByBodhi,
    boolean createAutomaticUpdates,
    String eol) {

  /** Validates the components. */
  public BodhiRelease {
    for (Object o : new Object[] {name, longName, version, idPrefix, branch, distTag, stableTag, testingTag,
        candidateTag, overrideTag, state, eol}) {
      Objects.requireNonNull(o, "a BodhiRelease component is null");
    }
  }

  /**
   * Whether the release is a plain Fedora release (not a container, flatpak or module variant).
   *
   * @return {@code true} for {@code id_prefix} {@code FEDORA} with a numeric version
   */
  public boolean isFedora() {
    return idPrefix.equals("FEDORA") && !version.isEmpty() && Character.isDigit(version.charAt(0))
        && name.equals("F" + version);
  }

  /**
   * Whether the release is an EPEL release (not EPEL Next).
   *
   * @return {@code true} for {@code id_prefix} {@code FEDORA-EPEL}
   */
  public boolean isEpel() {
    return idPrefix.equals("FEDORA-EPEL");
  }
}
