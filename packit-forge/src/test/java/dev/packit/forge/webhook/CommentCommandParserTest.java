package dev.packit.forge.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommentCommandParserTest {
  private final CommentCommandParser parser = CommentCommandParser.packit();

  @ParameterizedTest
  @CsvSource({
      "/packit propose-downstream, PROPOSE_DOWNSTREAM",
      "/packit koji-build, KOJI_BUILD",
      "/packit create-update, CREATE_UPDATE",
      "/packit pull-from-upstream, PULL_FROM_UPSTREAM",
      "/packit koji-tag --all-branches, KOJI_TAG",
      "'/packit test --labels a,b', TEST",
      "'   /packit    copr-build   ', COPR_BUILD"})
  void knownCommandsAreRecognised(String comment, CommandType expected) {
    CommentCommand cmd = parser.parse(comment).orElseThrow();
    assertEquals(expected, cmd.type());
    assertTrue(cmd.valid(), cmd.problem());
    assertEquals("/packit", cmd.prefix());
  }

  @Test
  void pullFromUpstreamOptions() {
    CommentCommand cmd = parser.parse("/packit pull-from-upstream --resolve-bug rhbz#123,rhbz#124 --version=1.2.3 --with-pr-config")
        .orElseThrow();
    assertTrue(cmd.valid(), cmd.problem());
    assertEquals(Optional.of("rhbz#123,rhbz#124"), cmd.option("--resolve-bug"));
    assertEquals(Optional.of("1.2.3"), cmd.option("--version"));
    assertTrue(cmd.hasFlag("--with-pr-config"));
    assertEquals(List.of("--resolve-bug", "rhbz#123,rhbz#124", "--version=1.2.3", "--with-pr-config"), cmd.arguments());
  }

  @Test
  void badArgumentsAreExplained() {
    CommentCommand missing = parser.parse("/packit pull-from-upstream --version").orElseThrow();
    assertFalse(missing.valid());
    assertEquals("--version of pull-from-upstream needs a value", missing.problem());

    CommentCommand unknownOpt = parser.parse("/packit koji-build --scratch").orElseThrow();
    assertEquals(CommandType.KOJI_BUILD, unknownOpt.type());
    assertFalse(unknownOpt.valid());
    assertTrue(unknownOpt.problem().contains("'--scratch' is not an argument of koji-build"), unknownOpt.problem());

    CommentCommand twice = parser.parse("/packit pull-from-upstream --version 1 --version 2").orElseThrow();
    assertTrue(twice.problem().contains("given twice"), twice.problem());

    CommentCommand flagValue = parser.parse("/packit koji-tag --all-branches=yes").orElseThrow();
    assertTrue(flagValue.problem().contains("takes no value"), flagValue.problem());
  }

  @Test
  void commandIsFoundOnAnyLineAndTextAroundItIsIgnored() {
    CommentCommand cmd = parser.parse("Thanks for the release!\r\n\n  /packit koji-build  \nbye /packit create-update")
        .orElseThrow();
    assertEquals(CommandType.KOJI_BUILD, cmd.type());
    assertEquals(3, cmd.line());
  }

  @Test
  void textThatIsNoCommandYieldsNothing() {
    for (String s : List.of("", "   ", "please /packit koji-build", "/packit", "/packit\n", "/PACKIT koji-build",
        "/packitkoji-build", "/packit-stg koji-build")) {
      assertEquals(Optional.empty(), parser.parse(s), s);
    }
  }

  @Test
  void unknownCommandIsRecognisedAsSuch() {
    CommentCommand cmd = parser.parse("/packit foobar").orElseThrow();
    assertEquals(CommandType.UNKNOWN, cmd.type());
    assertEquals("foobar", cmd.name());
    assertFalse(cmd.valid());
    assertTrue(cmd.problem().startsWith("'foobar' is not a Packit command"), cmd.problem());
    assertTrue(cmd.problem().contains("propose-downstream"), cmd.problem());
  }

  @Test
  void stagingPrefix() {
    CommentCommandParser both = CommentCommandParser.withPrefixes(CommentCommandParser.PRODUCTION_PREFIX,
        CommentCommandParser.STAGING_PREFIX);
    CommentCommand stg = both.parse("/packit-stg propose-downstream").orElseThrow();
    assertEquals("/packit-stg", stg.prefix());
    assertEquals(CommandType.PROPOSE_DOWNSTREAM, stg.type());
    assertEquals(Optional.empty(), CommentCommandParser.withPrefixes("/packit-stg").parse("/packit koji-build"));
  }
}
