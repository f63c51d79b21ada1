package dev.packit.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The macro expander and condition evaluator, construct by construct. */
class SpecExpansionTest {
  private static final String BASE = """
      %global majorver 1
      %global minorver 2
      %define flagged(f:) %{?-f:F=%{-f*}} n=%# all=%* first=%1
      %define withopts(a:b) [%{-a*}|%{-b}|%*]
      Name: demo
      Version: %{majorver}.%{minorver}
      Release: 3%{?dist}
      """;

  private static String expand(String body, String expr) {
    return SpecFile.parse(body).expand(expr);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = " => ", quoteCharacter = '#', value = {
    "%{name}-%{version} => demo-1.2",
    "%{?majorver} => 1",
    "%{?nosuch} => ##",
    "x%{?nosuch:yes}y => xy",
    "%{?majorver:yes} => yes",
    "%{!?nosuch:fallback} => fallback",
    "%{!?majorver:fallback} => ##",
    "%{nosuch} => %{nosuch}",
    "%nosuch => %nosuch",
    "100%% => 100%",
    "%{expand:%%{name}} => demo",
    "%{expr:1+2*3} => 7",
    "%[2 * (3 + 4)] => 14",
    "%[\"a\" == \"a\" && 1] => 1",
    "%[v\"1.2\" < v\"1.10\"] => 1",
    "%{flagged -f x a b} => F=x n=2 all=a b first=a",
    "%{withopts -a 1 -b z} => [1|-b|z]",
    "%{upper:abc} => ABC",
    "%{basename:/a/b/c.tar.gz} => c.tar.gz",
    "%{shrink:  a   b  } => a b",
    "%{len:abcd} => 4",
    "%(echo 1.2-3 | tr - .) => 1.2.3",
    "%(c=abcdef123; echo ${c:0:7}) => abcdef1",
    "%(echo 1.2.3 | cut -d. -f1-2) => 1.2",
    "%(echo a-b | sed 's/-/~/g') => a~b",
    "%{lua: print((string.gsub(\"1-2-3\", \"-\", \".\")))} => 1.2.3",
    "%{lua:print(rpm.expand(\"%{name}\"):sub(1,2))} => de",
    "%{lua:print(macros.majorver .. \"x\")} => 1x",
  })
  void expandsLikeRpm(String expr, String want) {
    assertEquals(want, expand(BASE, expr));
  }

  @Test
  void luaAndShellThatCannotBeEvaluatedStayVisibleWithAProblem() {
    SpecEvaluation ev = SpecFile.parse(BASE + "%global vvv %(cat VERSION)\n%global www %{lua: os.execute('x')}\n").evaluate();
    assertEquals("%(cat VERSION)", ev.expand("%{vvv}"));
    assertEquals("%{lua: os.execute('x')}", ev.expand("%{www}"));
    assertTrue(ev.problems().stream().anyMatch(p -> p.contains("%(shell) not executed")), ev.problems().toString());
    assertTrue(ev.problems().stream().anyMatch(p -> p.contains("%{lua:} not evaluated")), ev.problems().toString());
  }

  @Test
  void userSuppliedShellRunsOnlyWhenAsked() {
    String spec = BASE.replace("Release: 3%{?dist}", "Release: %(hostname)");
    assertEquals("%(hostname)", SpecFile.parse(spec).nevr().release());
    SpecOptions opts = SpecOptions.builder().shell(cmd -> "ran:" + cmd + "\n").build();
    assertEquals("ran:hostname", SpecFile.parse(spec).nevr(opts).release());
  }

  @Test
  void definesWorkLikeRpmspecDefine() {
    SpecOptions opts = SpecOptions.builder().define("dist .fc42").define("fedora", "42").build();
    SpecFile spec = SpecFile.parse(BASE + "%if 0%{?fedora} >= 40\nEpoch: 2\n%endif\n");
    assertEquals(new Nevr("demo", "2", "1.2", "3.fc42"), spec.nevr(opts));
    assertEquals(new Nevr("demo", "", "1.2", "3"), spec.nevr());
  }

  @Test
  void multiLineDefinitionsAndUndefine() {
    String spec = """
        %define desc \\
        first line\\
        second line
        %global one 1
        %undefine one
        %global two %{?one}%{!?one:none}
        %{!?three: %global three 3}
        Name: x
        Version: 1
        Release: 1
        """;
    SpecFile f = SpecFile.parse(spec);
    assertEquals("\nfirst line\nsecond line", f.expand("%{desc}"));
    assertEquals("none", f.expand("%{two}"));
    assertEquals("3", f.expand("%{three}"));
    MacroDefinition desc = f.macroDefinitions().get(0);
    assertEquals("desc", desc.name());
    assertEquals(1, desc.line());
    assertEquals(3, desc.endLine());
  }

