package dev.packit.core.spec;

import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import dev.packit.core.PackitClientException;
import dev.packit.core.internal.spec.ChangelogParser;
import dev.packit.core.internal.spec.RpmLiteral;
import dev.packit.core.internal.spec.SpecEditor;
import dev.packit.core.internal.spec.SpecEvaluator;
import dev.packit.core.internal.spec.SpecStructure;
import dev.packit.core.internal.spec.SpecText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An RPM spec file: a lossless, immutable model over its bytes with rpm-compatible evaluation and
 * minimal-diff edits. No librpm, no temporary files, no global state.
 *
 * <pre>{@code
 * SpecFile spec = SpecFile.read(Path.of("hello.spec"));
 * spec.nevr();                              // Nevr[name=hello, epoch=, version=1.2, release=1]
 * spec.tag("Version").get().value();        // "%{majorver}.%{minorver}"
 * SpecFile next = spec.withVersion("1.3")   // updates %global majorver/minorver instead
 *     .withReleaseReset();                  // 3%{?dist} -> 1%{?dist}; no-op on %autorelease
 * next.write(Path.of("hello.spec"));        // atomic; only the changed bytes differ
 * Arrays.equals(spec.toBytes(), Files.readAllBytes(Path.of("hello.spec")));  // true before the edit
 * }</pre>
 *
 * <p>Any bytes are accepted (up to {@link SpecLimits#maxSpecBytes()}, checked before a file is
 * read): text is kept byte-per-char, so CRLF, a missing final newline, tabs,
 * trailing spaces and invalid UTF-8 all survive; {@link #toBytes()} of an unedited spec equals the
 * input. Values handed to and returned from the API are Unicode (UTF-8 in the file).
 *
 * <p>Instances are immutable and thread-safe; every {@code with...} method returns a new spec.
 */
public final class SpecFile {
  private static final Pattern AUTORELEASE =
      Pattern.compile("%(\\{[?!]*|[?!]*)autorelease(?![A-Za-z0-9_])");
  private static final Pattern AUTOCHANGELOG =
      Pattern.compile("%(\\{[?!]*|[?!]*)autochangelog(?![A-Za-z0-9_])");

  private final String origin;
  private final SpecText text;
  private volatile SpecStructure structureCache;
  private volatile SpecEvaluation defaultEvaluation;

  private SpecFile(String origin, SpecText text) {
    this.origin = origin;
    this.text = text;
  }

  /** The structural model, built on first use (parsing itself only indexes lines). */
  private SpecStructure structure() {
    SpecStructure s = structureCache;
    if (s == null) {
      s = SpecStructure.parse(text);
      structureCache = s;
    }
    return s;
  }

  /**
   * Parses bytes; never throws on content, only on size.
   *
   * @param bytes the file content
   * @return the spec
   * @throws InvalidInputException when the spec is larger than {@link SpecLimits#maxSpecBytes()} of the defaults
   */
  public static SpecFile parse(byte[] bytes) {
    return parse(bytes, SpecLimits.defaults());
  }

  /**
   * Parses bytes with other limits.
   *
   * @param bytes the file content
   * @param limits the limits ({@link SpecLimits#maxSpecBytes()} is checked here)
   * @return the spec
   * @throws InvalidInputException when the spec is larger than {@code limits.maxSpecBytes()}
   */
  public static SpecFile parse(byte[] bytes, SpecLimits limits) {
    checkSize("<spec>", Objects.requireNonNull(bytes, "bytes").length, limits);
    return new SpecFile("<spec>", SpecText.of(bytes));
  }

  private static void checkSize(String origin, long size, SpecLimits limits) {
    if (size > limits.maxSpecBytes()) {
      throw new InvalidInputException(InputLocation.of(origin), "the spec is " + size
          + " bytes, more than the limit of " + limits.maxSpecBytes() + " bytes (SpecLimits.maxSpecBytes)");
    }
  }

  /**
   * Parses text (stored as UTF-8).
   *
   * @param content the file content
   * @return the spec
   */
  public static SpecFile parse(String content) {
    return parse(content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a file.
   *
   * @param path the spec file
   * @return the spec
   * @throws PackitClientException when the file cannot be read
   * @throws InvalidInputException when it is larger than {@link SpecLimits#maxSpecBytes()} of the defaults
   */
  public static SpecFile read(Path path) {
    return read(path, SpecLimits.defaults());
  }

  /**
   * Reads a file with other limits; its size is checked before it is read.
   *
   * @param path the spec file
   * @param limits the limits ({@link SpecLimits#maxSpecBytes()} is checked here)
   * @return the spec
   * @throws PackitClientException when the file cannot be read
   * @throws InvalidInputException naming the file when it is larger than {@code limits.maxSpecBytes()}
   */
  public static SpecFile read(Path path, SpecLimits limits) {
    try {
      checkSize(path.toString(), Files.size(path), limits);
      byte[] bytes = Files.readAllBytes(path);
      checkSize(path.toString(), bytes.length, limits); // it may have grown since
      return new SpecFile(path.toString(), SpecText.of(bytes));
    } catch (IOException e) {
      throw new PackitClientException("cannot read spec file " + path + ": " + e.getMessage(), e);
    }
  }

  private SpecFile derive(String newText) {
    if (newText.equals(text.text())) {
      return this;
    }
    return new SpecFile(origin, SpecText.ofLatin1(newText));
  }

  /**
   * The bytes: identical to the input when nothing was edited.
   *
   * @return a fresh copy of the bytes
   */
  public byte[] toBytes() {
    return text.toBytes();
  }

  /**
   * The content as text (UTF-8 decoded where valid).
   *
   * @return the content
   */
  @Override
  public String toString() {
    return SpecText.toDisplay(text.text());
  }

  /**
   * Writes the bytes atomically: a temporary file in the same folder, then an atomic move over
   * {@code path} (the original permissions are kept).
   *
   * @param path the destination
   * @throws PackitClientException when writing fails; the destination is then untouched
   */
  public void write(Path path) {
    Path abs = path.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
      Files.write(tmp, toBytes());
      if (Files.exists(abs)) {
        try {
          Set<PosixFilePermission> perms = Files.getPosixFilePermissions(abs);
          Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: keep the default permissions
        }
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new PackitClientException("cannot write spec file " + abs + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort clean-up of our own temporary file
        }
      }
    }
  }

  /**
   * Where the spec came from (a path, or {@code <spec>}).
   *
   * @return the origin used in error messages
   */
  public String origin() {
    return origin;
  }

  /**
   * The number of lines (a final newline does not start a new line).
   *
   * @return the line count
   */
  public int lineCount() {
    return text.lineCount();
  }

  /**
   * One line without its terminator.
   *
   * @param line 1-based line number
   * @return the line text
   */
  public String line(int line) {
    return SpecText.toDisplay(text.line(line - 1));
  }

  /**
   * The sections, starting with the implicit main preamble.
   *
   * @return the sections in file order
   */
  public List<Section> sections() {
    return List.copyOf(structure().sections());
  }

  /**
   * Evaluates with {@link SpecOptions#defaults()} (cached).
   *
   * @return the evaluation
   */
  public SpecEvaluation evaluate() {
    SpecEvaluation e = defaultEvaluation;
    if (e == null) {
      e = evaluate(SpecOptions.defaults());
      defaultEvaluation = e;
    }
    return e;
  }

  /**
   * Evaluates the whole file with the given options.
   *
   * @param options defines, arch, shell, autorelease history
   * @return the evaluation
   */
  public SpecEvaluation evaluate(SpecOptions options) {
    SpecEvaluator.Result r = SpecEvaluator.evaluate(structure(), env(options), false);
    return build(r);
  }

  SpecEvaluator.Env env(SpecOptions o) {
    SpecOptions.Shell sh = o.shell();
    return new SpecEvaluator.Env(o.defines(), o.arch(), o.os(), sh == null ? null : sh::run,
        o.autoreleaseCommits(), o.limits(), origin);
  }

  /**
   * Name, epoch, version and release with the default options.
   *
   * @return the NEVR; missing tags give empty strings
   */
  public Nevr nevr() {
    return nevr(SpecOptions.defaults());
  }

  /**
   * Name, epoch, version and release; stops reading after the main preamble, so it is cheap.
   *
   * @param options the options
   * @return the NEVR; missing tags give empty strings
   */
  public Nevr nevr(SpecOptions options) {
    return nevrOf(SpecEvaluator.evaluate(text, this::structure, env(options), true));
  }

  /**
   * Like {@link #nevr(SpecOptions)} but fails when rpm would not produce a package.
   *
   * @param options the options
   * @return the NEVR
   * @throws InvalidInputException naming the file and the missing tag or the failing line
   */
  public Nevr requireNevr(SpecOptions options) {
    SpecEvaluator.Result r = SpecEvaluator.evaluate(text, this::structure, env(options), true);
    String missing = r.name == null ? "Name" : r.version == null ? "Version"
        : r.release == null ? "Release" : null;
    if (missing != null) {
      throw new InvalidInputException(InputLocation.of(origin).field(missing),
          "tag is missing from the main preamble"
              + (r.problems.isEmpty() ? "" : " (" + r.problems.get(0) + ")"));
    }
    Nevr n = nevrOf(r);
    checkToken(r, n.name(), "Name");
    checkToken(r, n.version(), "Version");
    checkToken(r, n.release(), "Release");
    return n;
  }

  private void checkToken(SpecEvaluator.Result r, String value, String tag) {
    if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace) || value.contains("%")) {
      int line = 0;
      for (SpecStructure.RawTag t : structure().tags()) {
        if (t.section() == 0 && t.name().equalsIgnoreCase(tag) && r.live.get(t.line())) {
          line = t.line() + 1;
        }
      }
      throw new InvalidInputException(InputLocation.of(origin).at(line, 0).field(tag),
          "cannot be expanded to a single token: \"" + value + "\""
              + (r.problems.isEmpty() ? "" : " (" + r.problems.get(r.problems.size() - 1) + ")"));
    }
  }

  static Nevr nevrOf(SpecEvaluator.Result r) {
    String epoch = r.epoch == null ? "" : r.epoch;
    if (!epoch.isEmpty() && epoch.chars().allMatch(Character::isDigit) && epoch.length() < 10) {
      epoch = Integer.toString(Integer.parseInt(epoch));
    }
    return new Nevr(d(r.name), SpecText.toDisplay(epoch), d(r.version), d(r.release));
  }

  private static String d(String s) {
    return s == null ? "" : SpecText.toDisplay(s);
  }

  /**
   * Expands macros with the default options, in the state at the end of the file.
   *
   * @param textWithMacros e.g. {@code %{name}-%{version}.tar.gz}
   * @return the expansion
   */
  public String expand(String textWithMacros) {
    return evaluate().expand(textWithMacros);
  }

  /**
   * Tags of all preambles (default options).
   *
   * @return the tags
   */
  public List<Tag> tags() {
    return evaluate().tags();
  }

  /**
   * The first live tag with this name in the main preamble (else the first one at all).
   *
   * @param name case-insensitive, e.g. {@code version}
   * @return the tag, empty when absent
   */
  public Optional<Tag> tag(String name) {
    Tag fallback = null;
    for (Tag t : tags()) {
      if (t.is(name) && t.section().line() == 0) {
        if (t.live()) {
          return Optional.of(t);
        }
        if (fallback == null) {
          fallback = t;
        }
      }
    }
    return Optional.ofNullable(fallback);
  }

  /**
   * Macro definitions (default options for the live flags).
   *
   * @return the definitions in file order
   */
  public List<MacroDefinition> macroDefinitions() {
    return evaluate().macroDefinitions();
  }

  /**
   * Conditional lines (default options for the branch taken).
   *
   * @return the conditionals in file order
   */
  public List<Conditional> conditionals() {
    return evaluate().conditionals();
  }

  /**
   * Build conditions.
   *
   * @return the bconds in file order
   */
  public List<Bcond> bconds() {
    return evaluate().bconds();
  }

  /**
   * Sources ({@code Source} tags of the main preamble and {@code %sourcelist} lines).
   *
   * @return the sources
   */
  public List<Source> sources() {
    return filter(Source.Kind.SOURCE);
  }

  /**
   * Patches ({@code Patch} tags of the main preamble and {@code %patchlist} lines).
   *
   * @return the patches
   */
  public List<Source> patches() {
    return filter(Source.Kind.PATCH);
  }

  private List<Source> filter(Source.Kind kind) {
    List<Source> out = new ArrayList<>();
    for (Source s : evaluate().sourcesAndPatches()) {
      if (s.kind() == kind) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Entries of the first {@code %changelog} section, newest first (file order).
   *
   * @return the entries, empty when there is no changelog or only {@code %autochangelog}
   */
  public List<ChangelogEntry> changelog() {
    for (Section s : structure().sections()) {
      if (s.name().equals("changelog")) {
        return ChangelogParser.entries(text, s);
      }
    }
    return List.of();
  }

  /**
   * Whether the main {@code Release} uses {@code %autorelease} (in any form, also inside a conditional).
   *
   * @return true for rpmautospec releases
   */
  public boolean hasAutorelease() {
    for (SpecStructure.RawTag t : structure().tags()) {
      if (t.section() == 0 && t.name().equalsIgnoreCase("release") && AUTORELEASE.matcher(t.value()).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a {@code %changelog} section uses {@code %autochangelog}.
   *
   * @return true for rpmautospec changelogs
   */
  public boolean hasAutochangelog() {
    for (Section s : structure().sections()) {
      if (s.name().equals("changelog") && sectionUsesAutochangelog(s)) {
        return true;
      }
    }
    return false;
  }

  private boolean sectionUsesAutochangelog(Section s) {
    for (int i = s.line(); i < s.endLine(); i++) {
      String l = text.line(i).strip();
      if (!l.startsWith("#") && AUTOCHANGELOG.matcher(l).find()) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- edits

  /**
   * Sets the version, keeping macros: when {@code Version} refers to macros defined in the spec
   * ({@code %{majorver}.%{minorver}}, also inside {@code %{?rc_ver:~rc%{rc_ver}}}), their definitions
   * are updated instead of the tag, so that every {@code Source} using them follows. When they cannot
   * give the new version and a {@code Source} or {@code URL} uses them, the edit is refused rather
   * than leave that source on the old archive; sources that cannot follow for reasons of their own
   * (a hard-coded version) are reported by {@link #editWarnings(SpecFile)}.
   *
   * @param version the new version (RPM form, e.g. {@code 1.3~rc1})
   * @return the edited spec
   * @throws InvalidInputException when rpm would refuse the version, or when the edit is refused as
   *     above (naming the {@code Source} line and its current archive)
   */
  public SpecFile withVersion(String version) {
    return withVersion(version, SpecOptions.defaults());
  }

  /**
   * Sets the version, keeping macros, evaluating with the given options.
   *
   * @param version the new version
   * @param options the options used to find live definitions
   * @return the edited spec
   * @throws InvalidInputException naming the rpm rule when rpm would refuse the version (see
   *     {@link dev.packit.core.rpm.RpmVersion#versionProblem(String)}: empty, whitespace, {@code -},
   *     {@code ..}, characters other than ASCII letters, digits and {@code . _ + ~ ^}, or a macro)
   */
  public SpecFile withVersion(String version, SpecOptions options) {
    requireValidVersion(version);
    SpecEditor.VersionEdit edit = SpecEditor.setVersion(this, structure(), SpecText.toInternal(version), env(options));
    if (!edit.viaMacros() && edit.versionRaw().indexOf('%') >= 0) {
      // Version was written as a literal over macros: refuse when a Source/URL shares them and stays behind
      for (SpecEditor.StaleSource s : edit.stale()) {
        if (s.sharesVersionMacros()) {
          throw new InvalidInputException(InputLocation.of(origin).at(s.line() + 1, 0).field(s.tag()),
              "Version '" + SpecText.toDisplay(edit.versionRaw()) + "' is built from macros that " + s.tag()
                  + " also uses, and they cannot be set to give '" + version + "' (the macros are conditional"
                  + " on something else, computed by a shell command or Lua, or shaped differently from the new"
                  + " version); writing Version as a literal would leave " + s.tag() + " on the old archive '"
                  + SpecText.toDisplay(s.oldExpansion()) + "'. Update the macros by hand or set them with withTag");
        }
      }
    }
    return derive(edit.text());
  }

  /**
   * What an edit from {@code before} to this spec left for the packager to fix: each {@code Source}
   * or {@code URL} tag of the main preamble whose expansion named {@code before}'s version and does
   * not name this spec's version (the version is hard-coded in it, or it uses a {@code packver}-style
   * or shell-computed macro the version edit does not change). Evaluated with the default options.
   *
   * <pre>{@code
   * SpecFile after = before.withVersion("1.3");
   * after.editWarnings(before).forEach(w -> System.out.println(w.render()));
   * }</pre>
   *
   * @param before the spec before the edit
   * @return the warnings, in file order; empty when every source follows the version
   */
  public List<SpecWarning> editWarnings(SpecFile before) {
    return editWarnings(before, SpecOptions.defaults());
  }

  /**
   * Like {@link #editWarnings(SpecFile)}, evaluating both specs with the given options.
   *
   * @param before the spec before the edit
   * @param options the options, e.g. the defines the version edit used
   * @return the warnings, in file order
   */
  public List<SpecWarning> editWarnings(SpecFile before, SpecOptions options) {
    SpecEvaluator.Env env = env(options);
    SpecEvaluator.Result r = SpecEvaluator.evaluate(before.structure(), env, false);
    SpecEvaluator.Result nr = SpecEvaluator.evaluate(structure(), env, false);
    String raw = "";
    for (SpecStructure.RawTag t : before.structure().tags()) {
      if (t.section() == 0 && t.name().equalsIgnoreCase("version") && r.live.get(t.line())) {
        raw = t.value();
        break;
      }
    }
    List<SpecWarning> out = new ArrayList<>();
    for (SpecEditor.StaleSource s : SpecEditor.staleSources(before.structure(), r, structure(), nr, raw,
        r.version == null ? "" : r.version, nr.version == null ? "" : nr.version)) {
      out.add(new SpecWarning(s.line() + 1, s.tag() + ": " + SpecText.toDisplay(s.raw()),
          s.tag() + " still names version " + SpecText.toDisplay(r.version) + " after the update to "
              + SpecText.toDisplay(nr.version) + ": '" + SpecText.toDisplay(s.newExpansion())
              + "'; the spec hard-codes the version there or computes it in a way the edit cannot follow"));
    }
    return List.copyOf(out);
  }

  private void requireValidVersion(String version) {
    dev.packit.core.rpm.RpmVersion.versionProblem(version).ifPresent(problem -> {
      throw new InvalidInputException(InputLocation.of(origin).field("Version"),
          "version '" + version + "' " + problem);
    });
  }

  /**
   * Sets the version from an upstream version: a pre-release suffix introduced by {@code -}, {@code _}
   * or {@code .} ({@code 1.2-rc1}, {@code 1.2.beta2}) becomes {@code ~rc1} so that rpm sorts it
   * before the final release.
   *
   * @param upstreamVersion e.g. {@code 1.3-rc1}
   * @return the edited spec
   */
  public SpecFile withUpstreamVersion(String upstreamVersion) {
    return withVersion(rpmVersionOf(upstreamVersion));
  }

  /**
   * Converts an upstream version to an RPM version: a leading {@code v} before a digit is dropped,
   * a pre-release suffix ({@code rc}, {@code alpha}, {@code beta}, {@code pre}, {@code dev}) after
   * {@code -}, {@code _} or {@code .} gets {@code ~} ({@code 1.2-rc1} becomes {@code 1.2~rc1}), and
   * remaining dashes, which rpm forbids in versions, become dots.
   *
   * @param upstream the upstream version or tag name
   * @return the RPM version
   */
  public static String rpmVersionOf(String upstream) {
    return SpecEditor.rpmVersionOf(upstream);
  }

  /**
   * Escapes untrusted text (release notes, commit subjects, an upstream's summary) for a spec line,
   * so that rpm reads it literally and never expands a macro, runs {@code %(shell)} or Lua in it,
   * whatever the number of {@code %}s.
   *
   * <pre>{@code
   * String notes = "Fix %%{lua: os.exit(1)} and %(rm -rf ~)";
   * spec.withTag("Summary", SpecFile.literal(notes));
   * // Summary: Fix %%%%{lua: os.exit(1)} and %%(rm -rf ~)     rpmspec -q shows the notes as written
   * }</pre>
   *
   * <p>Every {@code %} is doubled; line breaks and vertical whitespace become a space (a tag value or
   * a changelog line is one line); other control characters but tab, NUL included, become U+FFFD.
   * The result is for use after other text on a line (a tag value, a changelog item after its
   * bullet): rpm reads a line that starts with {@code #} or, after expansion, with {@code %} as a
   * comment or a directive. {@link ChangelogRequest} items need no escaping: they are literal
   * already, and {@link #withChangelogEntry} never starts a line with such a word.
   *
   * @param text any text
   * @return spec text that rpm expands back to {@code text}
   */
  public static String literal(String text) {
    return RpmLiteral.escape(Objects.requireNonNull(text, "text"));
  }

  /**
   * Sets the raw {@code Release} value of the main package (keeping a trailing {@code %{?dist}}).
   *
   * @param release the release without dist, e.g. {@code 1}
   * @return the edited spec; unchanged when the spec uses {@code %autorelease}
   */
  public SpecFile withRelease(String release) {
    if (hasAutorelease()) {
      return this;
    }
    return derive(SpecEditor.setRelease(this, structure(), SpecText.toInternal(release),
        env(SpecOptions.defaults())));
  }

  /**
   * Resets the release to {@code 1} (keeping {@code %{?dist}}); no-op on {@code %autorelease}.
   *
   * @return the edited spec
   */
  public SpecFile withReleaseReset() {
    return withRelease("1");
  }

  /**
   * Bumps the release like {@code rpmdev-bumpspec}: {@code 1%{?dist}} to {@code 2%{?dist}},
   * {@code 0.1.rc1} to {@code 0.2.rc1}, {@code 4.rc2} to {@code 4.rc2.1}; a {@code %global
   * baserelease}/{@code release} macro is bumped instead of the tag; no-op on {@code %autorelease}.
   *
   * @return the edited spec
   */
  public SpecFile withReleaseBumped() {
    if (hasAutorelease()) {
      return this;
    }
    return derive(SpecEditor.bumpRelease(this, structure()));
  }

  /**
   * Adds a changelog entry at the top of every {@code %changelog} that does not use
   * {@code %autochangelog}; no-op when all of them do.
   *
   * @param request the entry
   * @return the edited spec
   */
  public SpecFile withChangelogEntry(ChangelogRequest request) {
    return withChangelogEntry(request, SpecOptions.defaults());
  }

  /**
   * Adds a changelog entry, computing the header's EVR with the given options ({@code dist} is
   * always empty for it).
   *
   * @param request the entry
   * @param options the options, e.g. with {@code fedora 42} when the Epoch sits in {@code %if 0%{?fedora}}
   * @return the edited spec
   */
  public SpecFile withChangelogEntry(ChangelogRequest request, SpecOptions options) {
    SpecOptions noDist = options.toBuilder().define("dist %{nil}").build();
    return derive(SpecEditor.addChangelogEntry(this, structure(), request, env(noDist)));
  }

  /**
   * Sets the raw value of a tag of the main preamble (the first live one), adding the tag after the
   * last tag of the main preamble when missing.
   *
   * @param name the tag name, e.g. {@code URL}
   * @param value the raw value
   * @return the edited spec
   */
  public SpecFile withTag(String name, String value) {
    return derive(SpecEditor.setTag(this, structure(), name, SpecText.toInternal(value)));
  }

  /**
   * Removes a tag line of the main preamble (the first live one); unchanged when absent.
   *
   * @param name the tag name
   * @return the edited spec
   */
  public SpecFile withoutTag(String name) {
    return derive(SpecEditor.removeTag(this, structure(), name));
  }

  /**
   * Sets the location of source {@code number} ({@code SourceN:}, {@code Source:} or a
   * {@code %sourcelist} line), adding a {@code SourceN:} tag when there is none.
   *
   * @param number the source number
   * @param location the raw location
   * @return the edited spec
   */
  public SpecFile withSource(int number, String location) {
    return derive(SpecEditor.setSource(this, structure(), Source.Kind.SOURCE, number,
        SpecText.toInternal(location)));
  }

  /**
   * Sets the location of patch {@code number}, adding a {@code PatchN:} tag when there is none.
   *
   * @param number the patch number
   * @param location the raw location
   * @return the edited spec
   */
  public SpecFile withPatch(int number, String location) {
    return derive(SpecEditor.setSource(this, structure(), Source.Kind.PATCH, number,
        SpecText.toInternal(location)));
  }

  /**
   * Adds a source with the next free number, in the style of the existing ones (numbered or not,
   * alignment, {@code %sourcelist}).
   *
   * @param location the raw location
   * @return the edited spec
   */
  public SpecFile withAddedSource(String location) {
    return derive(SpecEditor.addSource(this, structure(), Source.Kind.SOURCE, SpecText.toInternal(location)));
  }

  /**
   * Adds a patch with the next free number, in the style of the existing ones.
   *
   * @param location the raw location
   * @return the edited spec
   */
  public SpecFile withAddedPatch(String location) {
    return derive(SpecEditor.addSource(this, structure(), Source.Kind.PATCH, SpecText.toInternal(location)));
  }

  /**
   * Removes source {@code number}; unchanged when absent.
   *
   * @param number the source number
   * @return the edited spec
   */
  public SpecFile withoutSource(int number) {
    return derive(SpecEditor.removeSource(this, structure(), Source.Kind.SOURCE, number));
  }

  /**
   * Removes patch {@code number}; unchanged when absent.
   *
   * @param number the patch number
   * @return the edited spec
   */
  public SpecFile withoutPatch(int number) {
    return derive(SpecEditor.removeSource(this, structure(), Source.Kind.PATCH, number));
  }

  // ---------------------------------------------------------------- model building

  /**
   * Internal: the text (byte-per-char) this spec holds.
   *
   * @return the raw text
   */
  String rawText() {
    return text.text();
  }

  private SpecEvaluation build(SpecEvaluator.Result r) {
    List<Section> sections = structure().sections();
    List<Tag> tags = new ArrayList<>();
    for (SpecStructure.RawTag t : structure().tags()) {
      boolean live = r.live.get(t.line());
      String exp = live ? r.tagValues.getOrDefault(t.line(), "") : "";
      tags.add(new Tag(t.name(), SpecText.toDisplay(t.qualifier()), SpecText.toDisplay(t.value()),
          SpecText.toDisplay(exp), t.line() + 1, sections.get(t.section()), live));
    }
    List<MacroDefinition> defs = new ArrayList<>();
    for (SpecStructure.RawDef d : structure().defs()) {
      defs.add(new MacroDefinition(d.keyword(), d.name(), d.opts(), SpecText.toDisplay(d.body()),
          d.line() + 1, d.endLine() + 1, r.live.get(d.line())));
    }
    List<Conditional> conds = new ArrayList<>();
    for (SpecStructure.RawCond c : structure().conds()) {
      conds.add(new Conditional(c.keyword(), SpecText.toDisplay(c.expr()), c.line() + 1,
          r.condDepth.getOrDefault(c.line(), 0), r.condTaken.getOrDefault(c.line(), false)));
    }
    List<Bcond> bconds = new ArrayList<>();
    for (SpecStructure.RawBcond b : structure().bconds()) {
      boolean def;
      if (b.keyword().equals("bcond_with")) {
        def = false;
      } else if (b.keyword().equals("bcond_without")) {
        def = true;
      } else {
        String e = b.defaultExpr();
        def = !(e.isEmpty() || e.equals("0")) && (e.equals("1") || r.engine.evalCondition(e));
      }
      bconds.add(new Bcond(b.name(), b.keyword(), def, r.bcondEnabled.getOrDefault(b.line(), false),
          b.line() + 1));
    }
    List<Source> sources = new ArrayList<>();
    int[] last = {-1, -1};
    for (SpecStructure.RawTag t : structure().tags()) {
      if (t.section() != 0) {
        continue;
      }
      String ln = t.name().toLowerCase(Locale.ROOT);
      Source.Kind kind;
      String num;
      if (ln.startsWith("source")) {
        kind = Source.Kind.SOURCE;
        num = ln.substring(6);
      } else if (ln.startsWith("patch")) {
        kind = Source.Kind.PATCH;
        num = ln.substring(5);
      } else {
        continue;
      }
      if (!num.chars().allMatch(Character::isDigit) || num.length() > 9) {
        continue;
      }
      int k = kind.ordinal();
      int number = num.isEmpty() ? last[k] + 1 : Integer.parseInt(num);
      last[k] = number;
      boolean live = r.live.get(t.line());
      String exp = live ? r.tagValues.getOrDefault(t.line(), t.value()) : t.value();
      sources.add(new Source(kind, number, !num.isEmpty(), SpecText.toDisplay(t.value()),
          SpecText.toDisplay(exp), t.line() + 1, false, live));
    }
    for (SpecStructure.RawListEntry e : structure().listEntries()) {
      Source.Kind kind = e.patch() ? Source.Kind.PATCH : Source.Kind.SOURCE;
      int k = kind.ordinal();
      int number = ++last[k];
      boolean live = r.live.get(e.line());
      String exp = live ? r.engine.expand(e.location()) : e.location();
      sources.add(new Source(kind, number, false, SpecText.toDisplay(e.location()),
          SpecText.toDisplay(exp), e.line() + 1, true, live));
    }
    sources.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return new SpecEvaluation(this, r, tags, defs, conds, bconds, sources);
  }
}
