package dev.packit.fedora.lookaside;

import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import dev.packit.core.PackitClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dist-git {@code sources} file: which archives the package needs and their checksums.
 *
 * <pre>{@code
 * SourcesFile sources = SourcesFile.read(checkout.resolve("sources"));   // missing file: empty
 * for (SourceEntry e : sources.entries()) {
 *   System.out.println(e.filename() + " " + e.hash());
 * }
 * sources.withEntry(new SourceEntry("hello-2.0.tar.gz", HashType.SHA512, sha512))
 *     .write(checkout.resolve("sources"));
 * }</pre>
 *
 * <p>Both formats are read: fedpkg's {@code SHA512 (<file>) = <hash>} and the old MD5 format
 * {@code <hash>  <file>} (two spaces). Reading and writing is lossless: comments ({@code #}),
 * blank lines, line endings and the order of lines are kept, and a file that was not changed is
 * written back byte for byte. Malformed lines, unsafe file names ({@code /}, {@code ..}, ...; see
 * {@link SourceEntry}), conflicting duplicates and mixed checksum types are reported as
 * {@link InvalidInputException} with the line and column. Instances are immutable.
 */
public final class SourcesFile {
  /**
   * The two line formats of a {@code sources} file.
   *
   * <pre>{@code
   * SourcesFile sources = SourcesFile.read(Path.of("sources"));
   * sources.format();   // Format.BSD for "SHA512 (hello-1.0.tar.gz) = ..." lines
   * }</pre>
   */
  public enum Format {
    /** {@code SHA512 (<file>) = <hash>}, written by fedpkg. */
    BSD,
    /** {@code <md5>  <file>}, the format before fedpkg switched to SHA-512. */
    OLD_MD5
  }

  private static final int MAX_BYTES = 4 << 20;
  private static final Pattern BSD = Pattern.compile("^(\\S+) \\((.*)\\) = (\\S+)$");
  private static final Pattern OLD = Pattern.compile("^([0-9a-fA-F]{32})  (.*)$");

  /** One physical line: its text (without line terminator), its terminator and its entry, if any. */
  private record Line(String text, String eol, SourceEntry entry, Format format) {}

  private final List<Line> lines;

  private SourcesFile(List<Line> lines) {
    this.lines = List.copyOf(lines);
  }

  /** @return a file without entries */
  public static SourcesFile empty() {
    return new SourcesFile(List.of());
  }

  /**
   * Builds a BSD-format file from entries, in order.
   *
   * @param entries the entries; all of one checksum type, names unique
   * @return the file
   */
  public static SourcesFile of(List<SourceEntry> entries) {
    return empty().withEntries(entries);
  }

  /**
   * Reads a {@code sources} file; a missing file reads as empty.
   *
   * @param path the file
   * @return the parsed file
   * @throws InvalidInputException when a line is malformed or names an unsafe file
   * @throws PackitClientException when the file cannot be read
   */
  public static SourcesFile read(Path path) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return empty();
    } catch (IOException e) {
      throw new PackitClientException("cannot read " + path + ": " + e.getMessage(), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new InvalidInputException(InputLocation.of(path.toString()), "larger than " + MAX_BYTES + " bytes; not a sources file");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(InputLocation.of(path.toString()), "not UTF-8 text", e);
    }
    return parse(text, path.toString());
  }

  /**
   * Parses the text of a {@code sources} file.
   *
   * @param text the content
   * @param source the name used in error messages, such as the file path
   * @return the parsed file
   * @throws InvalidInputException when a line is malformed or names an unsafe file
   */
  public static SourcesFile parse(String text, String source) {
    Objects.requireNonNull(text, "text == null");
    InputLocation at = InputLocation.of(source == null ? "sources" : source);
    List<Line> lines = new ArrayList<>();
    Map<String, Integer> seenAt = new LinkedHashMap<>();
    Map<String, SourceEntry> seen = new LinkedHashMap<>();
    HashType type = null;
    int lineNo = 0;
    int pos = 0;
    while (pos < text.length()) {
      lineNo++;
      int nl = text.indexOf('\n', pos);
      String raw;
      String eol;
      if (nl < 0) {
        raw = text.substring(pos);
        eol = "";
        pos = text.length();
      } else {
        raw = text.substring(pos, nl);
        eol = "\n";
        pos = nl + 1;
      }
      if (raw.endsWith("\r")) {
        raw = raw.substring(0, raw.length() - 1);
        eol = "\r" + eol;
      }
      String content = raw.strip();
      if (content.isEmpty() || content.startsWith("#")) {
        lines.add(new Line(raw, eol, null, null));
        continue;
      }
      int indent = raw.indexOf(content.charAt(0));
      Line line = parseEntry(raw, content, eol, at.at(lineNo, indent + 1), indent);
      SourceEntry e = line.entry();
      if (type == null) {
        type = e.hashType();
      } else if (type != e.hashType()) {
        throw new InvalidInputException(at.at(lineNo, indent + 1),
            "mixes checksum types: " + e.hashType().tag() + " after " + type.tag() + " (all entries must use one type)");
      }
      SourceEntry previous = seen.get(e.filename());
      if (previous != null && !previous.hash().equals(e.hash())) {
        throw new InvalidInputException(at.at(lineNo, indent + 1),
            "conflicting checksum for " + e.filename() + " (also listed on line " + seenAt.get(e.filename()) + ")");
      }
      seen.putIfAbsent(e.filename(), e);
      seenAt.putIfAbsent(e.filename(), lineNo);
      lines.add(line);
    }
    return new SourcesFile(lines);
  }

  private static Line parseEntry(String raw, String content, String eol, InputLocation at, int indent) {
    Matcher bsd = BSD.matcher(content);
    if (bsd.matches()) {
      Optional<HashType> type = HashType.fromTag(bsd.group(1));
      if (type.isEmpty()) {
        throw new InvalidInputException(at, "unknown checksum type '" + bsd.group(1) + "' (expected SHA512, SHA256 or MD5)");
      }
      String name = bsd.group(2);
      int nameColumn = indent + bsd.start(2) + 1;
      SourceNameCheck.require(name, at.at(at.line(), nameColumn));
      if (!type.get().isWellFormed(bsd.group(3))) {
        throw new InvalidInputException(at.at(at.line(), indent + bsd.start(3) + 1),
            "not a " + type.get().tag() + " checksum: expected " + type.get().hexLength() + " hex digits");
      }
      return new Line(raw, eol, new SourceEntry(name, type.get(), bsd.group(3)), Format.BSD);
    }
    Matcher old = OLD.matcher(content);
    if (old.matches()) {
      String name = old.group(2);
      SourceNameCheck.require(name, at.at(at.line(), indent + old.start(2) + 1));
      return new Line(raw, eol, new SourceEntry(name, HashType.MD5, old.group(1)), Format.OLD_MD5);
    }
    throw new InvalidInputException(at, "malformed line: expected 'SHA512 (<file>) = <hash>' or '<md5>  <file>'");
  }

  /** Keeps the name check and its error in one place for parsing. */
  private static final class SourceNameCheck {
    static void require(String name, InputLocation at) {
      Optional<String> problem = SourceEntry.nameProblem(name);
      if (problem.isPresent()) {
        throw new InvalidInputException(at, problem.get());
      }
    }
  }

  /** @return the entries in file order, duplicates listed once */
  public List<SourceEntry> entries() {
    Map<String, SourceEntry> byName = new LinkedHashMap<>();
    for (Line l : lines) {
      if (l.entry() != null) {
        byName.putIfAbsent(l.entry().filename(), l.entry());
      }
    }
    return List.copyOf(byName.values());
  }

  /**
   * Finds the entry for a file name.
   *
   * @param filename the archive name
   * @return the entry, empty when the file is not listed
   */
  public Optional<SourceEntry> find(String filename) {
    for (Line l : lines) {
      if (l.entry() != null && l.entry().filename().equals(filename)) {
        return Optional.of(l.entry());
      }
    }
    return Optional.empty();
  }

  /** @return the checksum type of the entries, empty when there are none */
  public Optional<HashType> hashType() {
    return lines.stream().filter(l -> l.entry() != null).map(l -> l.entry().hashType()).findFirst();
  }

  /** @return the format of the first entry; {@link Format#BSD} when there are none */
  public Format format() {
    return lines.stream().filter(l -> l.entry() != null).map(Line::format).findFirst().orElse(Format.BSD);
  }

  /** @return whether the file lists no archive */
  public boolean isEmpty() {
    return lines.stream().noneMatch(l -> l.entry() != null);
  }

  /**
   * Returns a copy that lists {@code entry}: an entry of the same name is replaced in place, a new
   * one is appended (what {@code fedpkg upload} does).
   *
   * @param entry the entry to add or replace
   * @return the new file (or this one when nothing changes)
   * @throws IllegalArgumentException when the entry's checksum type differs from the others'
   */
  public SourcesFile withEntry(SourceEntry entry) {
    Objects.requireNonNull(entry, "entry == null");
    Optional<HashType> type = hashType();
    boolean replacesAll = type.isPresent() && entries().size() == 1 && entries().get(0).filename().equals(entry.filename());
    if (type.isPresent() && type.get() != entry.hashType() && !replacesAll) {
      throw new IllegalArgumentException("cannot mix checksum types in one sources file: " + entry.hashType().tag()
          + " added to " + type.get().tag() + " entries");
    }
    List<Line> out = new ArrayList<>();
    boolean placed = false;
    for (Line l : lines) {
      if (l.entry() != null && l.entry().filename().equals(entry.filename())) {
        if (!placed) {
          out.add(l.entry().equals(entry) ? l : lineFor(entry, l.format(), l.eol()));
          placed = true;
        }
        continue;
      }
      out.add(l);
    }
    if (!placed) {
      appendLine(out, lineFor(entry, format(), "\n"));
    }
    return sameAs(out) ? this : new SourcesFile(out);
  }

  /**
   * Returns a copy that lists exactly {@code entries} (what {@code fedpkg new-sources} does).
   * Entries already present keep their line, stale ones are removed, new ones are appended in the
   * given order; comments and blank lines stay where they are.
   *
   * @param entries the complete list; all of one checksum type, names unique
   * @return the new file (or this one when nothing changes)
   * @throws IllegalArgumentException when names repeat or checksum types are mixed
   */
  public SourcesFile withEntries(List<SourceEntry> entries) {
    Map<String, SourceEntry> wanted = new LinkedHashMap<>();
    HashType type = null;
    for (SourceEntry e : entries) {
      Objects.requireNonNull(e, "entry == null");
      if (wanted.putIfAbsent(e.filename(), e) != null) {
        throw new IllegalArgumentException("file listed twice: " + e.filename());
      }
      if (type != null && type != e.hashType()) {
        throw new IllegalArgumentException("cannot mix checksum types in one sources file: " + type.tag() + " and " + e.hashType().tag());
      }
      type = e.hashType();
    }
    Format keep = wanted.values().stream().allMatch(e -> e.hashType() == HashType.MD5) ? format() : Format.BSD;
    List<Line> out = new ArrayList<>();
    Map<String, SourceEntry> pending = new LinkedHashMap<>(wanted);
    for (Line l : lines) {
      if (l.entry() == null) {
        out.add(l);
        continue;
      }
      SourceEntry w = pending.remove(l.entry().filename());
      if (w == null) {
        continue;
      }
      out.add(w.equals(l.entry()) ? l : lineFor(w, keep, l.eol()));
    }
    for (SourceEntry e : pending.values()) {
      appendLine(out, lineFor(e, keep, "\n"));
    }
    return sameAs(out) ? this : new SourcesFile(out);
  }

  private static void appendLine(List<Line> out, Line line) {
    if (!out.isEmpty() && out.get(out.size() - 1).eol().isEmpty()) {
      Line last = out.remove(out.size() - 1);
      out.add(new Line(last.text(), "\n", last.entry(), last.format()));
    }
    out.add(line);
  }

  private static Line lineFor(SourceEntry e, Format format, String eol) {
    Format f = e.hashType() == HashType.MD5 ? format : Format.BSD;
    String text = f == Format.OLD_MD5 ? e.toOldLine() : e.toBsdLine();
    return new Line(text, eol.isEmpty() ? "\n" : eol, e, f);
  }

  private boolean sameAs(List<Line> other) {
    return lines.equals(other);
  }

  /** @return the file's text, byte for byte what was read when nothing was changed */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (Line l : lines) {
      sb.append(l.text()).append(l.eol());
    }
    return sb.toString();
  }

  /**
   * Writes the file atomically (a temporary file beside it, then a rename); when the file already
   * has exactly this content it is not touched.
   *
   * @param path where to write
   * @return whether the file changed
   * @throws PackitClientException when the file cannot be written
   */
  public boolean write(Path path) {
    byte[] bytes = render().getBytes(StandardCharsets.UTF_8);
    try {
      if (Files.isRegularFile(path) && Files.size(path) == bytes.length
          && java.util.Arrays.equals(Files.readAllBytes(path), bytes)) {
        return false;
      }
      writeAtomically(path, bytes);
      return true;
    } catch (IOException e) {
      throw new PackitClientException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  static void writeAtomically(Path path, byte[] bytes) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Two files are equal when they render to the same text. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SourcesFile s && s.render().equals(render());
  }

  @Override
  public int hashCode() {
    return render().hashCode();
  }

  @Override
  public String toString() {
    return "SourcesFile" + Collections.unmodifiableList(entries());
  }
}
