package dev.packit.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedTypeVariable;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The committed API listing of a module: every public and protected type and member of the
 * packages its {@code module-info.java} exports to everyone, as sorted, stable text.
 *
 * <pre>{@code
 * @Test
 * void apiListingIsAcknowledged() {
 *   ApiListing.check("packit-core");   // compares with api/packit-core.api
 * }
 * }</pre>
 *
 * <p>Why our own generator and not japicmp or Revapi: both compare a build with a <em>released</em>
 * baseline jar, and packit-java has no release yet. What this project needs now is a reviewable
 * text file in each pull request that shows every API change, and a build that fails when the API
 * changed without that file being updated. Once 0.1.0 is on Maven Central, japicmp against it can
 * add binary-compatibility checks on top of this listing.
 *
 * <p>The listing is read by reflection from the module's compiled classes ({@code target/classes},
 * on the test class path): generic signatures, type-use annotations such as JSpecify's
 * {@code @Nullable}, documented declaration annotations ({@code @Deprecated},
 * {@code @FunctionalInterface}), package annotations ({@code @NullMarked}) and the permitted
 * subtypes of sealed types. Qualified exports ({@code exports x to y}) are not API. It also fails
 * when a package of the module (exported or not) is not {@code @NullMarked}.
 *
 * <p>Acknowledging a change: run the tests with {@code -Dapi.update} (see CONTRIBUTING.md), which
 * rewrites {@code api/<module>.api}, and commit the file. The same run writes
 * {@code target/api-stats.txt}: the number of public types and members, in the exported packages
 * and in all packages.
 */
public final class ApiListing {
  private ApiListing() {}

  /** Counts of public (and protected) types and members. */
  public record Stats(int types, int members) {}

  /**
   * Compares the module's API with {@code api/<artifactId>.api} (relative to the module folder,
   * the tests' working directory); rewrites it instead when {@code -Dapi.update} is set.
   */
  public static void check(String artifactId) {
    Path classes = Path.of("target", "classes");
    Path listingFile = Path.of("api", artifactId + ".api");
    ModuleDescriptor module = module(classes);
    Set<String> all = packages(classes);
    Set<String> exported = module.exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toCollection(TreeSet::new));
    List<String> unmarked = all.stream().filter(pkg -> !nullMarked(pkg)).toList();
    if (!unmarked.isEmpty()) {
      fail("every package of " + artifactId + " must be @NullMarked (JSpecify; docs/architecture.md, "
          + "\"Nullness\"): add it to the package-info.java of " + unmarked);
    }
    Map<String, Entry> api = listing(classes, exported);
    String text = render(artifactId, module.name(), api);
    writeStats(artifactId, classes, exported, all);

