package dev.packit.bot;

import dev.packit.core.testing.ApiListing;
import org.junit.jupiter.api.Test;

/**
 * The public API of packit-bot equals the committed listing {@code packit-bot/api/packit-bot.api}; an API change
 * must be acknowledged by regenerating it (see CONTRIBUTING.md, "The API listing").
 */
class ApiListingTest {
  @Test
  void publicApiMatchesTheCommittedListing() {
    ApiListing.check("packit-bot");
  }
}
