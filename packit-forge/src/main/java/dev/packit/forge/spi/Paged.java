package dev.packit.forge.spi;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy iterator over a paginated list: the next page is fetched only when the items of the
 * current one are used up. A next link that points back to the page it came from ends the list;
 * more than 10,000 pages is an error naming the link.
 *
 * <pre>{@code
 * Stream<Branch> branches = Paged.stream(first, uri -> {
 *   Rest.Response r = rest.get(uri);
 *   List<Branch> items = new ArrayList<>();
 *   r.json().forEach(b -> items.add(new Branch(Json.text(b, "name"), Json.textAt(b, "commit", "id"))));
 *   return new Paged.Page<>(items, LinkHeader.find(r.header("Link"), "next").orElse(null));
 * });
 * }</pre>
 *
 * @since 0.2.0
 * @param <T> the item type
 */
public final class Paged<T> implements Iterator<T> {

  /**
   * One fetched page: its items and where the next one is, if anywhere.
   *
   * <pre>{@code
   * Paged.Page<String> last = new Paged.Page<>(List.of("main", "f43"), null);   // no next page
   * }</pre>
   */
  public record Page<T>(List<T> items, URI next) {
    /** Copies the items. */
    public Page {
      items = List.copyOf(items);
    }
  }

  private final Function<URI, Page<T>> fetch;
  private final Deque<T> buffer = new ArrayDeque<>();
  private URI next;
  private int pages;
  private final int maxPages;

  private Paged(URI first, Function<URI, Page<T>> fetch, int maxPages) {
    this.next = Objects.requireNonNull(first, "first == null");
    this.fetch = fetch;
    this.maxPages = maxPages;
  }

  /**
   * Returns a lazy stream over all pages.
   *
   * @param first the URI of the first page
   * @param fetch fetches and parses one page
   * @param <T> the item type
   * @return the stream
   */
  public static <T> Stream<T> stream(URI first, Function<URI, Page<T>> fetch) {
    Paged<T> it = new Paged<>(first, fetch, 10_000);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  @Override
  public boolean hasNext() {
    while (buffer.isEmpty() && next != null) {
      if (++pages > maxPages) {
        throw new IllegalStateException("more than " + maxPages + " pages; the forge keeps sending a next link: " + next);
      }
      URI current = next;
      Page<T> page = fetch.apply(current);
      buffer.addAll(page.items());
      // a next link pointing back to the same page would loop forever
      next = page.next() != null && !page.next().equals(current) ? page.next() : null;
    }
    return !buffer.isEmpty();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.removeFirst();
  }

  /** Returns how many pages were fetched so far. */
  public int pagesFetched() {
    return pages;
  }
}
