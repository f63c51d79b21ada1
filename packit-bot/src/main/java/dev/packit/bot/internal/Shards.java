package dev.packit.bot.internal;

/**
 * Maps a package to a shard. {@link String#hashCode()} is specified by the Java language, so every
 * bot instance (and every JVM version) agrees on it.
 *
 * <pre>{@code
 * int shard = Shards.of("hello", 8);   // always the same shard for hello
 * }</pre>
 */
public final class Shards {
  private Shards() {}

  /**
   * Returns the shard of a package.
   *
   * @param packageName the package
   * @param shards the number of shards
   * @return a shard in {@code [0, shards)}
   */
  public static int of(String packageName, int shards) {
    return Math.floorMod(packageName.hashCode(), shards);
  }
}
