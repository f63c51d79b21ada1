package dev.packit.fedora.bodhi;

import java.util.List;

/**
 * What Bodhi returned for a saved update: one update, or several when the builds span releases,
 * plus caveats (e.g. "Your update is being split into N, one for each release.").
 *
 * <pre>{@code
 * SavedUpdates saved = bodhi.createUpdate(request);
 * System.out.println(saved.first().alias() + " " + saved.first().url());
 * }</pre>
 *
 * @param updates the saved updates, at least one
 * @param caveats caveat descriptions, possibly empty
 */
public record SavedUpdates(List<BodhiUpdate> updates, List<String> caveats) {
  /** Freezes and validates the components. */
  public SavedUpdates {
    updates = List.copyOf(updates);
    caveats = List.copyOf(caveats);
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("a save returns at least one update");
    }
  }

  /**
   * Returns the first (usually the only) update.
   *
   * @return the update
   */
  public BodhiUpdate first() {
    return updates.get(0);
  }
}
