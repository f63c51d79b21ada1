package dev.packit.testkit;

import dev.packit.core.testing.ApiListing;
import org.junit.jupiter.api.Test;

/**
 * The public API of packit-testkit equals the committed listing {@code packit-testkit/api/packit-testkit.api}; an API change
 * must be acknowledged by regenerating it (see CONTRIBUTING.md, "The API listing").
 */
class ApiListingTest {
  @Test
  void publicApiMatchesTheCommittedListing() {
    ApiListing.check("packit-testkit");
  }
}