  @Test
  void conditionalsPickTheLiveBranch() {
    String spec = """
        Name: c
        %if 0%{?rhel}
        Version: 1
        %elif "%{name}" == "c" && !0%{?nosuch}
        Version: 2
        %else
        Version: 3
        %endif
        %ifarch x86_64 aarch64
        Release: 64
        %else
        Release: 32
        %endif
        %ifos linux
        Epoch: 1
        %endif
        %ifnarch s390x
        License: MIT
        %endif
        """;
    SpecFile f = SpecFile.parse(spec);
    assertEquals(new Nevr("c", "1", "2", "64"), f.nevr());
    assertEquals(new Nevr("c", "1", "2", "32"), f.nevr(SpecOptions.builder().arch("i686").build()));
    List<Tag> versions = f.tags().stream().filter(t -> t.is("version")).toList();
    assertEquals(List.of(false, true, false), versions.stream().map(Tag::live).toList());
    assertEquals("", versions.get(0).expandedValue());
    assertEquals(List.of("if", "elif", "else", "endif"),
        f.conditionals().subList(0, 4).stream().map(Conditional::keyword).toList());
    assertEquals(List.of(false, true, false, true),
        f.conditionals().subList(0, 4).stream().map(Conditional::taken).toList());
    assertFalse(f.evaluate().isLive(3));
    assertTrue(f.evaluate().isLive(5));
  }

  @Test
  void bcondsFollowWithAndWithoutDefines() {
    String spec = """
        %bcond_with docs
        %bcond_without tests
        %bcond python 1
        %bcond ruby 0
        Name: b
        Version: %{with docs}.%{with tests}.%{with python}.%{with ruby}
        Release: %{without tests}
        """;
    SpecFile f = SpecFile.parse(spec);
    assertEquals("0.1.1.0", f.nevr().version());
    assertEquals("0", f.nevr().release());
    SpecOptions flip = SpecOptions.builder().define("_with_docs 1").define("_without_tests 1")
        .define("_without_python 1").define("_with_ruby 1").build();
    assertEquals("1.0.0.1", f.nevr(flip).version());
    List<Bcond> b = f.bconds();
    assertEquals(List.of("docs", "tests", "python", "ruby"), b.stream().map(Bcond::name).toList());
    assertEquals(List.of(false, true, true, false), b.stream().map(Bcond::defaultEnabled).toList());
    assertEquals(List.of(false, true, true, false), b.stream().map(Bcond::enabled).toList());
  }

  @Test
  void autoreleaseDefaultsToOneAndFollowsHistory() {
    String spec = "Name: a\nVersion: 1\nRelease: %autorelease\n%changelog\n%autochangelog\n";
    SpecFile f = SpecFile.parse(spec);
    assertEquals("1", f.nevr().release());
    assertEquals("1.fc42", f.nevr(SpecOptions.builder().define("dist .fc42").build()).release());
    assertEquals("4", f.nevr(SpecOptions.builder().autoreleaseCommits(4).build()).release());
    assertEquals("0.1.rc1", SpecFile.parse("Name: a\nVersion: 1\nRelease: %autorelease -p -e rc1\n").nevr().release());
    assertEquals("5", SpecFile.parse("Name: a\nVersion: 1\nRelease: %{autorelease -b 5}\n").nevr().release());
    assertTrue(f.hasAutorelease());
    assertTrue(f.hasAutochangelog());
    assertTrue(SpecFile.parse("Name: a\nRelease: %{?fedora:%{autorelease}}%{!?fedora:1}\n").hasAutorelease());
    assertFalse(SpecFile.parse("Name: a\nRelease: 1%{?dist}\n%changelog\n# %autochangelog\n").hasAutochangelog());
  }

  @Test
  void runawayRecursionStaysLocal() {
    // specfile#402: one recursive macro must not break everything else
    String spec = "%global cflags -O3 %{cflags}\nName: r\nVersion: 1\nRelease: 1\n%build\necho %{cflags}\n";
    SpecFile f = SpecFile.parse(spec);
    assertEquals(new Nevr("r", "", "1", "1"), f.nevr());
    SpecEvaluation ev = f.evaluate();
    assertTrue(ev.problems().stream().anyMatch(p -> p.contains("recursion")), ev.problems().toString());
    assertTrue(ev.failed());
  }

  @Test
  void evaluationIsThreadSafe() throws Exception {
    SpecFile f = SpecFile.parse(BASE);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Nevr>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String dist = ".t" + i;
        results.add(pool.submit(() -> f.nevr(SpecOptions.builder().define("dist " + dist).build())));
      }
      for (int i = 0; i < 200; i++) {
        assertEquals("3.t" + i, results.get(i).get().release());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
