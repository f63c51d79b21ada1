package dev.packit.core.spec;

import dev.packit.core.internal.spec.MacroEngine;
import dev.packit.core.internal.spec.SpecEvaluator;
import dev.packit.core.internal.spec.SpecText;
import java.util.List;

/**
 * The result of evaluating a spec with given {@link SpecOptions}: name/epoch/version/release,
 * tags with expanded values, live and dead branches, build conditions, sources, and the problems
 * met (unevaluated {@code %{lua:}}, unexecuted {@code %(...)}, bad conditions).
 *
 * <pre>{@code
 * SpecEvaluation ev = spec.evaluate(SpecOptions.builder().define("fedora", "42").build());
 * ev.nevr().version();             // "1.2"
 * ev.isLive(40);                   // is line 40 in a live %if branch?
 * ev.expand("%{name}-%{version}"); // in the macro state at the end of the file
 * ev.problems();                   // e.g. ["line 12: %{lua:} not evaluated: ..."]
 * }</pre>
 *
 * <p>Thread-safe: {@link #expand(String)} is synchronized because expansion can define macros.
 */
public final class SpecEvaluation {
  private final SpecFile spec;
  private final SpecEvaluator.Result result;
  private final List<Tag> tags;
  private final List<MacroDefinition> defs;
  private final List<Conditional> conds;
  private final List<Bcond> bconds;
  private final List<Source> sources;

  SpecEvaluation(SpecFile spec, SpecEvaluator.Result result, List<Tag> tags,
      List<MacroDefinition> defs, List<Conditional> conds, List<Bcond> bconds, List<Source> sources) {
    this.spec = spec;
    this.result = result;
    this.tags = List.copyOf(tags);
    this.defs = List.copyOf(defs);
    this.conds = List.copyOf(conds);
    this.bconds = List.copyOf(bconds);
    this.sources = List.copyOf(sources);
  }

  /**
   * The spec this evaluation belongs to.
   *
   * @return the spec
   */
  public SpecFile spec() {
    return spec;
  }

  /**
   * Name, epoch, version and release of the main package; missing tags give empty strings.
   *
   * @return the NEVR
   */
  public Nevr nevr() {
    return SpecFile.nevrOf(result);
  }

  /**
   * All tags of all preambles, in file order.
   *
   * @return the tags
   */
  public List<Tag> tags() {
    return tags;
  }

  /**
   * All macro definitions, in file order.
   *
   * @return the definitions
   */
  public List<MacroDefinition> macroDefinitions() {
    return defs;
  }

  /**
   * All conditional lines with the branch taken.
   *
   * @return the conditionals
   */
  public List<Conditional> conditionals() {
    return conds;
  }

  /**
   * All build conditions with their state.
   *
   * @return the bconds
   */
  public List<Bcond> bconds() {
    return bconds;
  }

  /**
   * Sources and patches (tags of the main preamble, then list entries), in file order.
   *
   * @return sources and patches
   */
  public List<Source> sourcesAndPatches() {
    return sources;
  }

  /**
   * Whether a line is in a live branch (conditional lines count as live when their enclosing code is).
   *
   * @param line 1-based line number
   * @return true when rpm would read the line
   */
  public boolean isLive(int line) {
    return result.live.get(line - 1);
  }

  /**
   * Problems met while evaluating, each prefixed with {@code line N:}.
   *
   * @return the problems, empty when none
   */
  public List<String> problems() {
    return List.copyOf(result.problems);
  }

  /**
   * Whether rpm would have failed (an {@code %{error:}}, a bad expression, runaway recursion).
   *
   * @return true when the evaluation hit a fatal problem
   */
  public boolean failed() {
    return result.failed;
  }

  /**
   * Expands macros with the definitions in effect at the end of the file.
   *
   * @param text text with macros, e.g. {@code %{name}-%{version}}
   * @return the expansion
   */
  public synchronized String expand(String text) {
    MacroEngine engine = result.engine;
    return SpecText.toDisplay(engine.expand(SpecText.toInternal(text)));
  }
}
