package dev.packit.bot.status.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The one escaping function, the link rule and the clipping, against hostile strings. */
class HtmlTest {
  private static final List<String> HOSTILE = List.of(
      "<script>alert(1)</script>",
      "\"><img src=x onerror=alert(1)>",
      "' onmouseover='alert(1)",
      "&lt;script&gt; already escaped &amp;",
      "</td></tr></table><form action=https://evil.example>",
      "<!-- comment --><![CDATA[x]]>",
      "tab\tnewline\nnul\u0000bell\u0007del\u007f",
      "bidi \u202Eevil\u202C and \u2066isolate\u2069",
      "emoji 🐍 stays",
      "lone \uD800 surrogate");

  @Test
  void escapedTextRoundTripsAsTextInAnElementAndInBothAttributeQuotes() {
    for (String s : HOSTILE) {
      String e = Html.escape(s);
      assertFalse(e.contains("<") || e.contains(">") || e.contains("\"") || e.contains("'"), e);
      Document d = Jsoup.parseBodyFragment("<p title=\"" + e + "\" data-x='" + e + "'>" + e + "</p>");
      Element p = d.body().child(0);
      assertEquals(1, d.body().childrenSize(), s);
      assertEquals(0, p.childrenSize(), s);
      assertEquals(2, p.attributes().size(), s);
      String expected = expectedText(s);
      assertEquals(expected, p.attr("title"), s);
      assertEquals(expected, p.attr("data-x"), s);
      assertEquals(expected, p.wholeText(), s);
    }
  }

  // What a browser shows: the same text with controls, bidi overrides and lone surrogates replaced.
  private static String expectedText(String s) {
    return s.replace('\u0000', '\uFFFD').replace('\u0007', '\uFFFD').replace('\u007f', '\uFFFD')
        .replace('\u202E', '\uFFFD').replace('\u202C', '\uFFFD').replace('\u2066', '\uFFFD').replace('\u2069', '\uFFFD')
        .replace('\uD800', '\uFFFD');
  }

  @Test
  void exactEscapes() {
    assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", Html.escape("<script>alert(\"x\")</script>"));
    assertEquals("a &amp;amp; b &#39;c&#39;", Html.escape("a &amp; b 'c'"));
    assertEquals("", Html.escape(null));
    assertEquals("🐍", Html.escape("🐍"));
  }

  @Test
  void onlyHttpAndHttpsLinksBecomeLinks() {
    for (String bad : List.of("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<b>x</b>",
        "vbscript:x", "file:///etc/passwd", "//evil.example/x", "/relative", "https:///nohost", "http://exa mple.com/",
        "ftp://example.com/x", "")) {
      assertEquals(Optional.empty(), Html.safeHref(bad), bad);
      Element e = Jsoup.parseBodyFragment(Html.link(bad, "open")).body().child(0);
      assertEquals("span", e.tagName(), bad);
      assertTrue(e.select("a").isEmpty(), bad);
    }
    assertEquals(Optional.of("https://src.fedoraproject.org/rpms/hello/pull-request/7"),
        Html.safeHref("https://src.fedoraproject.org/rpms/hello/pull-request/7"));
    assertEquals(Optional.of("HTTP://Example.com/a?b=1&c=%22"), Html.safeHref("HTTP://Example.com/a?b=1&c=%22"));
    Element a = Jsoup.parseBodyFragment(Html.link("https://example.com/x?a=1&b=2", "<b>PR</b>")).body().child(0);
    assertEquals("a", a.tagName());
    assertEquals("https://example.com/x?a=1&b=2", a.attr("href"));
    assertEquals("<b>PR</b>", a.text());
    assertEquals("noopener noreferrer nofollow", a.attr("rel"));
    // credentials never reach the page
    assertEquals(Optional.of("https://***@example.com/x?private_token=***"),
        Html.safeHref("https://bot:pw@example.com/x?private_token=abc"));
  }

  @Test
  void clipKeepsSurrogatePairsAndSaysHowMuchWasCut() {
    assertEquals("abc", Html.clip("abc", 3));
    assertEquals("ab … (2 more characters not shown)", Html.clip("abcd", 2));
    String clipped = Html.clip("a🐍b", 2);
    assertEquals("a … (3 more characters not shown)", clipped);
  }

  @Test
  void encodeMakesAPathSegmentOrQueryValue() {
    assertEquals("hello-1.2_x~", Html.encode("hello-1.2_x~"));
    assertEquals("%3Cscript%3E%2F%20%22%F0%9F%90%8D", Html.encode("<script>/ \"🐍"));
  }
}