    boolean update = System.getProperty("api.update") != null
        && !"false".equalsIgnoreCase(System.getProperty("api.update"));
    try {
      if (update) {
        Files.createDirectories(listingFile.getParent());
        Files.writeString(listingFile, text, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.isRegularFile(listingFile)) {
        fail("no API listing " + listingFile.toAbsolutePath() + "; create it with: " + COMMAND);
      }
      String committed = Files.readString(listingFile, StandardCharsets.UTF_8);
      if (!committed.equals(text)) {
        fail("the public API of " + artifactId + " differs from " + listingFile
            + " (- listed, + compiled):\n" + diff(parse(committed), api)
            + "\nIf the change is intended, acknowledge it: " + COMMAND
            + "\nand commit the .api file (new API gets an @since tag).");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one command that regenerates every module's listing. */
  public static final String COMMAND = "./mvnw -B -q test -Dtest=ApiListingTest "
      + "-Dsurefire.failIfNoSpecifiedTests=false -Dapi.update";

  private static ModuleDescriptor module(Path classes) {
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the module descriptor in " + classes.toAbsolutePath(), e);
    }
  }

  private static Set<String> packages(Path classes) {
    try (Stream<Path> files = Files.walk(classes)) {
      return files.filter(f -> f.toString().endsWith(".class"))
          .map(f -> classes.relativize(f.getParent() == null ? f : f.getParent()).toString()
              .replace(f.getFileSystem().getSeparator(), "."))
          .filter(p -> !p.isEmpty())
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Class<?>> topLevelClasses(Path classes, String pkg) {
    Path dir = classes.resolve(pkg.replace('.', '/'));
    List<Class<?>> result = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".class") || name.contains("$") || name.equals("package-info.class")
            || name.equals("module-info.class")) {
          continue;
        }
        result.add(load(pkg + "." + name.substring(0, name.length() - ".class".length())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ApiListing.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("cannot load " + name + " for the API listing", e);
    }
  }

  /** Types visible to users: public, or protected inside an extensible visible type. */
  private static void collect(Class<?> type, List<Class<?>> into) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return;
    }
    int m = type.getModifiers();
    boolean visible = Modifier.isPublic(m) || (Modifier.isProtected(m)
        && type.getEnclosingClass() != null && !Modifier.isFinal(type.getEnclosingClass().getModifiers()));
    if (!visible) {
      return;
    }
    into.add(type);
    for (Class<?> nested : type.getDeclaredClasses()) {
      collect(nested, into);
    }
  }

  private static List<Class<?>> apiTypes(Path classes, Set<String> packages) {
    List<Class<?>> types = new ArrayList<>();
    for (String pkg : packages) {
      for (Class<?> c : topLevelClasses(classes, pkg)) {
        collect(c, types);
      }
    }
    return types;
  }

  /** One package or type of the listing, its header line and its member lines. */
  private record Entry(String header, List<String> members) {}

  /** Sorted by package or type name, so an entry keeps its place when its modifiers change. */
  private static Map<String, Entry> listing(Path classes, Set<String> exported) {
    Map<String, Entry> result = new TreeMap<>();
    for (String pkg : exported) {
      result.put(pkg, new Entry("package " + pkg + packageAnnotations(pkg), List.of()));
    }
    for (Class<?> type : apiTypes(classes, exported)) {
      result.put(type.getName().replace('$', '.'), new Entry(header(type), members(type).stream().sorted().toList()));
    }
    return result;
  }

  /** The package or type name in a header line: the word after the kind. */
  private static String key(String header) {
    List<String> words = List.of(header.split(" "));
    for (int i = 0; i < words.size() - 1; i++) {
      if (List.of("package", "class", "interface", "enum", "record", "@interface").contains(words.get(i))) {
        String name = words.get(i + 1);
        int lt = name.indexOf('<');
        return lt < 0 ? name : name.substring(0, lt);
      }
    }
    return header;
  }

  private static boolean nullMarked(String pkg) {
    try {
      Class<?> info = Class.forName(pkg + ".package-info", false, ApiListing.class.getClassLoader());
      return Arrays.stream(info.getAnnotations())
          .anyMatch(a -> a.annotationType().getName().equals("org.jspecify.annotations.NullMarked"));
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static String packageAnnotations(String pkg) {
    try {
      Class<?> info = Class.forName(pkg + ".package-info", false, ApiListing.class.getClassLoader());
      String a = declarationAnnotations(info);
      return a.isEmpty() ? "" : " " + a.strip();
    } catch (ClassNotFoundException e) {
      return " (no package-info)";
    }
  }

  private static void writeStats(String artifactId, Path classes, Set<String> exported, Set<String> all) {
    Stats api = stats(apiTypes(classes, exported));
    Stats everything = stats(apiTypes(classes, all));
    String text = artifactId + ": exported packages " + exported.size() + ", public types " + api.types()
        + ", public members " + api.members() + "; all packages " + all.size() + ", public types "
        + everything.types() + ", public members " + everything.members() + "\n";
    try {
      Files.writeString(Path.of("target", "api-stats.txt"), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.print(text);
  }

  private static Stats stats(List<Class<?>> types) {
    int members = types.stream().mapToInt(t -> members(t).size()).sum();
    return new Stats(types.size(), members);
  }

  private static String render(String artifactId, String moduleName, Map<String, Entry> api) {
    StringBuilder out = new StringBuilder();
    out.append("# The public API of ").append(artifactId).append(" (module ").append(moduleName)
        .append("). Generated; do not edit.\n# Regenerate: ").append(COMMAND).append('\n');
    api.values().forEach(e -> {
      out.append('\n').append(e.header()).append('\n');
      e.members().forEach(m -> out.append("  ").append(m).append('\n'));
    });
    return out.toString();
  }

  private static Map<String, Entry> parse(String text) {
    Map<String, Entry> result = new TreeMap<>();
    List<String> current = null;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("  ") && current != null) {
        current.add(line.substring(2));
      } else {
        current = new ArrayList<>();
        result.put(key(line), new Entry(line, current));
      }
    }
    return result;
  }

  /** A per-type diff: readable even when a change moves many lines. */
  private static String diff(Map<String, Entry> listed, Map<String, Entry> compiled) {
    StringBuilder out = new StringBuilder();
    Set<String> keys = new TreeSet<>(listed.keySet());
    keys.addAll(compiled.keySet());
    for (String k : keys) {
      Entry was = listed.get(k);
      Entry now = compiled.get(k);
      if (was == null) {
        out.append("+ ").append(now.header()).append('\n');
        now.members().forEach(m -> out.append("+   ").append(m).append('\n'));
      } else if (now == null) {
        out.append("- ").append(was.header()).append('\n');
        was.members().forEach(m -> out.append("-   ").append(m).append('\n'));
      } else if (!was.equals(now)) {
        List<String> before = was.members();
        List<String> after = now.members();
        if (was.header().equals(now.header())) {
          out.append("  ").append(now.header()).append('\n');
        } else {
          out.append("- ").append(was.header()).append('\n').append("+ ").append(now.header()).append('\n');
        }
        Set<String> removed = new LinkedHashSet<>(before);
        after.forEach(removed::remove);
        Set<String> added = new LinkedHashSet<>(after);
        before.forEach(added::remove);
        removed.forEach(m -> out.append("-   ").append(m).append('\n'));
        added.forEach(m -> out.append("+   ").append(m).append('\n'));
      }
    }
    return out.toString();
  }

  // ---- rendering ------------------------------------------------------------------------------

  private static String header(Class<?> type) {
    StringBuilder b = new StringBuilder(declarationAnnotations(type));
    int m = type.getModifiers();
    String kind;
    if (type.isAnnotation()) {
      kind = "@interface";
      m &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
    } else if (type.isInterface()) {
      kind = "interface";
      m &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
    } else if (type.isEnum()) {
      kind = "enum";
      m &= ~(Modifier.FINAL | Modifier.ABSTRACT);
    } else if (type.isRecord()) {
      kind = "record";
      m &= ~Modifier.FINAL;
    } else {
      kind = "class";
    }
    if (type.isInterface() || type.isEnum() || type.isRecord()) {
      m &= ~Modifier.STATIC; // implicit for nested ones
    }
    b.append(Modifier.toString(m & (Modifier.classModifiers() | Modifier.INTERFACE)));
    if (type.isSealed()) {
      b.append(" sealed");
    }
    b.append(' ').append(kind).append(' ').append(type.getName().replace('$', '.'));
    b.append(typeParameters(type.getTypeParameters()));
    if (!type.isInterface() && !type.isEnum() && !type.isRecord()) {
      AnnotatedType sup = type.getAnnotatedSuperclass();
      if (sup != null && sup.getType() != Object.class) {
        b.append(" extends ").append(typeName(sup));
      }
    }
    AnnotatedType[] interfaces = type.getAnnotatedInterfaces();
    if (interfaces.length > 0 && !type.isAnnotation()) {
      b.append(type.isInterface() ? " extends " : " implements ");
      b.append(Arrays.stream(interfaces).map(ApiListing::typeName).collect(Collectors.joining(", ")));
    }
    if (type.isSealed()) {
      b.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses())
          .map(c -> c.getName().replace('$', '.')).sorted().collect(Collectors.joining(", ")));
    }
    return b.toString();
  }

  private static List<String> members(Class<?> type) {
    boolean extensible = !Modifier.isFinal(type.getModifiers()) && !type.isEnum() && !type.isRecord();
    List<String> out = new ArrayList<>();
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (visible(c.getModifiers(), extensible) && !c.isSynthetic() && !type.isEnum()) {
        out.add(declarationAnnotations(c) + modifiers(c.getModifiers()) + typeParameters(c.getTypeParameters())
            + "<init>" + parameters(c) + exceptions(c));
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (visible(method.getModifiers(), extensible) && !method.isSynthetic() && !method.isBridge()) {
        int m = method.getModifiers();
        if (type.isInterface()) {
          m &= ~Modifier.ABSTRACT; // implicit
        }
        String mods = modifiers(m) + (method.isDefault() ? "default " : "");
        out.add(declarationAnnotations(method) + mods + typeParameters(method.getTypeParameters())
            + typeName(method.getAnnotatedReturnType()) + " " + method.getName() + parameters(method)
            + exceptions(method));
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (visible(f.getModifiers(), extensible) && !f.isSynthetic()) {
        out.add(declarationAnnotations(f) + modifiers(f.getModifiers())
            + (f.isEnumConstant() ? "enum-constant " : typeName(f.getAnnotatedType()) + " ") + f.getName());
      }
    }
    return out;
  }

  private static boolean visible(int modifiers, boolean extensible) {
    return Modifier.isPublic(modifiers) || (extensible && Modifier.isProtected(modifiers));
  }

  private static String modifiers(int m) {
    String s = Modifier.toString(m & ~(Modifier.TRANSIENT | Modifier.VOLATILE | Modifier.SYNCHRONIZED
        | Modifier.NATIVE | Modifier.STRICT));
    return s.isEmpty() ? "" : s + " ";
  }

  private static String parameters(Executable e) {
    AnnotatedType[] params = e.getAnnotatedParameterTypes();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      String t = typeName(params[i]);
      if (e.isVarArgs() && i == params.length - 1 && t.endsWith("[]")) {
        t = t.substring(0, t.length() - 2) + "...";
      }
      names.add(t);
    }
    return "(" + String.join(", ", names) + ")";
  }

  private static String exceptions(Executable e) {
    Type[] thrown = e.getGenericExceptionTypes();
    if (thrown.length == 0) {
      return "";
    }
    return " throws " + Arrays.stream(thrown).map(ApiListing::plainTypeName).sorted()
        .collect(Collectors.joining(", "));
  }

  private static String typeParameters(TypeVariable<?>[] vars) {
    if (vars.length == 0) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (TypeVariable<?> v : vars) {
      AnnotatedType[] bounds = v.getAnnotatedBounds();
      String s = annotations(v.getAnnotations()) + v.getName();
      List<String> b = Arrays.stream(bounds).filter(t -> t.getType() != Object.class || t.getAnnotations().length > 0)
          .map(ApiListing::typeName).toList();
      if (!b.isEmpty()) {
        s += " extends " + String.join(" & ", b);
      }
      out.add(s);
    }
    return "<" + String.join(", ", out) + "> ";
  }

  private static String typeName(AnnotatedType t) {
    String ann = annotations(t.getAnnotations());
    if (t instanceof AnnotatedArrayType a) {
      return typeName(a.getAnnotatedGenericComponentType()) + (ann.isEmpty() ? "" : " " + ann.strip()) + "[]";
    }
    if (t instanceof AnnotatedParameterizedType p) {
      ParameterizedType pt = (ParameterizedType) p.getType();
      String args = Arrays.stream(p.getAnnotatedActualTypeArguments()).map(ApiListing::typeName)
          .collect(Collectors.joining(", "));
      return ann + plainTypeName(pt.getRawType()) + "<" + args + ">";
    }
    if (t instanceof AnnotatedWildcardType w) {
      AnnotatedType[] lower = w.getAnnotatedLowerBounds();
      AnnotatedType[] upper = w.getAnnotatedUpperBounds();
      if (lower.length > 0) {
        return ann + "? super " + typeName(lower[0]);
      }
      if (upper.length == 0 || (upper[0].getType() == Object.class && upper[0].getAnnotations().length == 0)) {
        return ann + "?";
      }
      return ann + "? extends " + typeName(upper[0]);
    }
    if (t instanceof AnnotatedTypeVariable v) {
      return ann + ((TypeVariable<?>) v.getType()).getName();
    }
    return ann + plainTypeName(t.getType());
  }

  private static String plainTypeName(Type t) {
    if (t instanceof Class<?> c) {
      if (c.isArray()) {
        return plainTypeName(c.getComponentType()) + "[]";
      }
      String name = c.getName().replace('$', '.');
      if (name.startsWith("java.lang.") && name.indexOf('.', "java.lang.".length()) < 0) {
        return name.substring("java.lang.".length());
      }
      return name;
    }
    return t.getTypeName();
  }

  /** Type-use annotations: all that are kept at run time (JSpecify's are). */
  private static String annotations(Annotation[] annotations) {
    StringBuilder b = new StringBuilder();
    for (Annotation a : annotations) {
      b.append('@').append(annotationName(a.annotationType())).append(' ');
    }
    return b.toString();
  }

  /** Declaration annotations that are part of the contract: the documented ones. */
  private static String declarationAnnotations(AnnotatedElement e) {
    StringBuilder b = new StringBuilder();
    Arrays.stream(e.getDeclaredAnnotations())
        .filter(a -> a.annotationType().isAnnotationPresent(Documented.class))
        .map(a -> "@" + annotationName(a.annotationType()) + annotationArguments(a))
        .sorted()
        .forEach(s -> b.append(s).append(' '));
    return b.toString();
  }

  private static String annotationArguments(Annotation a) {
    if (a instanceof Deprecated d) {
      return d.forRemoval() ? "(forRemoval=true)" : "";
    }
    return "";
  }

  private static String annotationName(Class<?> type) {
    String name = type.getName().replace('$', '.');
    for (String prefix : List.of("java.lang.", "org.jspecify.annotations.")) {
      if (name.startsWith(prefix) && name.indexOf('.', prefix.length()) < 0) {
        return name.substring(prefix.length());
      }
    }
    return name;
  }
}
