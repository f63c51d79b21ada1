package dev.packit.bot;

import java.util.HashSet;
import java.util.Set;

/** Reads one series from a Prometheus text scrape (label order and number format do not matter). */
public final class Scrape {
  private Scrape() {}

  /**
   * The value of a series.
   *
   * @param text the scrape
   * @param series {@code name} or {@code name{label="value",...}}
   * @return its value, or -1 when the scrape has no such series
   */
  public static double value(String text, String series) {
    String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
    Set<String> labels = labels(series);
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String s = line.substring(0, space);
      String n = s.contains("{") ? s.substring(0, s.indexOf('{')) : s;
      if (n.equals(name) && labels(s).containsAll(labels) && (labels.isEmpty() == labels(s).isEmpty())) {
        return Double.parseDouble(line.substring(space + 1));
      }
    }
    return -1;
  }

  private static Set<String> labels(String series) {
    Set<String> out = new HashSet<>();
    int open = series.indexOf('{');
    if (open < 0) {
      return out;
    }
    for (String l : series.substring(open + 1, series.lastIndexOf('}')).split(",")) {
      if (!l.isBlank()) {
        out.add(l.strip());
      }
    }
    return out;
  }
}
