package dev.packit.core.config;

import java.util.Objects;

/**
 * One release as Bodhi's {@code /releases/} lists it (the fields alias resolution needs).
 *
 * <pre>{@code
 * FedoraRelease f42 = new FedoraRelease("F42", "Fedora 42", "42", "FEDORA", "current", "f42", "f42",
 *     "f42-updates-candidate");
 * }</pre>
 *
 * @param name e.g. {@code F42}, {@code EPEL-9}, {@code ELN}
 * @param longName e.g. {@code Fedora 42}
 * @param version e.g. {@code 42}, {@code 10.1}, {@code eln}
 * @param idPrefix {@code FEDORA}, {@code FEDORA-EPEL}, {@code FEDORA-CONTAINER}, ...
 * @param state {@code current}, {@code pending}, {@code frozen}, {@code archived}
 * @param branch the dist-git branch, e.g. {@code f42}, {@code epel10}, {@code rawhide}
 * @param distTag e.g. {@code f42}
 * @param candidateTag e.g. {@code f42-updates-candidate}
 */
public record FedoraRelease(String name, String longName, String version, String idPrefix, String state,
    String branch, String distTag, String candidateTag) {
  /** Requires the fields alias resolution reads. */
  public FedoraRelease {
    Objects.requireNonNull(name, "name");
    longName = longName == null ? name : longName;
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(idPrefix, "idPrefix");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(branch, "branch");
    distTag = distTag == null ? "" : distTag;
    candidateTag = candidateTag == null ? "" : candidateTag;
  }
}
