package dev.packit.examples.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.cli.PackitCommand;
import dev.packit.core.config.ConfigLoadResult;
import dev.packit.core.config.PackitConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import picocli.CommandLine;

/**
 * Every fenced code block of {@code README.md} and {@code docs/*.md} is compiled, run or checked,
 * so the docs cannot rot. The conventions (also in {@code docs/getting-started.md}, "How the docs
 * are tested"):
 *
 * <ul>
 *   <li>{@code jshell}: run in JShell on {@code packit.jar} after {@code packit.jsh}, one session per
 *       page (blocks of a page share their variables, in order). No line starts with {@code .}: pasted
 *       into JShell, the line before would run on its own. {@code // => value} after a snippet is
 *       compared with JShell's display of its value ({@code ...} matches anything). A {@code text} block
 *       at most three lines after a {@code jshell} block is what the block prints.
 *   <li>{@code java}: compiled with javac ({@code --release 17}) against {@code packit.jar} (and JUnit's
 *       API). Blocks of type declarations are compilation units; anything else is the body of a method.
 *       Every block shows its imports (only {@code java.lang} needs none), so that it compiles when
 *       copied; a method-body block puts them on its first lines, as JShell accepts them.
 *       {@code <!-- given: Type name, Type name -->} above a block declares variables it uses but does
 *       not define (the method's parameters), {@code <!-- stub: void reply(String text) -->} methods it
 *       calls (they throw), {@code <!-- declare: interface Bot { ... } -->} a member of the wrapping class.
 *   <li>{@code yaml}: parsed; a {@code .packit.yaml} (it has {@code jobs}, a package or spec key) must
 *       load without errors. {@code xml}: well-formed; {@code dev.packit} artifacts must be modules
 *       of this repository, at its version. {@code json}: parsed. {@code groovy}/{@code kotlin}: the
 *       {@code dev.packit:} coordinates are checked like XML's.
 *   <li>{@code sh}/{@code bash}/{@code console} ({@code $ } lines): commands must exist ({@code ./x}
 *       in the repository, {@code packit} subcommands and options in the CLI, others on the PATH or
 *       well known), repository paths must exist ({@code .../target/...} only needs its module) and
 *       {@code -pl} modules must be modules.
 *   <li>{@code text}: output, diagrams, trees; not code. A block without a language is taken as text, but
 *       fails when a line looks like a command or Java (then it needs its language).
 *   <li>{@code <!-- not-tested: reason -->} above a block exempts it (use sparingly).
 * </ul>
 */
@Tag("integration")
class DocSnippetsTest {
  static final Set<String> TEXT = Set.of("text", "diff", "http", "properties");
  static final Set<String> SHELL = Set.of("sh", "bash", "shell", "console");
  /** Commands a doc may use that need not be installed on the test machine. */
  static final Set<String> KNOWN_COMMANDS = Set.of("kinit", "fedpkg", "koji", "bodhi", "rpmbuild", "rpmspec",
      "podman", "docker", "gradle", "mvn", "pip", "rabbitmq-server", "rabbitmqctl", "systemctl", "sudo", "dnf",
      "apt-get", "jshell", "java", "javac", "curl", "git", "cd", "export", "echo", "cat", "ls", "mkdir", "cp", "mv",
      "rm", "tar", "sha512sum", "python3", "openssl", "set", "unset", "source", "env", "true", "false", "test", "man");

  private static final Pattern EXPECT = Pattern.compile("^(.*?)\\s*//\\s*=>\\s*(.*)$");

