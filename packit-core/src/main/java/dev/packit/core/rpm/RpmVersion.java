package dev.packit.core.rpm;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An RPM EVR (epoch, version, release), ordered exactly like rpm's {@code labelCompare}.
 *
 * <pre>{@code
 * RpmVersion a = RpmVersion.parse("2:1.0~rc1-3.fc42");
 * a.epoch();      // 2
 * a.version();    // "1.0~rc1"
 * a.release();    // "3.fc42"
 * a.compareTo(RpmVersion.parse("2:1.0-1")) < 0;        // true: tilde sorts before the release
 * RpmVersion.rpmvercmp("1.0^git1", "1.0") > 0;         // true: caret sorts after
 * RpmVersion.parse("1.0").compareTo(RpmVersion.parse("1.0-1")) < 0;                    // total order
 * RpmVersion.parse("1.0").compareIgnoringMissingRelease(RpmVersion.parse("1.0-1")) == 0; // Requires
 * }</pre>
 *
 * <p>A missing epoch compares as {@code 0} (as rpm does); {@link #hasEpoch()} remembers whether one
 * was written. An empty release means "no release". {@link #compareTo} is rpm's {@code labelCompare}
 * (python3-rpm's {@code rpm.labelCompare}, {@code rpmdev-vercmp}): a total order in which a missing
 * release sorts below any release, so sorting mixed lists is consistent.
 * {@link #compareIgnoringMissingRelease} is the dependency rule ({@code rpmdsCompare}: {@code Requires:
 * foo >= 1.0} is met by {@code 1.0-5}) and is not a total order.
 *
 * @param epoch the epoch, {@code 0} when absent
 * @param hasEpoch whether the epoch was given explicitly
 * @param version the version, never empty
 * @param release the release, empty when absent
 */
public record RpmVersion(int epoch, boolean hasEpoch, String version, String release)
    implements Comparable<RpmVersion> {

  /** Validates the components. */
  public RpmVersion {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(release, "release");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must not be negative: " + epoch);
    }
    if (epoch != 0) {
      hasEpoch = true;
    }
  }

  /**
   * Creates a version without epoch.
   *
   * @param version the version
   * @param release the release, may be empty
   * @return the EVR
   */
  public static RpmVersion of(String version, String release) {
    return new RpmVersion(0, false, version, release);
  }

  /**
   * Parses {@code [epoch:]version[-release]}; the release starts after the last {@code -}.
   *
   * @param evr the text, e.g. {@code 1:2.3-4.fc42}
   * @return the EVR
   * @throws IllegalArgumentException when the epoch is not a number or the version is empty
   */
  public static RpmVersion parse(String evr) {
    Objects.requireNonNull(evr, "evr");
    String s = evr.strip();
    int epoch = 0;
    boolean hasEpoch = false;
    int colon = s.indexOf(':');
    if (colon >= 0) {
      String e = s.substring(0, colon);
      if (e.isEmpty() || !e.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("epoch is not a number in EVR: " + evr);
      }
      epoch = Integer.parseInt(e);
      hasEpoch = true;
      s = s.substring(colon + 1);
    }
    String release = "";
    int dash = s.lastIndexOf('-');
    if (dash >= 0) {
      release = s.substring(dash + 1);
      s = s.substring(0, dash);
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty version in EVR: " + evr);
    }
    return new RpmVersion(epoch, hasEpoch, s, release);
  }

  /**
   * Why rpm would refuse {@code version} as a literal {@code Version:} value, or empty when it is
   * valid. rpm 4.18 ({@code rpmCharCheck} in {@code build/parsePreamble.c}) allows ASCII letters,
   * digits and {@code . _ + ~ ^} plus <code>% &#123; &#125;</code> for macros, refuses {@code ..}, whitespace
   * ("Tag takes single token only") and an empty value. A literal version refuses {@code %},
   * <code>&#123;</code> and <code>&#125;</code> too: they only make sense as macros, and a macro in a version taken from
   * an upstream would run whatever the upstream wrote ({@code %(cmd)}, {@code %{lua:...}}).
   *
   * <pre>{@code
   * RpmVersion.versionProblem("1.2~rc1");   // Optional.empty()
   * RpmVersion.versionProblem("1.2-1");     // "contains '-' at position 4: rpm allows only ..."
   * }</pre>
   *
   * @param version the version text
   * @return the broken rule, naming the character and its position (1-based)
   */
  public static Optional<String> versionProblem(String version) {
    if (version == null || version.isEmpty()) {
      return Optional.of("is empty (rpm: \"Empty tag: Version\")");
    }
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      String at = " at position " + (i + 1);
      if (Character.isWhitespace(c)) {
        return Optional.of("contains whitespace" + at + " (rpm: \"Tag takes single token only\")");
      }
      if (c == '%' || c == '{' || c == '}') {
        return Optional.of("contains '" + c + "'" + at + ": rpm would read it as a macro, and a version must be"
            + " literal (no macro may come from an upstream)");
      }
      if (!isAlnum(c) && "._+~^".indexOf(c) < 0) {
        String shown = c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c);
        return Optional.of("contains " + shown + at + ": rpm allows only ASCII letters, digits and . _ + ~ ^ in"
            + " Version (rpmCharCheck: \"Illegal char\"" + (c == '-' ? "; '-' separates the release" : "") + ")");
      }
      if (c == '.' && i + 1 < version.length() && version.charAt(i + 1) == '.') {
        return Optional.of("contains \"..\"" + at + " (rpmCharCheck: Illegal sequence)");
      }
    }
    return Optional.empty();
  }

  /**
   * Compares two version (or release) strings with rpm's {@code rpmvercmp} algorithm: alternating
   * numeric and alphabetic segments, numbers compared numerically and newer than letters,
   * {@code ~} older than anything (even the end), {@code ^} newer than the end but older than
   * any other segment.
   *
   * @param a the first string
   * @param b the second string
   * @return a negative number, zero or a positive number as {@code a} is older, equal or newer
   */
  public static int rpmvercmp(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    int na = a.length();
    int nb = b.length();
    while (i < na || j < nb) {
      while (i < na && !isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
        i++;
      }
      while (j < nb && !isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
        j++;
      }
      char ca = i < na ? a.charAt(i) : 0;
      char cb = j < nb ? b.charAt(j) : 0;
      if (ca == '~' || cb == '~') {
        if (ca != '~') {
          return 1;
        }
        if (cb != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == '^' || cb == '^') {
        if (i >= na) {
          return -1;
        }
        if (j >= nb) {
          return 1;
        }
        if (ca != '^') {
          return 1;
        }
        if (cb != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (i >= na || j >= nb) {
        break;
      }
      int si = i;
      int sj = j;
      boolean numeric = isDigit(ca);
      if (numeric) {
        while (i < na && isDigit(a.charAt(i))) {
          i++;
        }
        while (j < nb && isDigit(b.charAt(j))) {
          j++;
        }
      } else {
        while (i < na && isAlpha(a.charAt(i))) {
          i++;
        }
        while (j < nb && isAlpha(b.charAt(j))) {
          j++;
        }
      }
      if (sj == j) {
        // segments of different kinds: numbers are newer than letters
        return numeric ? 1 : -1;
      }
      if (numeric) {
        while (si < i - 1 && a.charAt(si) == '0') {
          si++;
        }
        while (sj < j - 1 && b.charAt(sj) == '0') {
          sj++;
        }
        int la = i - si;
        int lb = j - sj;
        if (la != lb) {
          return la > lb ? 1 : -1;
        }
      }
      int c = compareRange(a, si, i, b, sj, j);
      if (c != 0) {
        return c < 0 ? -1 : 1;
      }
    }
    boolean restA = i < na;
    boolean restB = j < nb;
    if (!restA && !restB) {
      return 0;
    }
    return restA ? 1 : -1;
  }

  private static int compareRange(String a, int ai, int ae, String b, int bi, int be) {
    while (ai < ae && bi < be) {
      int d = a.charAt(ai++) - b.charAt(bi++);
      if (d != 0) {
        return d;
      }
    }
    return (ae - ai) - (be - bi);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || isAlpha(c);
  }

  /**
   * rpm's {@code labelCompare}: epoch, then version, then release with {@link #rpmvercmp}; a missing
   * release sorts below any release (even {@code ~1}), two missing releases are equal. A total order,
   * consistent with {@link #equals} up to rpm's equivalences ({@code 1.01} equals {@code 1.1}).
   *
   * @param o the other EVR
   * @return -1, 0 or 1 as this EVR is older, equal or newer
   */
  @Override
  public int compareTo(RpmVersion o) {
    int c = Integer.compare(epoch, o.epoch);
    if (c != 0) {
      return c;
    }
    c = rpmvercmp(version, o.version);
    if (c != 0) {
      return c;
    }
    if (release.isEmpty() || o.release.isEmpty()) {
      // labelCompare's NULL release: below any release
      return Boolean.compare(!release.isEmpty(), !o.release.isEmpty());
    }
    return rpmvercmp(release, o.release);
  }

  /**
   * The dependency-matching rule ({@code rpmdsCompare}, rpm's {@code rpmVersionCompare}): when either
   * side has no release only epoch and version are compared, so {@code foo >= 1.0} is met by
   * {@code 1.0-5} and {@code foo = 1.0} by any release of 1.0. Not a total order: never sort with it.
   *
   * <pre>{@code
   * RpmVersion.parse("1.0").compareIgnoringMissingRelease(RpmVersion.parse("1.0-5")); // 0
   * }</pre>
   *
   * @param o the other EVR
   * @return -1, 0 or 1
   */
  public int compareIgnoringMissingRelease(RpmVersion o) {
    int c = Integer.compare(epoch, o.epoch);
    if (c != 0) {
      return c;
    }
    c = rpmvercmp(version, o.version);
    if (c != 0 || release.isEmpty() || o.release.isEmpty()) {
      return c;
    }
    return rpmvercmp(release, o.release);
  }

  /** Returns {@code [epoch:]version[-release]}, with the epoch only when it was given. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (hasEpoch) {
      sb.append(epoch).append(':');
    }
    sb.append(version);
    if (!release.isEmpty()) {
      sb.append('-').append(release);
    }
    return sb.toString();
  }
}
