package dev.packit.fedora.internal.workflow;

import dev.packit.core.spec.Section;
import dev.packit.core.spec.SpecFile;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Packit's spec update without {@code sync_changelog}: every section from the upstream spec,
 * except {@code %changelog}, which keeps dist-git's (or an empty one when dist-git has none).
 *
 * <pre>{@code
 * SpecFile merged = SpecMerge.upstreamWithDistGitChangelog(upstreamSpec, distGitSpec);
 * }</pre>
 */
public final class SpecMerge {
  private SpecMerge() {}

  /**
   * Merges two specs.
   *
   * @param upstream the upstream spec (everything but its changelog is taken)
   * @param distGit the dist-git spec (its changelog is taken)
   * @return the merged spec
   */
  public static SpecFile upstreamWithDistGitChangelog(SpecFile upstream, SpecFile distGit) {
    String up = new String(upstream.toBytes(), StandardCharsets.UTF_8);
    String dg = new String(distGit.toBytes(), StandardCharsets.UTF_8);
    String head = changelog(upstream).map(s -> linesBefore(up, s.line())).orElse(up);
    String tail = changelog(distGit).map(s -> linesFrom(dg, s.line())).orElse("%changelog\n");
    if (!head.isEmpty() && !head.endsWith("\n")) {
      head += "\n";
    }
    return SpecFile.parse(head + tail);
  }

  private static Optional<Section> changelog(SpecFile spec) {
    return spec.sections().stream().filter(s -> s.name().equals("changelog")).findFirst();
  }

  /** The text before 1-based line {@code line}. */
  private static String linesBefore(String text, int line) {
    int pos = offsetOfLine(text, line);
    return text.substring(0, pos);
  }

  private static String linesFrom(String text, int line) {
    return text.substring(offsetOfLine(text, line));
  }

  private static int offsetOfLine(String text, int line) {
    int pos = 0;
    for (int i = 1; i < line; i++) {
      int nl = text.indexOf('\n', pos);
      if (nl < 0) {
        return text.length();
      }
      pos = nl + 1;
    }
    return pos;
  }
}
