package dev.packit.fedora.bodhi;

import java.util.List;
import java.util.Objects;

/**
 * A Bodhi update (the fields bots use; the rest stays in Bodhi).
 *
 * <pre>{@code
 * BodhiUpdate u = bodhi.update("FEDORA-2025-0c53f2476d").orElseThrow();
 * u.status();   // "testing"
 * u.builds();   // [sen-0.6.1-1.fc30]
 * }</pre>
 *
 * @param alias e.g. {@code FEDORA-2019-0c53f2476d}
 * @param title title (the NVRs, space-separated)
 * @param status {@code pending}, {@code testing}, {@code stable}, {@code obsolete}, {@code unpushed}, ...
 * @param request requested status ({@code testing}, {@code stable}, ...), empty when none
 * @param type {@code newpackage}, {@code security}, {@code bugfix} or {@code enhancement}
 * @param severity {@code unspecified}, {@code low}, {@code medium}, {@code high} or {@code urgent}
 * @param url web URL of the update
 * @param notes the update notes
 * @param release release name, e.g. {@code F42}
 * @param user submitter's username
 * @param builds the NVRs in the update
 * @param bugs the Bugzilla bug ids
 * @param stableKarma karma that pushes the update to stable
 * @param unstableKarma karma that unpushes it
 * @param karma current karma
 * @param fromTag the side tag the update was created from, empty when none
 * @param caveats caveat descriptions Bodhi returned when saving, possibly empty
 */
public record BodhiUpdate(
    String alias,
    String title,
    String status,
    String request,
    String type,
    String severity,
    String url,
    String notes,
    String release,
    String user,
    List<String> builds,
    List<Long> bugs,
    int stableKarma,
    int unstableKarma,
    int karma,
    String fromTag,
    List<String> caveats) {

  /** Validates and freezes the components. */
  public BodhiUpdate {
    for (Object o : new Object[] {alias, title, status, request, type, severity, url, notes, release, user, fromTag}) {
      Objects.requireNonNull(o, "a BodhiUpdate component is null");
    }
    builds = List.copyOf(builds);
    bugs = List.copyOf(bugs);
    caveats = List.copyOf(caveats);
  }
}
