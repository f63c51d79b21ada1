package dev.packit.core.internal.config;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Safe YAML reading: SnakeYAML composes nodes (with positions) under strict limits, then this class
 * expands aliases and {@code <<} merge keys into a plain {@link YNode} tree. No Java object is ever
 * constructed from a tag; any tag other than YAML's standard scalar/collection tags is an error.
 */
public final class YamlReader {

  /** Limits on what one document may cost. */
  public record Limits(int maxAliasesForCollections, int maxNestingDepth, int maxCodePoints, int maxNodes) {
    /** Defaults: far above any real {@code .packit.yaml} (the largest known uses 85 aliases), far below a billion laughs. */
    public static final Limits DEFAULT = new Limits(500, 64, 1024 * 1024, 200_000);
  }

  /** A document that cannot be read as YAML at all. */
  public static final class YamlError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    YamlError(int line, int column, String message) {
      super(message);
      this.line = line;
      this.column = column;
    }

    /** 1-based line, 0 when unknown. */
    public int line() {
      return line;
    }

    /** 1-based column, 0 when unknown. */
    public int column() {
      return column;
    }
  }

  private static final Set<Tag> ALLOWED_TAGS = Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL, Tag.MAP,
      Tag.SEQ, Tag.MERGE, Tag.TIMESTAMP);

  private final Limits limits;
  private final Problems problems;
  private final IdentityHashMap<Node, Boolean> inProgress = new IdentityHashMap<>();
  private int nodes;

  private YamlReader(Limits limits, Problems problems) {
    this.limits = limits;
    this.problems = problems;
  }

  /**
   * Reads one document. Returns null for an empty document.
   *
   * @param text the YAML text
   * @param limits the bounds
   * @param problems receives warnings (duplicate keys)
   * @return the root node or null
   * @throws YamlError when the text is not valid YAML or breaks a limit
   */
  public static YNode read(String text, Limits limits, Problems problems) throws YamlError {
    if (text.length() > limits.maxCodePoints() && text.codePointCount(0, text.length()) > limits.maxCodePoints()) {
      // Refuse before scanning: SnakeYAML would read up to the limit first.
      throw new YamlError(0, 0, "invalid YAML: document is larger than " + limits.maxCodePoints()
          + " characters (PackitConfigLoader.Builder.maxConfigBytes)");
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(limits.maxAliasesForCollections());
    options.setNestingDepthLimit(limits.maxNestingDepth());
    options.setCodePointLimit(limits.maxCodePoints());
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(true);
    options.setProcessComments(false);
    Node root;
    StreamReader reader = new StreamReader(new StringReader(text));
    try {
      Composer composer = new Composer(new ParserImpl(reader, options),
          new Resolver(), options);
      root = composer.getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String what = e.getProblem() == null ? e.getMessage() : e.getProblem();
      if (e.getContext() != null && e.getProblem() != null) {
        what = e.getContext() + ": " + e.getProblem();
      }
      throw new YamlError(m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
          "invalid YAML: " + what.strip());
    } catch (org.yaml.snakeyaml.reader.ReaderException e) {
      // a character YAML forbids (a control character): point at it like the scanner's errors do
      int line = 1;
      int column = 1;
      for (int i = 0, cp = 0; i < text.length() && cp < e.getPosition(); i += Character.charCount(text.codePointAt(i)), cp++) {
        if (text.charAt(i) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      throw new YamlError(line, column, "invalid YAML: " + e.getMessage().strip()
          + String.format(java.util.Locale.ROOT, " (U+%04X)", e.getCodePoint()));
    } catch (YAMLException e) {
      // Limit errors and the scanner's internal checks carry no mark; the reader's position is
      // where scanning stopped, which is where the problem is.
      Mark m = reader.getMark();
      throw new YamlError(m.getLine() + 1, m.getColumn() + 1,
          "invalid YAML: " + limitMessage(e.getMessage(), limits));
    } catch (StackOverflowError e) {
      throw new YamlError(0, 0, "invalid YAML: nesting too deep");
    }
    if (root == null) {
      return null;
    }
    return new YamlReader(limits, problems).convert(root, "");
  }

  private static String limitMessage(String msg, Limits limits) {
    if (msg == null) {
      return "unreadable document";
    }
    if (msg.contains("Number of aliases")) {
      return "too many aliases to collections (more than " + limits.maxAliasesForCollections()
          + "); a document like this (\"billion laughs\") is refused";
    }
    if (msg.contains("exceeds the limit")) {
      return "document is larger than " + limits.maxCodePoints() + " characters (PackitConfigLoader.Builder.maxConfigBytes)";
    }
    return msg.strip();
  }

  private YNode convert(Node node, String path) throws YamlError {
    if (++nodes > limits.maxNodes()) {
      throw new YamlError(line(node), col(node), "invalid YAML: the document expands to more than "
          + limits.maxNodes() + " nodes through aliases (a \"billion laughs\" document); refused");
    }
    if (!ALLOWED_TAGS.contains(node.getTag())) {
      throw new YamlError(line(node), col(node), "invalid YAML: tag " + node.getTag().getValue()
          + " is not allowed (only plain YAML values are)");
    }
    if (inProgress.containsKey(node)) {
      throw new YamlError(line(node), col(node), "invalid YAML: recursive alias");
    }
    if (node instanceof ScalarNode) {
      return scalar((ScalarNode) node);
    }
    inProgress.put(node, Boolean.TRUE);
    try {
      if (node instanceof SequenceNode) {
        List<YNode> items = new ArrayList<>();
        int i = 0;
        for (Node child : ((SequenceNode) node).getValue()) {
          items.add(convert(child, path + "[" + i++ + "]"));
        }
        return new YNode.YSeq(List.copyOf(items), line(node), col(node));
      }
      return mapping((MappingNode) node, path);
    } finally {
      inProgress.remove(node);
    }
  }

  private YNode.YMap mapping(MappingNode node, String path) throws YamlError {
    Map<String, YNode.Entry> merged = new LinkedHashMap<>();
    Map<String, YNode.Entry> explicit = new LinkedHashMap<>();
    for (NodeTuple t : node.getValue()) {
      Node k = t.getKeyNode();
      if (Tag.MERGE.equals(k.getTag())) {
        for (YNode.YMap source : mergeSources(t.getValueNode(), path)) {
          for (YNode.Entry e : source.entries()) {
            merged.putIfAbsent(e.key(), e);
          }
        }
        continue;
      }
      if (!(k instanceof ScalarNode)) {
        throw new YamlError(line(k), col(k), "invalid YAML: a mapping key must be a plain value, not "
            + (k instanceof MappingNode ? "a mapping" : "a list"));
      }
      if (!ALLOWED_TAGS.contains(k.getTag())) {
        throw new YamlError(line(k), col(k), "invalid YAML: tag " + k.getTag().getValue() + " is not allowed");
      }
      String key = ((ScalarNode) k).getValue();
      String childPath = path.isEmpty() ? key : path + "." + key;
      YNode value = convert(t.getValueNode(), childPath);
      YNode.Entry previous = explicit.get(key);
      if (previous != null) {
        problems.add(dev.packit.core.config.ConfigProblem.Severity.WARNING, childPath, line(k), col(k),
            "duplicate key; this value replaces the one on line " + previous.line());
      }
      explicit.put(key, new YNode.Entry(key, line(k), col(k), value));
    }
    Map<String, YNode.Entry> all = new LinkedHashMap<>(merged);
    all.putAll(explicit);
    return new YNode.YMap(List.copyOf(all.values()), line(node), col(node));
  }

  private List<YNode.YMap> mergeSources(Node value, String path) throws YamlError {
    List<YNode.YMap> out = new ArrayList<>();
    if (value instanceof MappingNode) {
      out.add((YNode.YMap) convert(value, path));
    } else if (value instanceof SequenceNode) {
      for (Node n : ((SequenceNode) value).getValue()) {
        if (!(n instanceof MappingNode)) {
          throw new YamlError(line(n), col(n), "invalid YAML: a << merge list may only hold mappings");
        }
        out.add((YNode.YMap) convert(n, path));
      }
    } else {
      throw new YamlError(line(value), col(value), "invalid YAML: << must be followed by a mapping or a list of mappings");
    }
    return out;
  }

  private static YNode.YScalar scalar(ScalarNode n) {
    String text = n.getValue();
    int l = line(n);
    int c = col(n);
    Tag tag = n.getTag();
    if (Tag.NULL.equals(tag)) {
      return new YNode.YScalar(YNode.Kind.NULL, null, text, l, c);
    }
    if (Tag.BOOL.equals(tag)) {
      String t = text.toLowerCase(Locale.ROOT);
      return new YNode.YScalar(YNode.Kind.BOOL, t.equals("true") || t.equals("yes") || t.equals("on"), text, l, c);
    }
    if (Tag.INT.equals(tag)) {
      Long v = parseInt(text);
      if (v != null) {
        return new YNode.YScalar(YNode.Kind.INT, v, text, l, c);
      }
      return new YNode.YScalar(YNode.Kind.STR, text, text, l, c);
    }
    if (Tag.FLOAT.equals(tag)) {
      return new YNode.YScalar(YNode.Kind.FLOAT, parseFloat(text), text, l, c);
    }
    if (Tag.TIMESTAMP.equals(tag)) {
      return new YNode.YScalar(YNode.Kind.TIMESTAMP, text, text, l, c);
    }
    return new YNode.YScalar(YNode.Kind.STR, text, text, l, c);
  }

  private static Long parseInt(String raw) {
    String s = raw.replace("_", "");
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.startsWith("-");
      s = s.substring(1);
    }
    try {
      BigInteger v;
      if (s.startsWith("0b")) {
        v = new BigInteger(s.substring(2), 2);
      } else if (s.startsWith("0x")) {
        v = new BigInteger(s.substring(2), 16);
      } else if (s.contains(":")) {
        v = BigInteger.ZERO;
        for (String part : s.split(":")) {
          v = v.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
        }
      } else if (s.length() > 1 && s.startsWith("0")) {
        v = new BigInteger(s.substring(1), 8);
      } else {
        v = new BigInteger(s);
      }
      if (negative) {
        v = v.negate();
      }
      return v.bitLength() < 64 ? v.longValue() : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double parseFloat(String raw) {
    String s = raw.replace("_", "").toLowerCase(Locale.ROOT);
    if (s.endsWith(".inf")) {
      return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (s.equals(".nan")) {
      return Double.NaN;
    }
    try {
      if (s.contains(":")) {
        double v = 0;
        boolean neg = s.startsWith("-");
        for (String part : s.replaceFirst("^[-+]", "").split(":")) {
          v = v * 60 + Double.parseDouble(part);
        }
        return neg ? -v : v;
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static int line(Node n) {
    return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
  }

  private static int col(Node n) {
    return n.getStartMark() == null ? 0 : n.getStartMark().getColumn() + 1;
  }
}
