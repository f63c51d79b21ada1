package dev.packit.fedora.bodhi;

import java.util.List;

/**
 * One page of a Bodhi listing.
 *
 * <pre>{@code
 * BodhiPage<BodhiUpdate> p = bodhi.updates(query, 1);
 * boolean more = p.page() < p.pages();
 * }</pre>
 *
 * @param items the entries of this page
 * @param page this page, from 1
 * @param pages number of pages
 * @param total number of entries over all pages
 * @param <T> entry type
 */
public record BodhiPage<T>(List<T> items, int page, int pages, int total) {
  /** Freezes the items. */
  public BodhiPage {
    items = List.copyOf(items);
  }
}
