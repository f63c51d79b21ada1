package dev.packit.core.spec;

/**
 * Bounds on what one spec may cost: its size, and its macro expansion's depth, output and total
 * work. A spec past a bound fails fast with an {@link dev.packit.core.InvalidInputException} (or, for
 * depth and one expansion's output, a problem as rpm reports it) naming the file and the limit,
 * instead of filling the heap.
 *
 * <pre>{@code
 * SpecLimits big = SpecLimits.defaults().withMaxSpecBytes(128L << 20);   // texlive-sized specs
 * SpecFile spec = SpecFile.read(Path.of("texlive.spec"), big);
 * spec.evaluate(SpecOptions.builder().limits(big).build());
 * }</pre>
 *
 * @param maxSpecBytes the largest spec file, default 32 MiB (Fedora's largest specs are a few MiB)
 * @param maxMacroDepth macro recursion depth, default 64 (rpm's {@code MAX_MACRO_DEPTH}); deeper
 *     expansion stops with the problem rpm reports ("too many levels of recursion")
 * @param maxExpansionChars characters one expansion may produce, default 4 Mi; beyond it the
 *     expansion stops with a problem
 * @param maxTotalExpansion characters all expansions and macro definitions of one evaluation may
 *     produce, one per macro call included, default 64 Mi (a few times what the largest Fedora specs
 *     need; it also bounds the memory that macro definitions hold); beyond it the evaluation throws
 */
public record SpecLimits(long maxSpecBytes, int maxMacroDepth, int maxExpansionChars, long maxTotalExpansion) {
  private static final SpecLimits DEFAULTS = new SpecLimits(32L * 1024 * 1024, 64, 4 * 1024 * 1024,
      64L * 1024 * 1024);

  /** Validates. */
  public SpecLimits {
    if (maxSpecBytes < 1 || maxMacroDepth < 1 || maxExpansionChars < 1 || maxTotalExpansion < 1) {
      throw new IllegalArgumentException("spec limits must be positive: " + maxSpecBytes + ", "
          + maxMacroDepth + ", " + maxExpansionChars + ", " + maxTotalExpansion);
    }
  }

  /**
   * The defaults.
   *
   * @return 32 MiB specs, depth 64, 4 Mi characters per expansion, 64 Mi in total
   */
  public static SpecLimits defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with another spec size limit.
   *
   * @param bytes the largest spec file in bytes
   * @return a copy
   */
  public SpecLimits withMaxSpecBytes(long bytes) {
    return new SpecLimits(bytes, maxMacroDepth, maxExpansionChars, maxTotalExpansion);
  }

  /**
   * A copy with another recursion limit.
   *
   * @param depth the deepest macro recursion
   * @return a copy
   */
  public SpecLimits withMaxMacroDepth(int depth) {
    return new SpecLimits(maxSpecBytes, depth, maxExpansionChars, maxTotalExpansion);
  }

  /**
   * A copy with another limit for one expansion.
   *
   * @param chars the most characters one expansion may produce
   * @return a copy
   */
  public SpecLimits withMaxExpansionChars(int chars) {
    return new SpecLimits(maxSpecBytes, maxMacroDepth, chars, maxTotalExpansion);
  }

  /**
   * A copy with another limit for a whole evaluation.
   *
   * @param chars the most characters (and macro calls) one evaluation may produce
   * @return a copy
   */
  public SpecLimits withMaxTotalExpansion(long chars) {
    return new SpecLimits(maxSpecBytes, maxMacroDepth, maxExpansionChars, chars);
  }
}