  static List<Path> pages() throws IOException {
    Path root = Repo.root();
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  @TestFactory
  Stream<DynamicNode> everyCodeBlockOfTheDocs() throws IOException {
    Path root = Repo.root();
    List<Markdown.Block> all = new ArrayList<>();
    Map<Path, List<Markdown.Block>> byPage = new LinkedHashMap<>();
    for (Path page : pages()) {
      List<Markdown.Block> blocks = Markdown.blocks(root, page);
      byPage.put(page, blocks);
      all.addAll(blocks);
    }
    JavaBlocks java = new JavaBlocks(all.stream().filter(b -> b.lang().equals("java") && tested(b)).toList());
    List<DynamicNode> nodes = new ArrayList<>();
    for (Map.Entry<Path, List<Markdown.Block>> e : byPage.entrySet()) {
      List<Markdown.Block> blocks = e.getValue();
      Session session = new Session();
      List<DynamicTest> tests = new ArrayList<>();
      for (int i = 0; i < blocks.size(); i++) {
        Markdown.Block b = blocks.get(i);
        Markdown.Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
        tests.add(DynamicTest.dynamicTest(b.where() + " " + (b.lang().isEmpty() ? "(no language)" : b.lang()),
            () -> check(b, next, java, session)));
      }
      if (blocks.stream().anyMatch(b -> b.lang().equals("jshell") && tested(b))) {
        tests.add(DynamicTest.dynamicTest(root.relativize(e.getKey()) + ": close the JShell session", session::close));
      }
      nodes.add(DynamicContainer.dynamicContainer(root.relativize(e.getKey()).toString(), tests));
    }
    return nodes.stream();
  }

  /** Relative links between the pages (and to files of the repository) point at something. */
  @org.junit.jupiter.api.Test
  void relativeLinksResolve() throws IOException {
    Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      Matcher m = link.matcher(Files.readString(page));
      while (m.find()) {
        String target = m.group(1);
        if (target.contains("://") || target.startsWith("#") || target.startsWith("mailto:")) {
          continue;
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        if (!Files.exists(page.getParent().resolve(file).normalize())) {
          broken.add(Repo.root().relativize(page) + ": " + target);
        }
      }
    }
    assertTrue(broken.isEmpty(), "broken links: " + broken);
  }

  /** docs/config.md's reference names every key of the model, so a new key cannot go undocumented. */
  @org.junit.jupiter.api.Test
  void configReferenceNamesEveryKey() throws IOException {
    String page = Files.readString(Repo.root().resolve("docs/config.md"));
    Set<String> keys = new TreeSet<>(dev.packit.core.config.CommonConfig.knownKeys());
    new ObjectMapper().readTree(dev.packit.core.config.ConfigSchema.json()).path("$defs").path("job").path("properties")
        .fieldNames().forEachRemaining(keys::add);
    keys.add("jobs");
    keys.add("packages");
    List<String> missing = keys.stream().filter(k -> !page.contains("| `" + k + "` |")).toList();
    assertTrue(keys.size() > 80, "only " + keys.size() + " keys found");
    assertTrue(missing.isEmpty(), "docs/config.md has no reference row (| `key` |) for " + missing);
  }

  private static final Pattern CODE_LINE = Pattern.compile(
      "^(\\$ |\\./|jshell> |import |package |java |jshell |mvn|git |curl |(public |final )*(class|record|interface) |var \\w+ = ).*"
      + "|.*;\\s*(//.*)?$");

  /** A block without a language is output or a diagram, unless its lines look like commands or Java. */
  static boolean looksLikeCode(String code) {
    return code.lines().map(String::strip).anyMatch(l -> CODE_LINE.matcher(l).matches());
  }

  static boolean tested(Markdown.Block b) {
    return b.directive("not-tested").isEmpty();
  }

  static void check(Markdown.Block b, Markdown.Block next, JavaBlocks java, Session session) throws Exception {
    if (!tested(b)) {
      assertFalse(b.directive("not-tested").orElse("").isBlank(), b.where() + ": <!-- not-tested: reason --> needs a reason");
      return;
    }
    switch (b.lang()) {
      case "" -> assertFalse(looksLikeCode(b.code()), b.where()
          + ": this block looks like code: give it a language (java, jshell, sh, yaml, xml; text for output or diagrams)");
      case "java" -> java.check(b);
      case "jshell" -> session.run(b, next != null && next.lang().equals("text") && next.linesAfterPrevious() <= 4 ? next : null);
      case "yaml", "yml" -> checkYaml(b);
      case "xml" -> checkXml(b);
      case "json" -> new ObjectMapper().readTree(b.code());
      case "groovy", "kotlin", "gradle" -> checkCoordinates(b, b.code());
      default -> {
        if (SHELL.contains(b.lang())) {
          checkShell(b);
        } else if (!TEXT.contains(b.lang())) {
          fail(b.where() + ": unknown language '" + b.lang() + "' (tested: java, jshell, yaml, xml, json, groovy, kotlin, "
              + SHELL + "; not code: " + TEXT + ")");
        }
      }
    }
  }

  // ---------------------------------------------------------------- yaml, xml, coordinates

  static final Set<String> PACKIT_KEYS = Set.of("jobs", "specfile_path", "upstream_package_name",
      "downstream_package_name", "packages", "upstream_tag_template", "files_to_sync", "actions");

  static void checkYaml(Markdown.Block b) {
    Object doc = new org.yaml.snakeyaml.Yaml().load(b.code());
    if (doc instanceof Map<?, ?> map && map.keySet().stream().anyMatch(PACKIT_KEYS::contains)) {
      // a fragment names no package; the repository name stands in, as for a config read from a forge
      ConfigLoadResult r = PackitConfigLoader.builder().repositoryName("example").build().validate(b.code(), b.where());
      assertTrue(r.valid(), b.where() + ": this .packit.yaml does not load: " + r.errors());
    }
  }

  static void checkXml(Markdown.Block b) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    var doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader("<snippet>" + b.code() + "</snippet>")));
    NodeList deps = doc.getElementsByTagName("groupId");
    StringBuilder coords = new StringBuilder();
    for (int i = 0; i < deps.getLength(); i++) {
      Element parent = (Element) deps.item(i).getParentNode();
      if (!"dev.packit".equals(deps.item(i).getTextContent().strip())) {
        continue;
      }
      String artifact = text(parent, "artifactId");
      String version = text(parent, "version");
      coords.append("dev.packit:").append(artifact).append(version.isEmpty() ? "" : ":" + version).append('\n');
    }
    checkCoordinates(b, coords.toString());
  }

  private static String text(Element e, String child) {
    NodeList l = e.getElementsByTagName(child);
    return l.getLength() == 0 ? "" : l.item(0).getTextContent().strip();
  }

  static void checkCoordinates(Markdown.Block b, String text) throws IOException {
    Map<String, String> modules = Modules.artifacts(Repo.root());
    Matcher m = Pattern.compile("dev\\.packit:([A-Za-z0-9._-]+)(?::([A-Za-z0-9.${}_-]+))?").matcher(text);
    while (m.find()) {
      assertTrue(modules.containsKey(m.group(1)), b.where() + ": no module has artifactId " + m.group(1) + " (modules: "
          + new TreeSet<>(modules.keySet()) + ")");
      if (m.group(2) != null && !m.group(2).startsWith("$")) {
        assertEquals(Modules.version(Repo.root()), m.group(2), b.where() + ": version of dev.packit:" + m.group(1));
      }
    }
  }

  // ---------------------------------------------------------------- shell

  static void checkShell(Markdown.Block b) {
    List<String> commands = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : b.code().split("\n")) {
      String l = line;
      if (b.lang().equals("console")) {
        if (!l.startsWith("$ ") && cur.length() == 0) {
          continue; // output
        }
        l = l.startsWith("$ ") ? l.substring(2) : l;
      }
      l = l.replaceAll("(^|\\s)#.*$", "").stripTrailing();
      if (l.endsWith("\\")) {
        cur.append(l, 0, l.length() - 1).append(' ');
        continue;
      }
      cur.append(l);
      if (!cur.toString().isBlank()) {
        commands.add(cur.toString().strip());
      }
      cur.setLength(0);
    }
    for (String command : commands) {
      for (String part : maskQuoted(command).split("\\s*(&&|\\|\\||;|\\|)\\s*")) {
        checkCommand(b, part.replace('\u0001', '|').replace('\u0002', ';').replace('\u0003', '&').strip());
      }
    }
  }

  /** Hides the operators inside quotes ('A|B' is one argument) from the split into commands. */
  static String maskQuoted(String command) {
    StringBuilder sb = new StringBuilder();
    char quote = 0;
    for (char c : command.toCharArray()) {
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else if (quote != 0 && (c == '|' || c == ';' || c == '&')) {
        c = c == '|' ? '\u0001' : c == ';' ? '\u0002' : '\u0003';
      }
      sb.append(c);
    }
    return sb.toString();
  }

  static void checkCommand(Markdown.Block b, String command) {
    if (command.isEmpty() || command.startsWith("(") || command.startsWith(")")) {
      return;
    }
    // a $(...) substitution is one word whatever it holds
    List<String> words = words(command.replaceAll("\\$\\([^)]*\\)", "SUBST"));
    while (!words.isEmpty() && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
      words.remove(0); // VAR=value prefix
    }
    if (words.isEmpty()) {
      return;
    }
    Path root = Repo.root();
    String cmd = words.get(0);
    String where = b.where() + ": `" + command + "`: ";
    if (cmd.startsWith("/")) {
      return; // an absolute path names a program on the author's machine (another JDK, say)
    }
    while (cmd.startsWith("../")) {
      cmd = "./" + cmd.substring(3); // run from a folder below the repository (a clone, say)
    }
    if (cmd.startsWith("./")) {
      assertTrue(Files.isExecutable(root.resolve(cmd.substring(2))), where + cmd + " is not an executable of the repository");
    } else if (!cmd.equals("packit") && !KNOWN_COMMANDS.contains(cmd) && !onPath(cmd)) {
      fail(where + "unknown command " + cmd);
    }
    if (cmd.equals("packit") || cmd.equals("./packit")) {
      checkPackitCommand(where, words.subList(1, words.size()));
    }
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("-pl") && i + 1 < words.size()) {
        for (String module : words.get(i + 1).split(",")) {
          String dir = module.startsWith(":") ? module.substring(1) : module;
          assertTrue(Files.isRegularFile(root.resolve(dir).resolve("pom.xml")) || isArtifact(module), where + "no module " + module);
        }
      }
      String value = w.startsWith("-") && w.contains("=") ? w.substring(w.indexOf('=') + 1) : w;
      for (String path : value.split(":")) {
        checkPath(where, root, path);
      }
    }
  }

  private static boolean isArtifact(String module) {
    try {
      return Modules.artifacts(Repo.root()).containsKey(module.startsWith(":") ? module.substring(1) : module);
    } catch (IOException e) {
      return false;
    }
  }

  /** A word naming a file of the repository (a relative path whose first folder exists) must exist. */
  static void checkPath(String where, Path root, String word) {
    if (!word.contains("/") || word.contains("://") || word.contains("$") || word.contains("*") || word.contains("<")
        || word.startsWith("/") || word.startsWith("~") || word.startsWith("-") || word.contains("{")) {
      return;
    }
    String p = word.startsWith("./") ? word.substring(2) : word;
    String first = p.substring(0, p.indexOf('/'));
    // target/ is build output (the root module writes one too), named relative to a module's folder.
    if (first.isEmpty() || first.equals("..") || first.equals("target") || !Files.isDirectory(root.resolve(first))) {
      return;
    }
    int target = p.indexOf("/target/");
    if (target >= 0) {
      assertTrue(Files.isRegularFile(root.resolve(p.substring(0, target)).resolve("pom.xml")),
          where + p + ": no module " + p.substring(0, target) + " builds it");
      return;
    }
    assertTrue(Files.exists(root.resolve(p)), where + p + " does not exist in the repository");
  }

  static void checkPackitCommand(String where, List<String> args) {
    if (!args.isEmpty() && args.get(0).equals("jshell")) {
      try {
        assertTrue(Files.readString(Repo.root().resolve("packit")).contains("= jshell ]"), where + "./packit has no jshell");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return; // the launcher's own: the rest are jshell's options
    }
    CommandLine cl = new CommandLine(new PackitCommand());
    int i = 0;
    while (i < args.size() && !args.get(i).startsWith("-") && cl.getSubcommands().containsKey(args.get(i))) {
      cl = cl.getSubcommands().get(args.get(i));
      i++;
    }
    if (i < args.size() && !args.get(i).startsWith("-") && !cl.getSubcommands().isEmpty()) {
      fail(where + "'" + args.get(i) + "' is not a subcommand of '" + cl.getCommandSpec().qualifiedName() + "' "
          + cl.getSubcommands().keySet());
    }
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("-") && !a.equals("-") && !a.equals("--")) {
        String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        // a negatable --[no-]x is declared as --x
        boolean found = cl.getCommandSpec().findOption(name) != null
            || name.startsWith("--no-") && cl.getCommandSpec().findOption("--" + name.substring(5)) != null;
        assertTrue(found, where + cl.getCommandSpec().qualifiedName()
            + " has no option " + name);
      }
    }
  }

  static boolean onPath(String cmd) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, cmd))) {
        return true;
      }
    }
    return false;
  }

  /** Splits a command into words, honouring single and double quotes. */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean in = false;
    for (char c : command.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        in = true;
      } else if (Character.isWhitespace(c)) {
        if (in) {
          words.add(w.toString());
          w.setLength(0);
          in = false;
        }
      } else {
        w.append(c);
        in = true;
      }
    }
    if (in) {
      words.add(w.toString());
    }
    return words;
  }

  // ---------------------------------------------------------------- java

  /** Compiles every java block in one javac run, each in its own package; reports per block. */
  static final class JavaBlocks {
    /** Where {@link #missingImports} looks for a name a block uses without importing it. */
    static final List<String> PACKAGES = List.of("dev.packit.core", "dev.packit.core.config", "dev.packit.core.http",
        "dev.packit.core.rpm", "dev.packit.core.spec", "dev.packit.forge", "dev.packit.forge.git",
        "dev.packit.forge.github", "dev.packit.forge.gitlab", "dev.packit.forge.pagure", "dev.packit.forge.forgejo",
        "dev.packit.forge.webhook",
        "dev.packit.fedora", "dev.packit.fedora.bodhi", "dev.packit.fedora.distgit", "dev.packit.fedora.koji",
        "dev.packit.fedora.lookaside", "dev.packit.fedora.messaging", "dev.packit.fedora.workflow", "dev.packit.testkit",
        "java.util", "java.io", "java.net", "java.nio.file", "java.nio.charset", "java.time", "java.util.concurrent",
        "java.util.function", "java.util.stream");
    private static final Pattern TYPE_DECL = Pattern.compile(
        "^(@\\w+(\\([^)]*\\))?\\s+)*((public|final|abstract|sealed|non-sealed|static)\\s+)*(class|record|interface|enum|@interface)\\s+(\\w+).*",
        Pattern.DOTALL);

    private final Map<Markdown.Block, List<String>> errors = new LinkedHashMap<>();
    private final List<Markdown.Block> blocks;
    private boolean compiled;

    JavaBlocks(List<Markdown.Block> blocks) {
      this.blocks = blocks;
    }

    void check(Markdown.Block b) throws IOException {
      compileAll();
      List<String> e = errors.getOrDefault(b, List.of());
      if (!e.isEmpty()) {
        fail(b.where() + ": does not compile:\n" + String.join("\n", e) + missingImports(e) + "\n--- as compiled:\n" + source(b, index(b)));
      }
    }

    /** For unknown simple names that a packit or common java package has: the imports to show. */
    static String missingImports(List<String> errors) {
      Set<String> imports = new TreeSet<>();
      Matcher m = Pattern.compile("symbol:\\s+(?:class|variable|interface) ([A-Z]\\w*)").matcher(String.join("\n", errors));
      while (m.find()) {
        for (String p : PACKAGES) {
          try {
            Class.forName(p + "." + m.group(1), false, DocSnippetsTest.class.getClassLoader());
            imports.add("import " + p + "." + m.group(1) + ";");
          } catch (ClassNotFoundException | LinkageError notThere) {
            // not in this package
          }
        }
      }
      return imports.isEmpty() ? "" : "\nA java block shows its imports (the test adds none); missing:\n  " + String.join("\n  ", imports);
    }

    private int index(Markdown.Block b) {
      return blocks.indexOf(b);
    }

    private synchronized void compileAll() throws IOException {
      if (compiled) {
        return;
      }
      compiled = true;
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      Repo.require(javac != null, "no system Java compiler (a JRE, not a JDK?)");
      List<JavaFileObject> units = new ArrayList<>();
      Map<URI, Markdown.Block> owner = new LinkedHashMap<>();
      for (int i = 0; i < blocks.size(); i++) {
        Markdown.Block b = blocks.get(i);
        String src = source(b, i);
        Matcher pub = Pattern.compile("(?m)^public\\s+(?:final\\s+|abstract\\s+|sealed\\s+)*(?:class|record|interface|enum)\\s+(\\w+)")
            .matcher(src);
        String name = pub.find() ? pub.group(1) : "Snippet";
        JavaFileObject unit = new SimpleJavaFileObject(uri("snippet" + i + "/" + name + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return src;
          }
        };
        units.add(unit);
        owner.put(unit.toUri(), b);
      }
      if (units.isEmpty()) {
        return;
      }
      DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
      Path out = Files.createTempDirectory("doc-snippets-");
      try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
        List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none", "-nowarn", "-Xmaxerrs", "10000",
            "-d", out.toString(), "-classpath", classPath());
        javac.getTask(null, fm, diags, options, null, units).call();
      } finally {
        deleteTree(out);
      }
      for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
        if (d.getKind() != Diagnostic.Kind.ERROR) {
          continue;
        }
        Markdown.Block b = d.getSource() == null ? null : owner.get(d.getSource().toUri());
        if (b == null) {
          throw new AssertionError("javac: " + d.getMessage(Locale.ROOT));
        }
        errors.computeIfAbsent(b, k -> new ArrayList<>()).add("  line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
      }
    }

    private static URI uri(String path) {
      try {
        return new URI("string:///" + path);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(e);
      }
    }

    static String classPath() {
      List<String> cp = new ArrayList<>();
      cp.add(Repo.jar().toString());
      // JUnit's API for the pages about testing a bot; it is not in packit.jar.
      for (Class<?> c : List.of(org.junit.jupiter.api.Test.class, org.opentest4j.AssertionFailedError.class,
          org.apiguardian.api.API.class)) {
        cp.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().getPath()).toString());
      }
      // packit-bot and the API types it shows (Jetty, Micrometer), for docs/bot.md (through the sample
      // bot, a test dependency of this module, so they are built first)
      for (String name : List.of("dev.packit.bot.PackitBot", "org.eclipse.jetty.server.Handler",
          "org.eclipse.jetty.util.component.LifeCycle", "io.micrometer.core.instrument.MeterRegistry")) {
        try {
          cp.add(Path.of(Class.forName(name).getProtectionDomain().getCodeSource().getLocation().getPath()).toString());
        } catch (ClassNotFoundException e) {
          // not on the class path: the bot's page fails to compile, saying which package is missing
        }
      }
      try {
        // packit-bot, for docs/reconciliation.md (a test dependency of this module)
        cp.add(Path.of(Class.forName("dev.packit.bot.reconcile.Reconciler").getProtectionDomain().getCodeSource().getLocation()
            .getPath()).toString());
      } catch (ClassNotFoundException e) {
        // not on the class path: the page fails to compile, saying which package is missing
      }
      return String.join(java.io.File.pathSeparator, cp);
    }

    /** The compilation unit of a block: declarations as they are, anything else as a method body. */
    static String source(Markdown.Block b, int index) {
      List<String> imports = new ArrayList<>();
      StringBuilder body = new StringBuilder();
      String pkg = null;
      String code0 = Transcript.isTranscript(b.code()) ? Transcript.toJava(b.code()) : b.code();
      for (String line : code0.split("\n", -1)) {
        String t = line.strip();
        if (t.startsWith("import ") && !line.startsWith(" ")) {
          imports.add(t);
          body.append('\n'); // keep line numbers
        } else if (t.startsWith("package ") && !line.startsWith(" ")) {
          pkg = t;
          body.append('\n');
        } else {
          body.append(line).append('\n');
        }
      }
      // No imports are added: a block shows every import it needs (issue 17 item 10), so that it
      // compiles when copied. java.lang is the only package a block may use without one.
      StringBuilder src = new StringBuilder();
      src.append(pkg != null ? pkg : "package snippet" + index + ";");
      for (String i : imports) {
        src.append(' ').append(i);
      }
      // Everything so far is on line 1, and the block's lines keep their numbers below.
      String code = body.toString();
      if (declarationsOnly(code)) {
        return src.append(code).toString();
      }
      String params = b.directive("given").orElse("");
      StringBuilder stubs = new StringBuilder();
      for (String stub : b.directive("stub").orElse("").split(";")) {
        if (!stub.isBlank()) {
          stubs.append(' ').append(stub.strip()).append(" { throw new UnsupportedOperationException(); }");
        }
      }
      b.directive("declare").ifPresent(d -> stubs.append(' ').append(d));
      return src.append(" class Snippet {").append(stubs).append(" void run(").append(params).append(") throws Throwable {")
          .append(code).append("}}\n").toString();
    }

    /** Whether the first code line (after comments and annotations) declares a type at column 0. */
    static boolean declarationsOnly(String code) {
      String stripped = code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
      for (String line : stripped.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        if (line.startsWith(" ")) {
          return false;
        }
        if (line.matches("^@\\w+(\\(.*\\))?\\s*$")) {
          continue;
        }
        return TYPE_DECL.matcher(line).matches();
      }
      return false;
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  // ---------------------------------------------------------------- jshell

  /** A JShell on packit.jar with packit.jsh loaded; the jshell blocks of one page run in it, in order. */
  static final class Session {
    private JShell shell;
    private String lastSource;
    private String lastValue;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void run(Markdown.Block b, Markdown.Block expectedOutput) {
      if (shell == null) {
        start();
      }
      out.reset();
      List<String> lines = List.of(Transcript.toSource(b.code()).split("\n", -1));
      for (int i = 0; i < lines.size(); i++) {
        String t = lines.get(i).stripLeading();
        // Pasted into jshell, a complete statement runs at its line end: a next line ".build()" is an error.
        assertFalse(t.startsWith(".") && !t.startsWith("..."), b.page() + ":" + (b.line() + 1 + i)
            + ": a JShell line starts with '.'; it fails when pasted (JShell runs the complete line before it): end the"
            + " line before with the dot instead");
      }
      StringBuilder pending = new StringBuilder();
      List<String> expects = new ArrayList<>();
      int firstLine = 0;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (pending.length() == 0 && line.strip().matches("/[a-z].*")) {
          continue; // a JShell command such as /exit
        }
        Matcher m = EXPECT.matcher(line);
        if (m.matches() && m.group(1).isBlank() && pending.length() == 0) {
          // "// => value" on a line of its own: the value of the snippet just run
          assertTrue(lastSource != null && matches(m.group(2).strip(), lastValue), b.page() + ":" + (b.line() + 1 + i) + ": `"
              + lastSource + "` is " + lastValue + ", the doc says " + m.group(2).strip());
          continue;
        }
        if (m.matches()) {
          line = m.group(1);
          expects.add(m.group(2).strip());
        }
        if (pending.length() == 0) {
          firstLine = i;
        }
        pending.append(line).append('\n');
        // Like the jshell tool: a snippet runs as soon as the lines so far complete it.
        SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(pending.toString());
        while (info.completeness().isComplete() || info.completeness() == SourceCodeAnalysis.Completeness.UNKNOWN) {
          String where = b.page() + ":" + (b.line() + 1 + firstLine);
          String value = eval(where, info.source());
          lastSource = info.source().strip();
          lastValue = value;
          if (!expects.isEmpty()) {
            String expected = expects.remove(0);
            if (info.remaining().isBlank()) {
              assertTrue(matches(expected, value), where + ": `" + info.source().strip() + "` is " + value + ", the doc says " + expected);
            } else {
              expects.add(0, expected);
            }
          }
          pending.setLength(0);
          pending.append(info.remaining());
          if (pending.toString().isBlank()) {
            pending.setLength(0);
            break;
          }
          info = shell.sourceCodeAnalysis().analyzeCompletion(pending.toString());
        }
        if (pending.length() == 0) {
          assertTrue(expects.isEmpty(), b.page() + ":" + (b.line() + 1 + i) + ": `// =>` after something that is not a whole snippet");
        }
      }
      assertTrue(pending.toString().isBlank(), b.where() + ": unfinished snippet at the end of the block: " + pending);
      if (expectedOutput != null) {
        String actual = normalize(out.toString(StandardCharsets.UTF_8));
        String expected = normalize(expectedOutput.code());
        assertTrue(matches(expected, actual), expectedOutput.where() + ": the output of " + b.where()
            + " differs\n--- the doc says:\n" + expected + "\n--- JShell printed:\n" + actual);
      }
    }

    private String eval(String where, String source) {
      String value = null;
      for (SnippetEvent e : shell.eval(source)) {
        if (e.causeSnippet() != null) {
          continue;
        }
        if (e.status() == Snippet.Status.REJECTED) {
          String diags = shell.diagnostics(e.snippet()).map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; "));
          fail(where + ": JShell rejects `" + source.strip() + "`: " + diags);
        }
        if (e.exception() != null) {
          fail(where + ": `" + source.strip() + "` threw " + e.exception(), e.exception());
        }
        if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
          fail(where + ": `" + source.strip() + "` refers to something undefined: "
              + shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) e.snippet()).toList());
        }
        value = e.value();
      }
      return value;
    }

    private void start() {
      PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
      shell = JShell.builder().out(ps).err(ps).remoteVMOptions("-XX:TieredStopAtLevel=1").build();
      shell.addToClasspath(Repo.jar().toString());
      for (String p : List.of("java.io", "java.math", "java.net", "java.nio.file", "java.util", "java.util.concurrent",
          "java.util.function", "java.util.prefs", "java.util.regex", "java.util.stream")) {
        eval("the jshell tool's default imports", "import " + p + ".*;");
      }
      try {
        String startup = Files.readString(Repo.root().resolve("packit-examples/jshell/packit.jsh"));
        String rest = startup;
        while (!rest.isBlank()) {
          SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
          eval("packit.jsh", info.source() == null ? rest : info.source());
          rest = info.remaining();
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    void close() {
      if (shell != null) {
        shell.close();
        shell = null;
      }
    }
  }

  static String normalize(String s) {
    return s.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
  }

  /** Exact, except that {@code ...} in the expectation matches any text. */
  static boolean matches(String expected, String actual) {
    if (actual == null) {
      return false;
    }
    String[] parts = expected.split("\\.\\.\\.", -1);
    String regex = java.util.Arrays.stream(parts).map(Pattern::quote).collect(Collectors.joining("(?s:.*)"));
    return Pattern.compile(regex, Pattern.DOTALL).matcher(actual).matches();
  }
}
