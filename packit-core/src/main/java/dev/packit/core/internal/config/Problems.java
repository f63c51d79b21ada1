package dev.packit.core.internal.config;

import dev.packit.core.config.ConfigProblem;
import dev.packit.core.config.ConfigProblem.Severity;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one load, so all of them are reported at once. */
public final class Problems {
  private final String source;
  private final List<ConfigProblem> list = new ArrayList<>();

  /** Creates a collector for one source. */
  public Problems(String source) {
    this.source = source;
  }

  /** The source name used in every problem. */
  public String source() {
    return source;
  }

  /** Records an error at a node. */
  public void error(String path, YNode at, String message) {
    add(Severity.ERROR, path, at == null ? 0 : at.line(), at == null ? 0 : at.column(), message);
  }

  /** Records a warning at a node. */
  public void warning(String path, YNode at, String message) {
    add(Severity.WARNING, path, at == null ? 0 : at.line(), at == null ? 0 : at.column(), message);
  }

  /** Records a problem at a position. */
  public void add(Severity severity, String path, int line, int column, String message) {
    ConfigProblem p = new ConfigProblem(severity, source, line, column, path, message);
    if (!list.contains(p)) {
      list.add(p);
    }
  }

  /** Whether an error was recorded. */
  public boolean hasErrors() {
    return list.stream().anyMatch(ConfigProblem::isError);
  }

  /** The errors, in document order. */
  public List<ConfigProblem> errors() {
    return sorted(Severity.ERROR);
  }

  /** The warnings, in document order. */
  public List<ConfigProblem> warnings() {
    return sorted(Severity.WARNING);
  }

  private List<ConfigProblem> sorted(Severity s) {
    List<ConfigProblem> out = new ArrayList<>();
    for (ConfigProblem p : list) {
      if (p.severity() == s) {
        out.add(p);
      }
    }
    out.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
    return List.copyOf(out);
  }
}
